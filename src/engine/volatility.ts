/**
 * A market's σ for revaluation: an exponentially weighted estimate of the variance per unit time
 * of the log returns of its median price, sampled at most once a second, annualised (365-day
 * year). It is RiskMetrics' EWMA (J.P. Morgan/Reuters, "RiskMetrics — Technical Document",
 * 4th ed. 1996, §5.2.1: σ²ₜ = λσ²ₜ₋₁ + (1 − λ)r²ₜ, λ = 0.94 per return) on an irregular grid:
 * λ is the decay per `volatilitySampleMs` of time (default one minute), so a return over Δt
 * decays the past by λ^{Δt/S} and enters as r² over Δt (the realised variance per unit time,
 * as in an irregularly sampled EWMA: Müller, "Specially weighted moving averages with repeated
 * application of the EMA operator", Olsen & Associates 1991, §2). The weights are normalised
 * over the returns seen so far (σ² = Σ wᵢ rᵢ² / Σ wᵢ Δtᵢ), so the first estimate is the
 * returns' own mean, not a decay from zero, and identical returns give exactly their variance.
 *
 * Why per minute, not per one-second sample: λ = 0.94 on one-second returns is an EWMA with a
 * half-life of 11 s, whose σ jumps by several per cent every second (each jump moves every
 * liquidation probability, and alerts on a one-day horizon flap with noise, not risk); per
 * minute its half-life is 11 minutes, and every one-second return still counts.
 * Until `minSamples` samples the configured default σ is used, and the source says so.
 *
 * Samples are taken at most once per one-second slot, and each market's slots are offset by a
 * phase from its name (`volatilityPhase`): every σ sample moves the liquidation-probability
 * levels of the market's positions, and markets sampled on the same millisecond would recheck
 * all their crossings in one burst; offset, the rechecks spread over the second.
 *
 * @example
 * const v = newVolatility(); sampleVolatility(v, 100, 0, cfg); sampleVolatility(v, 101, 1000, cfg);
 * currentVolatility(v, cfg); // => { sigma: 0.8, source: 'default' } until 30 samples
 */
import type { EngineConfig } from './config.js';

const MS_PER_YEAR = 365 * 86_400_000;

export interface VolatilityState {
  /** The annualised variance estimate. */
  variance: number;
  /** Σ of the decayed intervals behind it (ms): the normalisation. */
  weight: number;
  samples: number;
  lastPrice: number;
  lastTime: number;
  /** The offset of this market's one-second slots (ms, in [0, 1000)). */
  phase: number;
}

/** A market's σ state; `phase` offsets its sampling slots (`volatilityPhase`). */
export function newVolatility(phase = 0): VolatilityState {
  return { variance: 0, weight: 0, samples: 0, lastPrice: 0, lastTime: -Infinity, phase };
}

/**
 * A market's sampling phase in [0, 1000) ms from its name: 32-bit FNV-1a (Fowler, Noll and Vo,
 * IETF draft-eastlake-fnv), then MurmurHash3's fmix32 finaliser (Appleby) so that names that
 * differ in their last character land far apart. The same name always gets the same phase, so
 * a replayed command log samples the same ticks.
 *
 * @example
 * volatilityPhase('BTCUSDT') === volatilityPhase('BTCUSDT'); // => true
 */
export function volatilityPhase(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) % 1000;
}

/** Takes a sample of `price` at `now` (ms) unless the last one is in the same one-second slot (offset by the phase). */
export function sampleVolatility(v: VolatilityState, price: number, now: number, cfg: EngineConfig['risk']): void {
  if (Math.floor((now - v.phase) / 1000) <= Math.floor((v.lastTime - v.phase) / 1000)) return;
  const dt = now - v.lastTime;
  if (v.lastPrice > 0) {
    const r = Math.log(price / v.lastPrice);
    const decayed = v.weight * Math.pow(cfg.volatilityLambda, dt / cfg.volatilitySampleMs);
    const weight = decayed + dt;
    v.variance = (decayed * v.variance + r * r * MS_PER_YEAR) / weight;
    v.weight = weight;
    v.samples++;
  }
  v.lastPrice = price;
  v.lastTime = now;
}

/** The σ to use now (annualised) and where it came from. */
export function currentVolatility(v: VolatilityState, cfg: EngineConfig['risk']): { sigma: number; source: 'ewma' | 'default' } {
  return v.samples >= cfg.minVolatilitySamples && v.variance > 0 ? { sigma: Math.sqrt(v.variance), source: 'ewma' } : { sigma: cfg.defaultVolatility, source: 'default' };
}
