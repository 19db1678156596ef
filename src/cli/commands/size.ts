/**
 * `tradesize size`: maps flags to a `sizePosition` request, prints the decision. With `--venue`
 * and `--symbol` it adds the venue's liquidation constraint (`liquidationConstraint`): the
 * quantity is then in base units for linear contracts and in contracts for inverse ones (equity
 * in the coin), the instrument's lot step and minimum quantity apply unless --lot / --min-qty
 * say otherwise, and the leverage setting --leverage is also the default --max-leverage.
 * `--max-hit-prob`, `--portfolio` and the regime flags add the hit-probability and stress
 * constraints and the regime multiplier (see ./size-inputs.ts). `--book` is `sizePosition`'s
 * `book` option: stop-risk counts the exit walked through it (`--stop-depth`), and
 * `--max-slippage-bps` adds the slippage constraint.
 */
import { TradesizeError } from '../../core/errors.js';
import { exclusive, optionalNumber, parseNumber } from '../options.js';
import { fmt } from '../../core/format.js';
import { emit, emitRefusal, renderRows, renderTable, renderWarnings } from '../output.js';
import { sizePosition, type SizeResult } from '../../sizing/size-position.js';
import type { SizeRequestInput } from '../../sizing/request.js';
import type { SizingConstraint } from '../../sizing/constraints/types.js';
import type { BookConstraintOptions } from '../../sizing/constraints/stop-exit.js';
import { hitConstraint, regimeOf, stressOf, venueConstraint, volatility, volSource } from './size-inputs.js';
import type { VolatilityEstimate } from '../../volatility/estimate.js';
import { str, type Opts } from '../flags/types.js';
import { fundingDriftOf, fundingEstimateOf, fundingKellyOf, type FundingDriftReport } from './size-funding.js';
import type { FundingEstimate } from '../../funding/estimate.js';
import type { LiquidationConstraintOptions } from '../../sizing/constraints/liquidation.js';
import { withFlag } from '../flags/paths.js';
import { SIZE } from '../flags/size.js';

interface Built {
  readonly request: SizeRequestInput;
  /** How --vol-data was turned into a volatility, when it was. */
  readonly volatility?: VolatilityEstimate;
  /** The extra constraints: liquidation (--venue), hit-probability (--max-hit-prob), stress (--portfolio). */
  readonly constraints: readonly SizingConstraint[];
  /** --book: the book the stop's exit walks, and the entry's slippage limit. */
  readonly book?: BookConstraintOptions;
  /** The expected funding (--funding-rate / --funding-data) and the venue's liquidation options, for the funding drift. */
  readonly funding?: { readonly estimate: FundingEstimate; readonly venue: LiquidationConstraintOptions | null };
}

/** The flags' numbers that are given, as an object without undefined values. */
function defined<T extends Record<string, number | undefined>>(fields: T): { [K in keyof T]?: number } {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: number };
}

/**
 * The request and constraints of the flags, built once (never changed after): the checks here
 * are the CLI's own (which flags go together); the library validates every value.
 */
async function buildRequest(o: Opts): Promise<Built> {
  exclusive(o, { risk: '--risk', riskAmount: '--risk-amount' });
  exclusive(o, { vol: '--vol', volData: '--vol-data' });
  const num = (key: string, flag: string) => optionalNumber(str(o[key]), flag);
  const feeRate = parseNumber(str(o.feeRate) ?? '0', '--fee-rate');
  const base = {
    side: str(o.side) === 'short' ? ('short' as const) : ('long' as const),
    equity: parseNumber(str(o.equity) ?? '', '--equity'),
    entry: parseNumber(str(o.entry) ?? '', '--entry'),
    stop: parseNumber(str(o.stop) ?? '', '--stop'),
    contract: { kind: o.inverse === true ? ('inverse' as const) : ('linear' as const), size: parseNumber(str(o.contractSize) ?? '1', '--contract-size') },
    fees: { entry: feeRate, exit: num('exitFeeRate', '--exit-fee-rate') ?? feeRate },
    slippage: parseNumber(str(o.slippage) ?? '0', '--slippage'),
  };
  const budget = defined({ risk: num('risk', '--risk'), riskAmount: num('riskAmount', '--risk-amount') });
  if (budget.risk === undefined && budget.riskAmount === undefined) {
    throw new TradesizeError('MISSING_OPTION', 'give a risk budget: --risk (fraction of equity) or --risk-amount', ['--risk']);
  }
  const caps = defined({ maxLeverage: num('maxLeverage', '--max-leverage'), kellyFraction: num('kellyFraction', '--kelly-fraction') });
  const given = defined({ lotStep: num('lot', '--lot'), minQty: num('minQty', '--min-qty'), maxQty: num('maxQty', '--max-qty'), minNotional: num('minNotional', '--min-notional') });
  const venue = await venueConstraint(o, given);
  const contract = venue?.contract ?? base.contract;
  const rules = venue?.rules ?? given;
  const maxLeverage = caps.maxLeverage ?? venue?.leverage;
  const constraints: SizingConstraint[] = [];
  if (venue !== null) constraints.push((await import('../../sizing/constraints/liquidation.js')).liquidationConstraint(venue.liquidation));

  const target = num('volTarget', '--vol-target');
  // Checked before --vol-data is read and fitted: the estimate would go unused.
  if ((o.vol !== undefined || o.volData !== undefined) && target === undefined && o.maxHitProb === undefined && o.kellyMu === undefined) {
    throw new TradesizeError('MISSING_OPTION', '--vol and --vol-data need --vol-target, --max-hit-prob or --kelly-mu', ['--vol-target']);
  }
  const vol = await volatility(o, num);
  if (target !== undefined && vol === undefined) throw new TradesizeError('MISSING_OPTION', '--vol-target needs --vol or --vol-data', ['--vol']);
  const hit = await hitConstraint(o, vol?.sigma, venue?.liquidation ?? null);
  if (hit !== null) constraints.push(hit);
  const funding = await fundingEstimateOf(o, num);
  const fundingKelly = await fundingKellyOf(o, num, vol?.sigma, funding);
  if (fundingKelly !== null) constraints.push(fundingKelly);
  const stress = await stressOf(o, contract);
  if (stress !== null) constraints.push(stress);
  const regime = await regimeOf(o, num);
  const bookFile = str(o.book);
  let book: BookConstraintOptions | undefined;
  if (bookFile !== undefined) {
    const { readBookFile } = await import('../book-input.js');
    const maxSlippageBps = num('maxSlippageBps', '--max-slippage-bps');
    const stopDepthFactor = num('stopDepth', '--stop-depth');
    book = { book: await readBookFile(bookFile), ...defined({ maxSlippageBps, stopDepthFactor }) };
  }
  const request: SizeRequestInput = {
    ...base,
    contract,
    ...budget,
    ...caps,
    ...(maxLeverage === undefined ? {} : { maxLeverage }),
    ...(Object.keys(rules).length > 0 ? { venue: rules } : {}),
    ...(target === undefined || vol === undefined
      ? {}
      : { volTarget: { target, sigma: vol.sigma, ...(vol.estimate === undefined ? {} : { source: volSource(vol.estimate, str(o.volData) ?? '') }) } }),
    ...(regime === undefined ? {} : { regime }),
  };
  const built: Built = { request, constraints, ...(book === undefined ? {} : { book }), ...(vol?.estimate === undefined ? {} : { volatility: vol.estimate }) };
  return funding === null ? built : { ...built, funding: { estimate: funding, venue: venue?.liquidation ?? null } };
}

