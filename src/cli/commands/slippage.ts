/**
 * `tradesize slippage`: one book → the walk of `--quantity` (`expectedSlippage`: with
 * `--daily-vol` and `--daily-volume` the square-root law prices what the book does not show), or
 * the largest quantity within `--budget` bps (`maxQuantityWithinBudget`, beyond the book with the
 * same law); several books → the cheapest split (`splitOrder`) of `--quantity`, or of the largest
 * quantity within the budget. JSON keys: averagePrice, worstPrice, slippageBps, filledQuantity,
 * unfilledQuantity (what the book cannot fill, also when the law prices it), beyondBookQuantity,
 * maxQuantity, impactQuantity and limitedByDepth (with --budget), split [{book, quantity,
 * averagePrice, cost}] and totalCost (several books).
 */
import { TradesizeError } from '../../core/errors.js';
import { fmt } from '../../core/format.js';
import { exclusive, optionalNumber, parseNumber } from '../options.js';
import { emit, renderRows, renderTable } from '../output.js';
import { list, str, type Opts } from '../flags/types.js';
import { withFlag } from '../flags/paths.js';
import { SLIPPAGE } from '../flags/slippage.js';
import { readBookFile } from '../book-input.js';
import type { OrderSide } from '../../liquidity/book.js';
import { ladderOf, type Venue } from '../../liquidity/venues.js';
import { splitOrder, type Split } from '../../liquidity/split.js';
import { maxQuantityWithinBudget } from '../../liquidity/budget.js';
import { BOOK_IMPACT_Y, expectedSlippage, type ImpactModel } from '../../liquidity/impact.js';

/** The i-th --fee-rate for the i-th --book: none (all 0) or exactly one per book. */
function feeRates(o: Opts, books: number): number[] {
  const given = list(o.feeRate);
  if (given.length === 0) return Array.from({ length: books }, () => 0);
  if (given.length !== books) {
    throw new TradesizeError('CONFLICTING_OPTIONS', `give one --fee-rate per --book (${books} books, ${given.length} fee rates), or none`, ['--fee-rate']);
  }
  return given.map((v) => parseNumber(v, '--fee-rate'));
}

function impactOf(o: Opts, books: number): ImpactModel | undefined {
  const sigma = optionalNumber(str(o.dailyVol), '--daily-vol');
  const dailyVolume = optionalNumber(str(o.dailyVolume), '--daily-volume');
  if ((sigma === undefined) !== (dailyVolume === undefined)) {
    throw new TradesizeError('MISSING_OPTION', '--daily-vol and --daily-volume go together', [sigma === undefined ? '--daily-vol' : '--daily-volume']);
  }
  const y = optionalNumber(str(o.impactY), '--impact-y');
  if (sigma === undefined || dailyVolume === undefined) {
    if (y !== undefined) throw new TradesizeError('MISSING_OPTION', '--impact-y needs --daily-vol and --daily-volume', ['--daily-vol']);
    return undefined;
  }
  if (books > 1) throw new TradesizeError('CONFLICTING_OPTIONS', '--daily-vol prices one book beyond its depth; it does not apply to a split across several books', ['--daily-vol']);
  return { y: y ?? BOOK_IMPACT_Y.y, sigma, dailyVolume };
}

/** The split's output with each part named by its --book file. */
function splitResult(s: Split, files: readonly string[]) {
  return {
    side: s.side,
    referencePrice: s.referencePrice,
    averagePrice: s.averagePrice,
    worstPrice: s.worstPrice,
    slippageBps: s.slippageBps,
    filledQuantity: s.filledQuantity,
    unfilledQuantity: s.unfilledQuantity,
    split: s.split.map((p) => ({ book: files[p.book] as string, quantity: p.quantity, averagePrice: p.averagePrice, cost: p.cost, marginalPrice: p.marginalPrice })),
    totalCost: s.totalCost,
  };
}

