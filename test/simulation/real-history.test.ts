/**
 * First passage on real BTC and ETH daily closes (../shared/data/ohlcv): for every start day t,
 * barriers at ±k·σ̂√h in log-price (σ̂ the sample sd of daily log returns, k = 1) and a horizon of
 * h days, the observed outcome (lower first / upper first / neither, at the daily closes) against
 * the prediction of a GARCH(1,1)-t fitted to the same returns (`fitGarch`, innovations
 * 'student-t'), simulated from each start day's filtered variance h_t (`garchVariances`) with
 * daily monitoring (100 paths per start day), averaged over the start days.
 *
 * Tolerance. Windows starting on consecutive days overlap in h − 1 days, so the outcome
 * indicators are strongly autocorrelated (and volatility clustering adds more): the standard
 * error of an observed frequency is not √(p(1 − p)/n) but the Newey–West (Bartlett kernel)
 * long-run standard error with bandwidth 2h (about √(p(1 − p)·h/n) for independent returns,
 * i.e. roughly one independent observation per window length). The model must be within 3 of
 * those plus 3 Monte Carlo standard errors. The parameters are fitted in-sample.
 * Source: W. K. Newey and K. D. West, "A Simple, Positive Semi-Definite, Heteroskedasticity and
 * Autocorrelation Consistent Covariance Matrix", Econometrica 55(3) (1987) 703–708.
 */
import { expect, it } from 'vitest';
import { describeWithSharedData, readSharedData } from '../helpers/shared-data.js';
import { simulateFirstPassageSync } from '../../src/simulation/index.js';
import { fitGarch, garchVariances } from '../../src/volatility/garch.js';

const FILES = ['ohlcv/btc-usdt-1d.csv', 'ohlcv/eth-usdt-1d.csv'] as const;
const PATHS_PER_START = 100;

function closes(file: string): number[] {
  const lines = readSharedData(file).trim().split('\n');
  const at = (lines[0] ?? '').split(',').indexOf('close');
  return lines.slice(1).map((l) => Number(l.split(',')[at]));
}

/** Mean of x and its Newey–West standard error with Bartlett weights up to lag L. */
function neweyWest(x: readonly number[], L: number): { mean: number; se: number } {
  const n = x.length;
  const mean = x.reduce((s, v) => s + v, 0) / n;
  const d = x.map((v) => v - mean);
  let s = d.reduce((acc, v) => acc + v * v, 0) / n;
  for (let l = 1; l <= L; l++) {
    let g = 0;
    for (let t = l; t < n; t++) g += (d[t] as number) * (d[t - l] as number);
    s += (2 * (1 - l / (L + 1)) * g) / n;
  }
  return { mean, se: Math.sqrt(s / n) };
}

describeWithSharedData('first passage on BTC and ETH history vs a fitted GARCH(1,1)-t', FILES, () => {
  for (const file of FILES) {
    for (const h of [10, 30]) {
      it(`${file}, h = ${h} days, barriers ±σ̂√h: observed frequencies within 3 Newey–West SE (+3 MC SE)`, () => {
        const c = closes(file);
        const r = c.slice(1).map((x, i) => Math.log(x / (c[i] as number)));
        const n = r.length;
        const m = r.reduce((s, v) => s + v, 0) / n;
        const sd = Math.sqrt(r.reduce((s, v) => s + (v - m) ** 2, 0) / (n - 1));
        const fit = fitGarch(r, { innovations: 'student-t' });
        const hv = garchVariances(r, fit);
        const B = sd * Math.sqrt(h);
        const observed = { lower: [] as number[], upper: [] as number[], neither: [] as number[] };
        const predicted = { lower: 0, upper: 0, neither: 0 };
        let mcVar = 0;
        for (let t = 0; t + h < c.length; t++) {
          let out = 0;
          for (let j = 1; j <= h && out === 0; j++) {
            const x = Math.log((c[t + j] as number) / (c[t] as number));
            out = x <= -B ? -1 : x >= B ? 1 : 0;
          }
          observed.lower.push(out === -1 ? 1 : 0);
          observed.upper.push(out === 1 ? 1 : 0);
          observed.neither.push(out === 0 ? 1 : 0);
          const s = simulateFirstPassageSync({
            price: 1, lower: Math.exp(-B), upper: Math.exp(B), mu: fit.mu * 365, horizon: h / 365, model: 'garch-t',
            garch: { omega: fit.omega, alpha: fit.alpha, beta: fit.beta, nu: fit.nu as number, variance: hv[t] as number },
            paths: PATHS_PER_START, seed: t,
          });
          predicted.lower += s.pLowerFirst;
          predicted.upper += s.pUpperFirst;
          predicted.neither += s.pNeither;
          mcVar += s.stdError ** 2;
        }
        const starts = observed.lower.length;
        const mcSe = Math.sqrt(mcVar) / starts;
        for (const k of ['lower', 'upper', 'neither'] as const) {
          const obs = neweyWest(observed[k], 2 * h);
          expect(Math.abs(predicted[k] / starts - obs.mean)).toBeLessThanOrEqual(3 * obs.se + 3 * mcSe);
        }
      });
    }
  }
});
