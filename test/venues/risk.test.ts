import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addRisk,
  isInitialCollateralized,
  isLiquidatable,
  isMaintenanceCollateralized,
  ZERO_RISK,
  type Risk,
} from '../../src/venues/risk.js';

// Integer-valued amounts keep the sums exact, so the laws can be checked with toEqual.
const amount = fc.integer({ min: -1e9, max: 1e9 });
const requirement = fc.integer({ min: 0, max: 1e9 });
const risk = fc.record({ imr: requirement, mmr: requirement, nc: amount });

describe('Risk is a monoid under addRisk', () => {
  it('ZERO_RISK is the identity on both sides (1,000 runs)', () => {
    fc.assert(
      fc.property(risk, (a) => {
        expect(addRisk(ZERO_RISK, a)).toEqual(a);
        expect(addRisk(a, ZERO_RISK)).toEqual(a);
      }),
      { numRuns: 1000 },
    );
  });

  it('addRisk is associative and commutative (1,000 runs)', () => {
    fc.assert(
      fc.property(risk, risk, risk, (a, b, c) => {
        expect(addRisk(addRisk(a, b), c)).toEqual(addRisk(a, addRisk(b, c)));
        expect(addRisk(a, b)).toEqual(addRisk(b, a));
      }),
      { numRuns: 1000 },
    );
  });

  it('an account is the fold of its positions from ZERO_RISK, whatever the order', () => {
    const legs: Risk[] = [
      { imr: 2500, mmr: 1500, nc: 50_000 },
      { imr: 1000, mmr: 600, nc: -20_000 },
      { imr: 0, mmr: 0, nc: -25_000 },
    ];
    const account = legs.reduce(addRisk, ZERO_RISK);
    expect(account).toEqual({ imr: 3500, mmr: 2100, nc: 5000 });
    expect([...legs].reverse().reduce(addRisk, ZERO_RISK)).toEqual(account);
  });

  it('ZERO_RISK is frozen', () => {
    expect(Object.isFrozen(ZERO_RISK)).toBe(true);
  });
});

// Boundary table in the style of dydxprotocol/v4-chain protocol/lib/margin/risk_test.go:
// each case is named after the boundary it pins.
const cases: readonly { name: string; r: Risk; initial: boolean; maintenance: boolean; liquidatable: boolean }[] = [
  { name: 'NC > IMR > MMR', r: { imr: 50, mmr: 30, nc: 100 }, initial: true, maintenance: true, liquidatable: false },
  { name: 'NC = IMR', r: { imr: 50, mmr: 30, nc: 50 }, initial: true, maintenance: true, liquidatable: false },
  { name: 'MMR < NC < IMR', r: { imr: 50, mmr: 30, nc: 40 }, initial: false, maintenance: true, liquidatable: false },
  { name: 'NC = MMR (not liquidatable)', r: { imr: 50, mmr: 30, nc: 30 }, initial: false, maintenance: true, liquidatable: false },
  { name: 'NC < MMR', r: { imr: 50, mmr: 30, nc: 29 }, initial: false, maintenance: false, liquidatable: true },
  { name: 'NC = 0, MMR > 0', r: { imr: 50, mmr: 30, nc: 0 }, initial: false, maintenance: false, liquidatable: true },
  { name: 'NC < 0, MMR > 0', r: { imr: 50, mmr: 30, nc: -1 }, initial: false, maintenance: false, liquidatable: true },
  { name: 'NC < 0, MMR = 0 (zero MMR is never liquidatable)', r: { imr: 0, mmr: 0, nc: -1 }, initial: false, maintenance: false, liquidatable: false },
  { name: 'NC = 0, MMR = 0', r: { imr: 0, mmr: 0, nc: 0 }, initial: true, maintenance: true, liquidatable: false },
  { name: 'NC > 0, MMR = 0', r: { imr: 0, mmr: 0, nc: 1 }, initial: true, maintenance: true, liquidatable: false },
];

describe('collateralisation predicates at their boundaries', () => {
  for (const c of cases) {
    it(c.name, () => {
      expect(isInitialCollateralized(c.r)).toBe(c.initial);
      expect(isMaintenanceCollateralized(c.r)).toBe(c.maintenance);
      expect(isLiquidatable(c.r)).toBe(c.liquidatable);
    });
  }

  it('property: liquidatable ⇔ MMR > 0 and not maintenance-collateralised (1,000 runs)', () => {
    fc.assert(
      fc.property(risk, (r) => isLiquidatable(r) === (r.mmr > 0 && !isMaintenanceCollateralized(r))),
      { numRuns: 1000 },
    );
  });

  it('property: with IMR ≥ MMR, initial collateralisation implies maintenance (1,000 runs)', () => {
    fc.assert(
      fc.property(requirement, requirement, amount, (a, b, nc) => {
        const r = { imr: Math.max(a, b), mmr: Math.min(a, b), nc };
        return !isInitialCollateralized(r) || isMaintenanceCollateralized(r);
      }),
      { numRuns: 1000 },
    );
  });

  it('an account can be liquidatable although one of its positions alone is not', () => {
    const safe = { imr: 500, mmr: 300, nc: 10_000 };
    const losing = { imr: 500, mmr: 300, nc: -9_800 };
    expect(isLiquidatable(safe)).toBe(false);
    expect(isLiquidatable(addRisk(safe, losing))).toBe(true);
  });
});
