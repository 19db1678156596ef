/**
 * The hedge of a book now, per underlying: its delta D = ∂NC/∂S (report currency per 1 USD of
 * the underlying = coins of exposure; `../portfolio/greeks.ts`), the quantity of a perpetual or
 * future that makes it delta-neutral, and the policy's no-trade band on D.
 *
 * Hedge instrument (per contract, at the price traded now, mark M; `../portfolio/valuation.ts`):
 *   linear   (contract size c coins):  ∂/∂S = c·M/S          (a perpetual at spot: c)
 *   inverse  (contract face c USD):    ∂/∂S = c/M            (coin P&L q·(1/E − 1/F) converted at S)
 * so hedgeQuantity = −D / (∂/∂S per contract), in contracts (signed: + buy, − sell), unrounded.
 *
 * Coin-settled (Deribit inverse) options: D counts each one's USD delta e^{−rτ}·ω·N(ωd1)
 * (`../options/delta-kernel.ts`), which is the delta Deribit shows in coin, F·∂V_coin/∂F
 * (`coinDelta`, summed over the inverse options), plus the coin premium V_coin held — the premium
 * is itself coin and moves with S.
 *
 * Bands on D (`../options/no-trade-band.ts`, Γ the book's gamma, S the spot, τ and σ the
 * |Γ|-weighted mean expiry and vol of the underlying's options, r its rate):
 *   interval         [0, 0]: rebalance to neutral (at the scheduled time)
 *   band X           [−X, X]
 *   whalley-wilmott  [−H, H], H = (3e^{−rτ}λSΓ²/(2γ))^{1/3}
 *   zakamouline      [c − H0 − H1, c + H0 + H1], c = D_opt(σ) − D_opt(σ_m): the options' delta at
 *                    the modified vol σ_m (each option's vol scaled by σ_m/σ) is what the
 *                    underlying held should offset
 * `rebalance` is true when D lies outside the band (interval: when D ≠ 0 beyond rounding, 1e-12 of
 * the book's gross delta), and `tradeQuantity` is the policy's trade now: to neutral for interval
 * and band, to the band's nearest edge for Whalley–Wilmott and Zakamouline, 0 inside the band.
 *
 * @example
 * hedgeRecommendation(parsePortfolio(examplesPortfolioBtc), 'BTC', undefined, { kind: 'whalley-wilmott', costRate: 0.0005, riskAversion: 1e-4 });
 * // => { deltaNow: ~0.84191, hedgeQuantity: ~-0.84191, band: { lower: ~-0.08399, upper: ~0.08399 }, rebalance: true, tradeQuantity: ~-0.75792, … }
 */
import { TradesizeError } from '../core/errors.js';
import { compilePortfolio, INVERSE_LINEAR, LINEAR, OPTION_INVERSE, type CompiledPortfolio } from '../portfolio/compile.js';
import { positionGreeks } from '../portfolio/valuation.js';
import type { Portfolio } from '../portfolio/schema.js';
import { optionGreeks } from '../options/kernel.js';
import { wwHalfWidth, zakamoulineBand } from '../options/no-trade-band.js';
import type { HedgePolicy } from './policy.js';

/** The contract the hedge trades (default: a linear perpetual of 1 coin at spot). */
export interface HedgeInstrument {
  readonly settlement: 'linear' | 'inverse';
  /** Coins per contract (linear) or USD face per contract (inverse). */
  readonly contractSize: number;
  /** The instrument's price now (a future's mark; default spot). */
  readonly markPrice?: number;
}

export interface HedgeRecommendation {
  readonly underlying: string;
  readonly spot: number;
  /** ∂NC/∂S: coins of exposure (report currency per 1 USD of the underlying). */
  readonly deltaNow: number;
  /** deltaNow × spot, in the report currency. */
  readonly deltaNotional: number;
  readonly gamma: number;
  /** Σ over inverse options of quantity × F·∂V_coin/∂F (the delta Deribit shows, coin). */
  readonly coinDelta: number;
  /** ∂NC/∂S of one contract of the hedge instrument. */
  readonly deltaPerContract: number;
  /** Contracts that make the book delta-neutral (+ buy, − sell). */
  readonly hedgeQuantity: number;
  /** The no-trade band on deltaNow (coins). */
  readonly band: { readonly lower: number; readonly upper: number };
  readonly rebalance: boolean;
  /** Contracts the policy trades now (0 inside the band). */
  readonly tradeQuantity: number;
  readonly policy: HedgePolicy['kind'];
}

const LINEAR_PERP: HedgeInstrument = { settlement: 'linear', contractSize: 1 };

/** |Γ|-weighted mean expiry and vol of the underlying's options, and their USD delta. */
function optionsOf(c: CompiledPortfolio, u: number): { tau: number; vol: number; delta: number; gross: number; coinDelta: number } {
  let w = 0;
  let tau = 0;
  let vol = 0;
  let delta = 0;
  let gross = 0;
  let coinDelta = 0;
  for (let i = 0; i < c.n; i++) {
    if (c.under[i] !== u) continue;
    const g = positionGreeks(c, i);
    gross += Math.abs(g.delta);
    const code = c.code[i] as number;
    if (code === LINEAR || code === INVERSE_LINEAR) continue;
    delta += g.delta;
    const a = Math.abs(g.gamma);
    w += a;
    tau += a * (c.expiry[i] as number);
    vol += a * (c.vol[i] as number);
    if (code === OPTION_INVERSE) {
      const f = (c.fwd[i] as number) * (c.spot[u] as number);
      const k = optionGreeks('inverse', c.isCall[i] === 1, f, c.strike[i] as number, c.expiry[i] as number, c.vol[i] as number, c.rate[i] as number, c.div[i] as number);
      coinDelta += (c.qty[i] as number) * f * k.delta;
    }
  }
  return w > 0 ? { tau: tau / w, vol: vol / w, delta, gross, coinDelta } : { tau: 0, vol: 0, delta, gross, coinDelta };
}

