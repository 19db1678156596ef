/**
 * A market's σ for revaluation: an EWMA of squared log returns of its median price per unit
 * time, sampled at most once a second, annualised (365-day year) — RiskMetrics (J.P. Morgan
 * 1996, λ = 0.94 per sample) on an irregular grid, each squared return divided by its interval.
 * Until `minSamples` samples the configured default σ is used, and the source says so.
 *
 * @example
 * const v = newVolatility(); sampleVolatility(v, 100, 0, cfg); sampleVolatility(v, 101, 1000, cfg);
 * currentVolatility(v, cfg); // => { sigma: 0.8, source: 'default' } until 30 samples
 */
import type { EngineConfig } from './config.js';

const MS_PER_YEAR = 365 * 86_400_000;

export interface VolatilityState {
  variance: number;
  samples: number;
  lastPrice: number;
  lastTime: number;
}

export function newVolatility(): VolatilityState {
  return { variance: 0, samples: 0, lastPrice: 0, lastTime: -Infinity };
}

/** Takes a sample of `price` at `now` (ms) unless the last one is less than a second old. */
export function sampleVolatility(v: VolatilityState, price: number, now: number, cfg: EngineConfig['risk']): void {
  if (now - v.lastTime < 1000) return;
  if (v.lastPrice > 0) {
    const r = Math.log(price / v.lastPrice);
    const annualised = (r * r * MS_PER_YEAR) / (now - v.lastTime);
    v.variance = v.samples === 0 ? annualised : cfg.volatilityLambda * v.variance + (1 - cfg.volatilityLambda) * annualised;
    v.samples++;
  }
  v.lastPrice = price;
  v.lastTime = now;
}

/** The σ to use now (annualised) and where it came from. */
export function currentVolatility(v: VolatilityState, cfg: EngineConfig['risk']): { sigma: number; source: 'ewma' | 'default' } {
  return v.samples >= cfg.minVolatilitySamples && v.variance > 0 ? { sigma: Math.sqrt(v.variance), source: 'ewma' } : { sigma: cfg.defaultVolatility, source: 'default' };
}