async function compute(o: Opts): Promise<Record<string, unknown>> {
  exclusive(o, { quantity: '--quantity', budget: '--budget' });
  const files = list(o.book);
  const side = str(o.side) as OrderSide;
  const fees = feeRates(o, files.length);
  const venues: Venue[] = [];
  for (const [i, f] of files.entries()) venues.push({ book: await readBookFile(f), feeRate: fees[i] as number });
  ladderOf(venues, side); // checks the fee rates, whichever path follows
  const quantity = optionalNumber(str(o.quantity), '--quantity');
  const budget = optionalNumber(str(o.budget), '--budget');
  if (quantity === undefined && budget === undefined) throw new TradesizeError('MISSING_OPTION', 'give --quantity (price an order) or --budget (the largest order within a slippage budget)', ['--quantity']);
  const impact = impactOf(o, files.length);
  const base = { side, books: files };
  const model = impact === undefined ? {} : { impact };
  if (budget !== undefined) {
    const b = maxQuantityWithinBudget(venues, side, budget, impact);
    const head = { ...base, budgetBps: budget, maxQuantity: b.maxQuantity, impactQuantity: b.impactQuantity, limitedByDepth: b.limitedByDepth, limitPrice: b.limitPrice };
    if (b.impactQuantity > 0) {
      // Beyond the book: the composite walk + square-root law at maxQuantity, its cost as one book's.
      const { cost, ...w } = oneBook(venues[0] as Venue, side, b.maxQuantity, impact);
      return { ...head, referencePrice: w.mid, ...w, totalCost: cost, ...model };
    }
    const at = b.maxQuantity > 0 ? splitResult(splitOrder(venues, side, b.maxQuantity), files) : undefined;
    const filled = at ?? { referencePrice: b.referencePrice, filledQuantity: 0, unfilledQuantity: 0 };
    const result = { ...head, ...filled, ...model };
    return files.length === 1 ? withoutSplit(result) : result;
  }
  const q = quantity as number;
  if (files.length === 1) return { ...base, quantity: q, ...oneBook(venues[0] as Venue, side, q, impact), ...model };
  return { ...base, quantity: q, ...splitResult(splitOrder(venues, side, q), files) };
}

/**
 * One book's expected fill of q, with its cost against the mid, fees included:
 * s·(notional·(1 + s·f) − mid·q) over the part priced (the book's fill, and the law's part beyond
 * it), as splitOrder counts it.
 */
function oneBook(v: Venue, side: OrderSide, q: number, impact: ImpactModel | undefined) {
  const w = expectedSlippage(v.book, side, q, impact);
  const sign = side === 'buy' ? 1 : -1;
  const priced = w.filledQuantity + w.beyondBookQuantity;
  return { ...w, feeRate: v.feeRate, cost: sign * (w.notional * (1 + sign * v.feeRate) - w.mid * priced) };
}

/** One book: the walk's keys only (a one-venue split is the walk). */
function withoutSplit(r: Record<string, unknown>): Record<string, unknown> {
  const { split: _split, ...rest } = r;
  return rest;
}

function render(r: Record<string, unknown>): string {
  const keys = ['side', 'quantity', 'budgetBps', 'maxQuantity', 'impactQuantity', 'limitedByDepth', 'mid', 'referencePrice', 'averagePrice', 'worstPrice', 'slippageBps', 'filledQuantity', 'unfilledQuantity', 'beyondBookQuantity', 'cost', 'totalCost'];
  const rows = keys.filter((k) => r[k] !== undefined && !((k === 'beyondBookQuantity' || k === 'impactQuantity') && r[k] === 0)).map((k) => [k, r[k] as string | number | boolean] as const);
  let out = renderRows(rows);
  const split = r.split as { book: string; quantity: number; averagePrice: number; cost: number; marginalPrice: number }[] | undefined;
  if (split !== undefined) out += `\n\n${renderTable(['book', 'quantity', 'average price', 'cost', 'marginal price'], split.map((p) => [p.book, p.quantity, p.averagePrice, p.cost, p.marginalPrice]))}`;
  const beyond = typeof r.beyondBookQuantity === 'number' && r.beyondBookQuantity > 0;
  if (beyond) out += `\n\nnote: the book shows only ${fmt(r.filledQuantity as number)}; the other ${fmt(r.beyondBookQuantity as number)} is priced by the square-root law (its average and worst price are in the figures above)`;
  else if (typeof r.unfilledQuantity === 'number' && r.unfilledQuantity > 0) out += `\n\nwarning: the book shows only ${fmt(r.filledQuantity as number)}; ${fmt(r.unfilledQuantity)} is left unfilled (give --daily-vol and --daily-volume to price it by the square-root law)`;
  if (r.limitedByDepth === true) out += '\n\nwarning: every level shown is within the budget: maxQuantity is the depth of the book, not the budget';
  return out;
}

export async function runSlippage(o: Opts): Promise<void> {
  let result: Record<string, unknown>;
  try {
    result = await compute(o);
  } catch (e) {
    throw withFlag(e, SLIPPAGE, true);
  }
  emit(result, o.json === true, () => render(result));
}