/** The options' delta with every vol scaled by `factor`. */
function optionsDeltaAt(c: CompiledPortfolio, u: number, factor: number): number {
  const scaled: CompiledPortfolio = { ...c, vol: c.vol.map((v) => v * factor) };
  let d = 0;
  for (let i = 0; i < c.n; i++) if (c.under[i] === u && (c.code[i] as number) > INVERSE_LINEAR) d += positionGreeks(scaled, i).delta;
  return d;
}

function bandOf(c: CompiledPortfolio, u: number, gamma: number, policy: HedgePolicy, o: ReturnType<typeof optionsOf>): { lower: number; upper: number } {
  const s = c.spot[u] as number;
  const rate = c.source.underlyings[c.underlyings[u] as string]?.rate ?? 0;
  if (policy.kind === 'interval') return { lower: 0, upper: 0 };
  if (policy.kind === 'band') return { lower: -policy.band, upper: policy.band };
  if (o.tau === 0) return { lower: 0, upper: 0 };
  if (policy.kind === 'whalley-wilmott') {
    const h = wwHalfWidth(policy.costRate, policy.riskAversion, s, gamma, rate, o.tau);
    return { lower: -h, upper: h };
  }
  const z = zakamoulineBand(policy.costRate, policy.riskAversion, s, gamma, o.vol, o.tau, rate);
  const centre = o.delta - optionsDeltaAt(c, u, z.modifiedVol / o.vol);
  return { lower: centre - z.halfWidth, upper: centre + z.halfWidth };
}

/**
 * The hedge of `underlying` now (module doc); `spot` overrides the portfolio's price (undefined:
 * keep it). A pure function of a validated portfolio (`parsePortfolio`).
 *
 * @throws TradesizeError INVALID_INPUT for an underlying not in the book, a spot or contract
 *   size that is not finite and > 0, or a band that is not ≥ 0.
 */
export function hedgeRecommendation(book: Portfolio, underlying: string, spot: number | undefined, policy: HedgePolicy, instrument: HedgeInstrument = LINEAR_PERP): HedgeRecommendation {
  const u0 = Object.hasOwn(book.underlyings, underlying) ? book.underlyings[underlying] : undefined;
  if (u0 === undefined) throw new TradesizeError('INVALID_INPUT', `underlying "${underlying}" is not in the portfolio (${Object.keys(book.underlyings).join(', ')})`, ['underlying']);
  if (spot !== undefined && !(spot > 0 && Number.isFinite(spot))) throw new TradesizeError('INVALID_INPUT', `spot must be a finite price > 0, got ${spot}`, ['spot']);
  if (!(instrument.contractSize > 0 && Number.isFinite(instrument.contractSize))) throw new TradesizeError('INVALID_INPUT', `contractSize must be finite and > 0, got ${instrument.contractSize}`, ['contractSize']);
  if (policy.kind === 'band' && !(policy.band >= 0 && Number.isFinite(policy.band))) throw new TradesizeError('INVALID_INPUT', `band must be a finite number ≥ 0, got ${policy.band}`, ['band']);
  if ((policy.kind === 'whalley-wilmott' || policy.kind === 'zakamouline') && !(policy.costRate >= 0 && policy.riskAversion > 0 && Number.isFinite(policy.costRate + policy.riskAversion))) {
    throw new TradesizeError('INVALID_INPUT', `${policy.kind} needs a cost rate ≥ 0 and a risk aversion > 0`, [policy.riskAversion > 0 ? 'costRate' : 'riskAversion']);
  }
  const s = spot ?? u0.spot;
  const mark = instrument.markPrice ?? s;
  if (!(mark > 0 && Number.isFinite(mark))) throw new TradesizeError('INVALID_INPUT', `markPrice must be a finite price > 0, got ${mark}`, ['markPrice']);
  const c = compilePortfolio({ ...book, underlyings: { ...book.underlyings, [underlying]: { ...u0, spot: s } } });
  const u = c.underlyings.indexOf(underlying);
  const o = optionsOf(c, u);
  let delta = c.coin[u] as number;
  let gamma = 0;
  for (let i = 0; i < c.n; i++) {
    if (c.under[i] !== u) continue;
    const g = positionGreeks(c, i);
    delta += g.delta;
    gamma += g.gamma;
  }
  const perContract = instrument.settlement === 'linear' ? (instrument.contractSize * mark) / s : instrument.contractSize / mark;
  const band = bandOf(c, u, gamma, policy, o);
  const tolerance = 1e-12 * (o.gross + Math.abs(c.coin[u] as number));
  const rebalance = policy.kind === 'interval' ? Math.abs(delta) > tolerance : delta < band.lower || delta > band.upper;
  const goal = policy.kind === 'interval' || policy.kind === 'band' ? 0 : delta < band.lower ? band.lower : band.upper;
  return {
    underlying, spot: s, deltaNow: delta, deltaNotional: delta * s, gamma, coinDelta: o.coinDelta,
    deltaPerContract: perContract,
    hedgeQuantity: -delta / perContract,
    band,
    rebalance,
    tradeQuantity: rebalance ? (goal - delta) / perContract : 0,
    policy: policy.kind,
  };
}
