/**
 * dYdX v4 (perpetuals on the dYdX chain): margin fractions per liquidity tier, the initial
 * fraction that rises with open interest, and the cross-margin liquidation of a subaccount.
 *
 * Each perpetual belongs to a liquidity tier with a base initial margin fraction IMF (ppm) and a
 * maintenance fraction MF (ppm). For a position of signed size s (base units) at oracle price P,
 * with notional n = |s|·P:
 *
 *   MMF = IMF_base × MF                          (LiquidityTier.GetMaintenanceMarginPpm)
 *   MMR = n × IMF_base × MF                      (the *base* IMF, never the OI-scaled one)
 *   IMR = n × max(IMF_OI, custom IMF)            (capped at n: IMF ≤ 1)
 *   NC  = s × P                                  (plus the subaccount's USDC balance)
 *
 * Open-interest scaling of the initial fraction, with OI the market's open notional in USDC:
 *
 *   IMF_OI = IMF_base                                                   if upper cap = 0 or OI ≤ lower
 *   IMF_OI = IMF_base + (1 − IMF_base)·(OI − lower)/(upper − lower)     if lower < OI < upper
 *   IMF_OI = 1                                                          if OI ≥ upper
 *
 * A subaccount is liquidatable when MMR > 0 and NC < MMR, summed over its positions (see
 * `risk.ts`). The custom IMF is the user's leverage setting, IMF = 1/leverage; it raises the
 * initial requirement only, never the maintenance one.
 *
 * Rounding: the chain works in integers (quote quantums of 1e-6 USDC, ppm fractions) and rounds
 * requirements up: IMR = ceil(n·IMF), MMR = ceil(ceil(n·IMF_base)·MF). This module works in
 * floating point and ignores the sub-quantum rounding, so its requirements can be below the
 * chain's by at most 2e-6 USDC per position.
 *
 * Units: positions are in base units (contractSize 1); prices and money in USDC. Instrument
 * params (see {@link DydxParams}) carry the liquidity tier; `openInterest` (base units) is
 * optional market state for the OI scaling.
 *
 * Liquidation price of one position, the others held at their marks (closed form): with the
 * wallet balance W (account equity at entry prices, so the USDC balance is W − Σ s·entry), the
 * other positions' unrealised PnL U and maintenance requirement M,
 *
 *   Q  = W − s·entry + U − M
 *   LP = Q / (|s|·MMF − s)          (NC = MMR; long: LP < entry; short: LP > entry)
 *   BP = entry − (W + U)/s          (NC = 0)
 *
 * For a subaccount holding this position only, BP is the bankruptcy price of liquidations.go
 * (closing the whole position at −Qc/s); with several positions the chain splits the total NC
 * by each position's share of MMR, which this price does not model.
 *
 * SOURCE: dydxprotocol/v4-chain @ 84d4664b — protocol/x/perpetuals/types/liquidity_tier.go
 * (GetMaintenanceMarginPpm, GetInitialMarginQuoteQuantums), protocol/x/perpetuals/lib/lib.go
 * (GetMarginRequirementsInQuoteQuantums, GetNetNotionalInQuoteQuantums), protocol/lib/margin/risk.go
 * (IsLiquidatable), protocol/x/clob/types/leverage.go (custom_imf_ppm in (0, 1e6]),
 * protocol/x/clob/keeper/liquidations.go (GetBankruptcyPriceInQuoteQuantums).
 *
 * @example
 * const btc = getInstrument('dydx', 'BTC-USD');              // Large-Cap: IMF 5 %, MF 60 % → MMF 3 %
 * dydxRisk(btc, { symbol: 'BTC-USD', side: 'long', quantity: 1, entryPrice: 50000 });
 * // => { imr: 2500, mmr: 1500, nc: 50000 }
 */
import { TradesizeError, require } from '../core/errors.js';
import { checkPositionShape } from './validate.js';
import { unitPriceLoss } from '../core/contract.js';
import { addRisk, ZERO_RISK, type Risk } from './risk.js';
import type {
  Instrument,
  LiquidationInput,
  LiquidationResult,
  Position,
  PositionMargin,
  Tier,
  VenueModel,
} from './types.js';

