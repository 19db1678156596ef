import { describe, it } from 'vitest';
import fc from 'fast-check';
import {
  abmFirstPassage,
  abmHitProbability,
  abmLowerFirst,
  abmLowerFirstImages,
  abmLowerFirstSpectral,
} from '../../src/risk/first-passage/index.js';

const RUNS = { numRuns: 1000 };
const dist = fc.double({ min: 1e-3, max: 2, noNaN: true });
const drift = fc.double({ min: -3, max: 3, noNaN: true });
const vol = fc.double({ min: 0.05, max: 2, noNaN: true });
const horizon = fc.double({ min: 1e-4, max: 50, noNaN: true });
const EPS = 1e-12;

describe('first passage properties (fast-check, 1,000 runs each)', () => {
  it('probabilities lie in [0, 1] and sum to 1 (finite and infinite horizon)', () => {
    fc.assert(
      fc.property(dist, dist, drift, vol, fc.oneof(horizon, fc.constant(Infinity)), (a, b, nu, s, T) => {
        const r = abmFirstPassage(a, b, nu, s, T);
        for (const p of [r.pLowerFirst, r.pUpperFirst, r.pNeither]) {
          if (!(p >= 0 && p <= 1)) return false;
        }
        if (T === Infinity && r.pNeither !== 0) return false;
        return Math.abs(r.pLowerFirst + r.pUpperFirst + r.pNeither - 1) <= 4e-16;
      }),
      RUNS,
    );
  });

  it('pLowerFirst decreases as the lower barrier moves down (a grows)', () => {
    fc.assert(
      fc.property(dist, dist, fc.double({ min: 1e-3, max: 1, noNaN: true }), drift, vol, horizon, (a, b, da, nu, s, T) => {
        return abmLowerFirst(a + da, b, nu, s, T) <= abmLowerFirst(a, b, nu, s, T) + EPS;
      }),
      RUNS,
    );
  });

  it('pLowerFirst and pUpperFirst increase with the horizon (pNeither decreases)', () => {
    fc.assert(
      fc.property(dist, dist, drift, vol, horizon, fc.double({ min: 1e-4, max: 10, noNaN: true }), (a, b, nu, s, T, dT) => {
        const r1 = abmFirstPassage(a, b, nu, s, T);
        const r2 = abmFirstPassage(a, b, nu, s, T + dT);
        const inf = abmFirstPassage(a, b, nu, s, Infinity);
        return (
          r2.pLowerFirst >= r1.pLowerFirst - EPS &&
          r2.pUpperFirst >= r1.pUpperFirst - EPS &&
          r2.pNeither <= r1.pNeither + EPS &&
          r2.pLowerFirst <= inf.pLowerFirst + EPS
        );
      }),
      RUNS,
    );
  });

  it('one-barrier limit: as upper → ∞ the two-barrier pLowerFirst → the one-barrier probability', () => {
    fc.assert(
      fc.property(dist, drift, vol, fc.double({ min: 1e-4, max: 5, noNaN: true }), (a, nu, s, T) => {
        const far = a + 40 * s * Math.sqrt(T) + 4 * Math.abs(nu) * T + 1;
        const two = abmFirstPassage(a, far, nu, s, T).pLowerFirst;
        const one = abmHitProbability(a, nu, s, T);
        return Math.abs(two - one) <= 1e-12;
      }),
      RUNS,
    );
  });

  it('one-barrier limit at T = ∞ (positive drift): e^{−2νa/σ²}', () => {
    fc.assert(
      fc.property(dist, fc.double({ min: 0.01, max: 3, noNaN: true }), vol, (a, nu, s) => {
        const far = a + (60 * s * s) / nu + 1;
        return Math.abs(abmFirstPassage(a, far, nu, s, Infinity).pLowerFirst - abmHitProbability(a, nu, s, Infinity)) <= 1e-12;
      }),
      RUNS,
    );
  });

  // u = π²σ²T/(2w²). Below u ≈ 0.25 the eigenfunction series subtracts terms as large as
  // e^{a²/(2σ²T)} ~ e^{π²/(4u)} from P(∞) and loses digits; that is why abmLowerFirst uses the
  // images there. For u ≥ 1 (where it is used) its terms are at most e^{π²/4 − u}.
  it('the image and eigenfunction series agree (π²σ²T/(2w²) in [0.25, 30])', () => {
    fc.assert(
      fc.property(dist, dist, drift, vol, fc.double({ min: 0.25, max: 30, noNaN: true }), (a, b, nu, s, u) => {
        const w = a + b;
        const T = (2 * w * w * u) / (Math.PI * Math.PI * s * s);
        return Math.abs(abmLowerFirstImages(a, b, nu, s, T) - abmLowerFirstSpectral(a, b, nu, s, T)) <= 1e-11;
      }),
      RUNS,
    );
  });

  // X_t = νt + σW_t: cX_{kt} is again a Brownian motion with drift ckν and volatility c√k·σ
  // (W_{kt} ~ √k·W_t; Karatzas & Shreve 1991, Lemma 2.9.4), which meets barriers ca, cb at the
  // same events. The code never rescales this way, so this checks its units and series switch.
  it('Brownian scaling: P(a, b, ν, σ, T) = P(ca, cb, ckν, c√kσ, T/k) for c, k in [0.1, 10]', () => {
    const factor = fc.double({ min: 0.1, max: 10, noNaN: true });
    fc.assert(
      fc.property(dist, dist, drift, vol, horizon, factor, factor, (a, b, nu, s, T, c, k) => {
        const r = abmFirstPassage(a, b, nu, s, T);
        const m = abmFirstPassage(c * a, c * b, c * k * nu, c * Math.sqrt(k) * s, T / k);
        return Math.abs(r.pLowerFirst - m.pLowerFirst) <= 1e-12 && Math.abs(r.pUpperFirst - m.pUpperFirst) <= 1e-12;
      }),
      RUNS,
    );
  });
});
