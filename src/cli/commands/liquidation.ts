/**
 * `tradesize liquidation`: liquidation and bankruptcy prices, margins and the tier at
 * liquidation of one position on a venue, isolated or cross (`VenueModel.liquidation`).
 *
 * Units: `--quantity` in base units for linear contracts, in contracts for inverse ones;
 * `--collateral` in the settlement currency (quote for linear, the coin for inverse): the
 * position's isolated margin, or the account's wallet balance in cross mode, where
 * `--positions FILE` lists the other positions (see `../venue-input.ts` for the schema).
 * Without `--leverage` the initial margin is at the tier's max leverage; for a table that states
 * none, in isolated mode, the collateral is taken as the initial margin (leverage = value / collateral).
 */
import { TradesizeError } from '../../core/errors.js';
import { unitValue } from '../../core/contract.js';
import type { LiquidationResult, MarginMode, Position, Tier } from '../../venues/types.js';
import { optionalNumber, parseChoice, parseNumber } from '../options.js';
import { emit, renderRows } from '../output.js';
import { str, type Opts } from '../flags/types.js';
import { otherPositionsFromFile, resolveVenue, toContracts, withVenueFlag } from '../venue-input.js';

/** JSON has no Infinity: an unbounded cap or leverage, or a ratio with nothing required, is null. */
const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

function positive(value: string | undefined, flag: string, allowZero = false): number {
  const x = parseNumber(value ?? '', flag);
  if (!(allowZero ? x >= 0 : x > 0)) throw new TradesizeError('INVALID_INPUT', `${flag} must be ${allowZero ? '≥ 0' : '> 0'}, got ${x}`, [flag]);
  return x;
}

function tierJson(t: Tier) {
  return { ...t, cap: finiteOrNull(t.cap), maxLeverage: finiteOrNull(t.maxLeverage) };
}

function render(out: ReturnType<typeof output>): string {
  const t = out.tier;
  return renderRows([
    ['venue', `${out.venue} ${out.symbol} (${out.kind}, contract size ${out.contractSize})`],
    ['position', `${out.side} ${out.quantity} (${out.contracts} contracts) at ${out.entry}, mark ${out.mark}`],
    ['margin mode', `${out.marginMode}, collateral ${out.collateral}`],
    ['liquidation price', out.liquidationPrice],
    ['bankruptcy price', out.bankruptcyPrice],
    ['initial margin', out.initialMargin],
    ['maintenance margin', out.maintenanceMargin],
    ['margin ratio', out.marginRatio],
    ['tier', `${t.tier}: maintenance rate ${t.maintenanceMarginRate}, amount ${t.maintenanceAmount}, max leverage ${t.maxLeverage ?? 'unbounded'}`],
    ...(out.dataNote === undefined ? [] : [['data', out.dataNote] as [string, string]]),
  ]);
}

function output(
  base: { venue: string; symbol: string; kind: string; contractSize: number; side: string; marginMode: MarginMode; quantity: number; contracts: number; entry: number; mark: number; collateral: number; leverage: number | null },
  r: LiquidationResult,
  dataNote: string | undefined,
) {
  return {
    ...base,
    liquidationPrice: r.liquidationPrice,
    bankruptcyPrice: r.bankruptcyPrice,
    initialMargin: r.initialMargin,
    maintenanceMargin: r.maintenanceMargin,
    marginRatio: finiteOrNull(r.marginRatio),
    tier: tierJson(r.tier),
    iterations: r.iterations,
    /** Present when the bundled numbers carry a caveat (an old snapshot: its date and source). */
    ...(dataNote === undefined ? {} : { dataNote }),
  };
}

export async function runLiquidation(o: Opts): Promise<void> {
  const json = o.json === true;
  const { model, instrument } = await resolveVenue(o);
  const side = parseChoice(str(o.side) ?? '', '--side', ['long', 'short'] as const);
  const marginMode = parseChoice(str(o.marginMode) ?? '', '--margin-mode', ['isolated', 'cross'] as const);
  const entry = positive(str(o.entry), '--entry');
  const quantity = positive(str(o.quantity), '--quantity');
  const collateral = positive(str(o.collateral), '--collateral', true);
  const mark = optionalNumber(str(o.mark), '--mark');
  const contracts = toContracts(instrument, quantity);
  let leverage = optionalNumber(str(o.leverage), '--leverage');
  if (leverage === undefined && marginMode === 'isolated' && collateral > 0 && !instrument.tiers.every((t) => Number.isFinite(t.maxLeverage))) {
    // A table without max leverage (Binance COIN-M snapshot): the isolated margin is the initial margin.
    leverage = unitValue({ kind: instrument.kind, size: instrument.contractSize }, mark ?? entry) * contracts / collateral;
  }
  const positionsFile = str(o.positions);
  if (positionsFile !== undefined && marginMode !== 'cross') {
    throw new TradesizeError('CONFLICTING_OPTIONS', '--positions lists the other positions of a cross account: use --margin-mode cross', ['--positions']);
  }
  const otherPositions = positionsFile === undefined ? undefined : await otherPositionsFromFile(positionsFile, model.id);
  const position: Position = { symbol: instrument.symbol, side, quantity: contracts, entryPrice: entry, ...(mark === undefined ? {} : { markPrice: mark }) };
  let result: LiquidationResult;
  try {
    result = model.liquidation({ instrument, position, marginMode, collateral, leverage, otherPositions });
  } catch (e) {
    throw withVenueFlag(e);
  }
  const out = output(
    {
      venue: model.id, symbol: instrument.symbol, kind: instrument.kind, contractSize: instrument.contractSize, side, marginMode,
      quantity, contracts, entry, mark: mark ?? entry, collateral, leverage: leverage ?? null,
    },
    result,
    instrument.source?.note === undefined ? undefined : `${instrument.source.note} (${instrument.source.url})`,
  );
  emit(out, json, () => render(out));
}