const PPM = 1_000_000;

/** The liquidity-tier parameters of a dYdX perpetual, as carried in `Instrument.params`. */
export interface DydxParams {
  /** Liquidity tier id (0 = Large-Cap at mainnet genesis). */
  readonly liquidityTier: number;
  /** Base initial margin fraction in ppm (50,000 = 5 %). */
  readonly initialMarginPpm: number;
  /** Maintenance fraction of the base IMF in ppm (600,000 = 60 %). */
  readonly maintenanceFractionPpm: number;
  /** Open notional (USDC) up to which the IMF is not scaled; 0 with upper cap 0: no scaling. */
  readonly openInterestLowerCap: number;
  /** Open notional (USDC) at and above which IMF = 1; 0 disables the scaling. */
  readonly openInterestUpperCap: number;
}

/** Options of {@link dydxRisk}. */
export interface DydxRiskOptions {
  /** Oracle price (default: the position's mark, else its entry price). */
  readonly price?: number;
  /** Market open interest in base units (default: `params.openInterest`, else 0). */
  readonly openInterest?: number;
  /** Leverage setting: custom IMF = 1/leverage; only raises the initial requirement. */
  readonly leverage?: number;
}

/**
 * The liquidity-tier parameters of a dYdX instrument.
 *
 * @throws TradesizeError INVALID_INPUT naming the missing or bad `params` field.
 * @example
 * dydxParams(getInstrument('dydx', 'ETH-USD')).initialMarginPpm; // => 50000
 */
export function dydxParams(instrument: Instrument): DydxParams {
  const p = instrument.params ?? {};
  const read = (key: keyof DydxParams, fallback?: number): number => {
    const v = p[key] ?? fallback;
    if (v === undefined || !Number.isFinite(v) || v < 0) {
      throw new TradesizeError(
        'INVALID_INPUT',
        `dydx: instrument ${instrument.symbol} needs a non-negative params.${key}`,
        ['instrument', 'params', key],
      );
    }
    return v;
  };
  const out: DydxParams = {
    liquidityTier: read('liquidityTier', 0),
    initialMarginPpm: read('initialMarginPpm'),
    maintenanceFractionPpm: read('maintenanceFractionPpm'),
    openInterestLowerCap: read('openInterestLowerCap', 0),
    openInterestUpperCap: read('openInterestUpperCap', 0),
  };
  require(out.initialMarginPpm > 0 && out.initialMarginPpm <= PPM, 'dydx: initialMarginPpm must be in (0, 1e6]', [
    'instrument', 'params', 'initialMarginPpm',
  ]);
  require(out.maintenanceFractionPpm <= PPM, 'dydx: maintenanceFractionPpm must be ≤ 1e6', [
    'instrument', 'params', 'maintenanceFractionPpm',
  ]);
  require(out.openInterestLowerCap <= out.openInterestUpperCap || out.openInterestUpperCap === 0,
    'dydx: openInterestLowerCap must not exceed openInterestUpperCap', ['instrument', 'params', 'openInterestLowerCap']);
  return out;
}

/**
 * Maintenance margin fraction MMF = IMF_base × MF (base IMF: unaffected by open interest).
 *
 * @example
 * dydxMaintenanceFraction(dydxParams(getInstrument('dydx', 'BTC-USD'))); // => ~0.03 (5 % × 60 %)
 */
export function dydxMaintenanceFraction(params: DydxParams): number {
  return (params.initialMarginPpm / PPM) * (params.maintenanceFractionPpm / PPM);
}

/**
 * Initial margin fraction scaled by the market's open notional (USDC), in [IMF_base, 1].
 *
 * @example
 * // Small-Cap of the sample pre-genesis: IMF 10 %, caps 20M–50M USDC
 * dydxInitialFraction(smallCap, 10e6); // => 0.1
 * dydxInitialFraction(smallCap, 35e6); // => ~0.55 (= 0.1 + 0.9 × 15/30)
 * dydxInitialFraction(smallCap, 60e6); // => 1
 */
