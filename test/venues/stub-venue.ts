/**
 * A small hand-written Binance-like venue for tests of code written against the `VenueModel`
 * interface: one-way mode, MM = value × MMR − cum, IM = value / leverage, liquidation price by
 * the Binance FAQ closed forms (USDⓈ-M linear, COIN-M inverse), iterating the tier at the
 * liquidation price. Deliberately independent of the real venue modules.
 */
import { TradesizeError } from '../../src/core/errors.js';
import type { Instrument, LiquidationInput, LiquidationResult, Position, PositionMargin, Tier, VenueModel } from '../../src/venues/types.js';

/** Tiers with Binance's cum recurrence: cum_n = cum_(n−1) + floor_n × (MMR_n − MMR_(n−1)). */
export function tiersWithCum(rows: readonly (readonly [floor: number, mmr: number, maxLeverage: number])[], lastCap: number): Tier[] {
  const out: Tier[] = [];
  let cum = 0;
  rows.forEach(([floor, mmr, maxLeverage], i) => {
    const prev = rows[i - 1];
    if (prev !== undefined) cum += floor * (mmr - prev[1]);
    const next = rows[i + 1];
    out.push({ tier: i + 1, floor, cap: next === undefined ? lastCap : next[0], maintenanceMarginRate: mmr, maintenanceAmount: cum, maxLeverage });
  });
  return out;
}

/** Binance BTCUSDT, first six brackets (2024-10 snapshot, /work/shared/references/venues.md §1.3). */
export const BTCUSDT: Instrument = {
  venue: 'binance-usdm',
  symbol: 'BTCUSDT',
  kind: 'linear',
  contractSize: 1,
  tickSize: 0.1,
  lotStep: 0.001,
  minQty: 0.001,
  tiers: tiersWithCum(
    [
      [0, 0.004, 125],
      [50_000, 0.005, 100],
      [600_000, 0.0065, 75],
      [3_000_000, 0.01, 50],
      [12_000_000, 0.02, 25],
      [70_000_000, 0.025, 20],
    ],
    100_000_000,
  ),
  tierBasis: 'quote',
};

/** Binance BTCUSD_PERP (COIN-M, 100 USD contracts, brackets in BTC; venues.md §1.4). */
export const BTCUSD: Instrument = {
  venue: 'binance-coinm',
  symbol: 'BTCUSD_PERP',
  kind: 'inverse',
  contractSize: 100,
  tickSize: 0.1,
  lotStep: 1,
  minQty: 1,
  tiers: tiersWithCum(
    [
      [0, 0.004, 125],
      [5, 0.005, 100],
      [10, 0.01, 50],
      [20, 0.025, 20],
      [50, 0.05, 10],
    ],
    100,
  ),
  tierBasis: 'settle',
};

/** The tier of a value; above the top cap: ABOVE_MAX_TIER, or the top tier when `clamp` (at a liquidation price). */
function tierAt(tiers: readonly Tier[], value: number, clamp = false): Tier {
  for (const t of tiers) if (value <= t.cap) return t;
  const top = tiers[tiers.length - 1];
  if (clamp && top !== undefined) return top;
  throw new TradesizeError('ABOVE_MAX_TIER', `position value ${value} above the top tier`);
}

const sign = (p: Position) => (p.side === 'long' ? 1 : -1);
// Valued as the real tier models do: (c·q)·P for linear, (c·q)·(1/P) for inverse (ties at a tier bound break the same way).
const value = (i: Instrument, q: number, price: number) => (i.kind === 'linear' ? q * i.contractSize * price : i.contractSize * q * (1 / price));
const pnl = (i: Instrument, p: Position, price: number) =>
  i.kind === 'linear'
    ? sign(p) * p.quantity * i.contractSize * (price - p.entryPrice)
    : sign(p) * p.quantity * i.contractSize * (1 / p.entryPrice - 1 / price);

function positionMargin(i: Instrument, p: Position, mark: number, leverage?: number): PositionMargin {
  const v = value(i, p.quantity, mark);
  const tier = tierAt(i.tiers, v);
  return { initialMargin: v / (leverage ?? tier.maxLeverage), maintenanceMargin: v * tier.maintenanceMarginRate - tier.maintenanceAmount, positionValue: v, tier };
}

/** Price where collateral + PnL = q·value(P)·mmr − cum, for one tier; null when none is positive. */
function priceFor(i: Instrument, p: Position, wb: number, mmr: number, cum: number): number | null {
  const s = sign(p);
  const q = p.quantity;
  const c = i.contractSize;
  const lp = i.kind === 'linear' ? (wb + cum - s * q * c * p.entryPrice) / (q * c * (mmr - s)) : (q * c * (mmr + s)) / (wb + cum + (s * q * c) / p.entryPrice);
  return lp > 0 && Number.isFinite(lp) ? lp : null;
}

function liquidation(input: LiquidationInput): LiquidationResult {
  const { instrument: i, position: p } = input;
  let wb = input.collateral;
  if (input.marginMode === 'cross') {
    for (const o of input.otherPositions ?? []) {
      const mark = o.position.markPrice ?? o.position.entryPrice;
      wb += pnl(o.instrument, o.position, mark) - positionMargin(o.instrument, o.position, mark).maintenanceMargin;
    }
  }
  const mark = p.markPrice ?? p.entryPrice;
  const pm = positionMargin(i, p, mark, input.leverage);
  let tier = tierAt(i.tiers, value(i, p.quantity, p.entryPrice));
  let lp: number | null = null;
  let iterations = 0;
  for (; iterations < i.tiers.length + 2; iterations++) {
    lp = priceFor(i, p, wb, tier.maintenanceMarginRate, tier.maintenanceAmount);
    if (lp === null) break;
    const at = tierAt(i.tiers, value(i, p.quantity, lp), true);
    if (at === tier) break;
    tier = at;
  }
  const balance = wb + pnl(i, p, mark);
  return {
    liquidationPrice: lp,
    bankruptcyPrice: priceFor(i, p, wb, 0, 0),
    initialMargin: pm.initialMargin,
    maintenanceMargin: pm.maintenanceMargin,
    marginRatio: balance / pm.maintenanceMargin,
    tier,
    iterations: iterations + 1,
  };
}

/** The stub venue model (binance-usdm id; handles linear and inverse instruments). */
export const stubVenue: VenueModel = {
  id: 'binance-usdm',
  source: 'test stub after the Binance liquidation FAQs',
  marginModes: ['isolated', 'cross'],
  positionMargin,
  liquidation,
};