function render(d: SizeResult, vol: VolatilityEstimate | undefined): string {
  const table = renderTable(
    ['constraint', 'max quantity', 'explanation'],
    d.constraints.map((c) => [c.name, Number.isFinite(c.maxQuantity) ? c.maxQuantity : 'unbounded', c.explanation]),
  );
  if (d.status === 'refused') return `refused: ${d.code}\n${d.message}\n\n${table}`;
  const head = renderRows([
    ['side', d.side],
    ['contract', `${d.contract.kind}, size ${d.contract.size}`],
    ['quantity', d.quantity],
    ['notional (quote)', d.notional],
    ['position value', d.positionValue],
    ['leverage', d.leverage],
    ['initial margin', d.initialMargin],
    ['risk at stop', d.riskAtStop],
    ['risk budget', d.riskBudget],
    ['stop fill', d.stopFill],
    ['binding', d.binding],
    ...(d.regime === undefined ? [] : ([['regime', `${d.regime.name}: risk budget, Kelly and vol-target caps × ${fmt(d.regime.multiplier)}`]] as const)),
    ...(d.regime?.explanation === undefined ? [] : ([['regime why', d.regime.explanation]] as const)),
    ...(vol === undefined
      ? []
      : ([['volatility', vol.implied === undefined
          ? `${fmt(vol.sigma)} (${vol.method}${vol.horizon === undefined ? '' : ` over ${vol.horizon} periods`}, ${vol.observations} returns, ${vol.periodsPerYear} per year ${vol.periodsPerYearSource})`
          : `${fmt(vol.sigma)} (implied-vol index ${vol.implied.level}${vol.implied.unit === 'percent' ? '%' : ''} as of ${vol.implied.asOf ?? 'the last row'})`]] as const)),
  ]);
  return `${head}\n\n${table}${renderWarnings(d.warnings)}`;
}

function renderDrift(f: FundingDriftReport): string {
  return `\n\n${renderRows([
    ['funding', `${fmt(f.ratePerYear)} a year (${f.method}${f.stdError > 0 ? ` ± ${fmt(f.stdError)}` : ''}) on isolated margin ${fmt(f.margin)}`],
    ['liquidation now', f.liquidationPrice === null ? 'none' : fmt(f.liquidationPrice, 8)],
    [`after ${fmt(f.holdingDays)} days`, `${f.liquidationAtHorizon === null ? 'none' : fmt(f.liquidationAtHorizon, 8)} (funding paid ${fmt(f.fundingPaid)})`],
    ['reaches the stop', f.daysToStop === null ? 'never (the position earns funding)' : `after ${fmt(f.daysToStop)} days`],
  ])}`;
}

export async function runSize(o: Opts): Promise<void> {
  const json = o.json === true;
  let decision: SizeResult;
  let built: Built;
  try {
    built = await buildRequest(o);
    decision = sizePosition(built.request, { constraints: built.constraints, ...(built.book === undefined ? {} : { book: built.book }) });
  } catch (e) {
    throw withFlag(e, SIZE, true);
  }
  let drift: FundingDriftReport | null = null;
  const f = built.funding;
  if (f !== undefined && f.venue !== null && decision.status === 'sized') {
    try {
      drift = await fundingDriftOf(o, (k, flag) => optionalNumber(str(o[k]), flag), decision, f.venue, built.request.equity, built.request.stop, f.estimate);
    } catch (e) {
      throw withFlag(e, SIZE, true);
    }
  }
  const withVol = built.volatility === undefined ? decision : { ...decision, volatility: built.volatility };
  const result = drift === null ? withVol : { ...withVol, funding: drift };
  emit(result, json, () => render(decision, built.volatility) + (drift === null ? '' : renderDrift(drift)));
  if (decision.status === 'refused') {
    emitRefusal(decision.code, decision.message, json);
  }
}