export function dydxInitialFraction(params: DydxParams, openNotional: number): number {
  const base = params.initialMarginPpm / PPM;
  const { openInterestLowerCap: lower, openInterestUpperCap: upper } = params;
  if (upper === 0 || openNotional <= lower) return base;
  if (openNotional >= upper) return 1;
  return Math.min(1, base + (1 - base) * ((openNotional - lower) / (upper - lower)));
}

/**
 * The single margin row of a dYdX liquidity tier (dYdX has no size tiers): MMR = MMF, no cap,
 * max leverage 1/IMF_base.
 *
 * @example
 * dydxTier(dydxParams(getInstrument('dydx', 'BTC-USD'))).maxLeverage; // => 20
 */
export function dydxTier(params: DydxParams): Tier {
  return {
    tier: params.liquidityTier,
    floor: 0,
    cap: Number.POSITIVE_INFINITY,
    maintenanceMarginRate: dydxMaintenanceFraction(params),
    maintenanceAmount: 0,
    maxLeverage: PPM / params.initialMarginPpm,
  };
}

function checkPosition(position: Position, path: readonly (string | number)[]): void {
  checkPositionShape(position, path);
  require(position.positionSide === undefined || position.positionSide === 'both',
    'dydx: positions are one-way (no hedge mode)', [...path, 'positionSide']);
}

/** Validates one (instrument, position) pair and returns the instrument's params. */
function checkLeg(instrument: Instrument, position: Position, path: readonly (string | number)[]): DydxParams {
  require(instrument.venue === 'dydx', `dydx: instrument ${instrument.symbol} belongs to ${instrument.venue}`, [...path, 'instrument', 'venue']);
  require(instrument.kind === 'linear', 'dydx: perpetuals are linear (USDC)', [...path, 'instrument', 'kind']);
  checkPosition(position, [...path, 'position']);
  return dydxParams(instrument);
}

/** Signed size in base units: + long, − short. */
function signedSize(instrument: Instrument, position: Position): number {
  const size = position.quantity * instrument.contractSize;
  return position.side === 'long' ? size : -size;
}

/** Open interest (base units) carried by the instrument as market state; 0 when absent. */
function openInterestOf(instrument: Instrument): number {
  const oi = instrument.params?.openInterest ?? 0;
  require(Number.isFinite(oi) && oi >= 0, 'dydx: params.openInterest must be ≥ 0', ['instrument', 'params', 'openInterest']);
  return oi;
}

/** The risk kernel on validated input (custom IMF 0 when no leverage is set). */
function riskAt(instrument: Instrument, params: DydxParams, position: Position, price: number, customImf: number, openInterest: number): Risk {
  const s = signedSize(instrument, position);
  const notional = Math.abs(s) * price;
  const imf = Math.min(1, Math.max(dydxInitialFraction(params, openInterest * price), customImf));
  return { imr: notional * imf, mmr: notional * dydxMaintenanceFraction(params), nc: s * price };
}

/** Custom IMF of a leverage setting (0 when none). */
function customImfOf(leverage: number | undefined): number {
  if (leverage === undefined) return 0;
  require(Number.isFinite(leverage) && leverage >= 1, 'dydx: leverage must be ≥ 1', ['leverage']);
  return 1 / leverage;
}

/**
 * The risk {IMR, MMR, NC} of one dYdX position at the oracle price; NC is the signed notional
 * s·P. An account's risk is the sum over its positions plus its USDC balance as
 * `{ imr: 0, mmr: 0, nc: usdc }` (see `addRisk`).
 *
 * @throws TradesizeError INVALID_INPUT on a non-dYdX instrument, a bad position or params.
 * @example
 * const btc = getInstrument('dydx', 'BTC-USD');
 * const long = dydxRisk(btc, { symbol: 'BTC-USD', side: 'long', quantity: 2, entryPrice: 60000 }, { price: 50000 });
 * // => { imr: 5000, mmr: 3000, nc: 100000 }
 * isLiquidatable(addRisk(long, { imr: 0, mmr: 0, nc: -97500 })); // => true (NC 2,500 < MMR 3,000)
 */
export function dydxRisk(instrument: Instrument, position: Position, options: DydxRiskOptions = {}): Risk {
  const params = checkLeg(instrument, position, []);
  const price = options.price ?? position.markPrice ?? position.entryPrice;
  require(Number.isFinite(price) && price > 0, 'dydx: price must be > 0', ['price']);
  const openInterest = options.openInterest ?? openInterestOf(instrument);
  require(Number.isFinite(openInterest) && openInterest >= 0, 'dydx: openInterest must be ≥ 0', ['openInterest']);
  return riskAt(instrument, params, position, price, customImfOf(options.leverage), openInterest);
}

function positionMargin(instrument: Instrument, position: Position, markPrice: number, leverage?: number): PositionMargin {
  const risk = dydxRisk(instrument, position, leverage === undefined ? { price: markPrice } : { price: markPrice, leverage });
  return {
    initialMargin: risk.imr,
    maintenanceMargin: risk.mmr,
    positionValue: Math.abs(risk.nc),
    tier: dydxTier(dydxParams(instrument)),
  };
}

/** Unrealised PnL of a position at its mark (USDC). */
function unrealisedPnl(instrument: Instrument, position: Position): number {
  const mark = position.markPrice ?? position.entryPrice;
  const terms = { kind: instrument.kind, size: instrument.contractSize };
  return -unitPriceLoss(terms, position.side, position.entryPrice, mark) * position.quantity;
}

function liquidation(input: LiquidationInput): LiquidationResult {
  const { instrument, position, collateral, marginMode } = input;
  const others = input.otherPositions ?? [];
  const params = checkLeg(instrument, position, []);
  require(Number.isFinite(collateral), 'dydx: collateral must be a finite number', ['collateral']);
  require(marginMode === 'cross' || others.length === 0,
    'dydx: an isolated position is alone in its subaccount (no otherPositions)', ['otherPositions']);
  const mark = position.markPrice ?? position.entryPrice;
  const own = riskAt(instrument, params, position, mark, customImfOf(input.leverage), openInterestOf(instrument));

  // The other positions at their marks: their PnL and requirements are held fixed.
  let otherRisk = ZERO_RISK;
  let otherPnl = 0;
  others.forEach((o, i) => {
    const p = checkLeg(o.instrument, o.position, ['otherPositions', i]);
    otherRisk = addRisk(otherRisk, riskAt(o.instrument, p, o.position, o.position.markPrice ?? o.position.entryPrice, 0, openInterestOf(o.instrument)));
    otherPnl += unrealisedPnl(o.instrument, o.position);
  });

  const mmf = dydxMaintenanceFraction(params);
  const s = signedSize(instrument, position);
  const q = collateral - s * position.entryPrice + otherPnl - otherRisk.mmr;
  const denominator = Math.abs(s) * mmf - s;
  const lp = denominator === 0 ? 0 : q / denominator;
  const bp = position.entryPrice - (collateral + otherPnl) / s;

  const equityAtMark = collateral + unrealisedPnl(instrument, position) + otherPnl;
  return {
    liquidationPrice: lp > 0 ? lp : null,
    bankruptcyPrice: bp > 0 ? bp : null,
    initialMargin: own.imr,
    maintenanceMargin: own.mmr,
    marginRatio: equityAtMark / (own.mmr + otherRisk.mmr),
    tier: dydxTier(params),
    iterations: 1,
  };
}

/** The dYdX v4 venue model (cross subaccounts; an isolated position is a subaccount of its own). */
export const dydx: VenueModel = {
  id: 'dydx',
  source:
    'dydxprotocol/v4-chain @ 84d4664b: protocol/x/perpetuals/types/liquidity_tier.go, protocol/x/perpetuals/lib/lib.go, protocol/lib/margin/risk.go',
  marginModes: ['cross', 'isolated'],
  positionMargin,
  liquidation,
};
