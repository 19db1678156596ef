/**
 * The stress grid against an independent implementation of the documented scheme
 * (scripts/fixtures/portfolio_stress.py: QuantLib blackFormula valuations, finite-difference
 * Greeks for the delta-gamma column, brentq for the largest adverse moves).
 */
import { describe, expect, it } from 'vitest';
import { readFixture } from '../helpers/shared-data.js';
import { stressPortfolio } from '../../src/stress/stress.js';

interface Row { scope: string; priceMove: number; vol?: string; pnl: number; maintenance: number; liquidated: boolean; deltaGammaPnl?: number; contribution?: number }
interface Case {
  name: string; portfolio: unknown; equity: number; imr: number; mmr: number; worstLoss: number;
  standard: Row[]; extended: Row[]; greeks: { underlying: string; delta: number; gamma: number; vega: number }[];
  maxAdverseMove: { scope: string; down: number | null; up: number | null }[];
}
const fixture = readFixture<{ cases: Case[] }>('risk/stress-grid.json');

describe.each(fixture.cases.map((c) => [c.name, c] as const))('stress grid vs QuantLib reference: %s', (_name, c) => {
  const r = stressPortfolio(c.portfolio);
  const scale = Math.abs(c.equity);
  const close = (a: number, b: number, rel: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * scale);

  it('account: equity, IM and MM (relative to equity 1e-12)', () => {
    close(r.account.equity, c.equity, 1e-12);
    close(r.account.initialMargin, c.imr, 1e-12);
    close(r.account.maintenanceMargin, c.mmr, 1e-12);
    close(r.worstLoss, c.worstLoss, 1e-12);
  });

  it('every standard scenario: full-revaluation PnL, maintenance, liquidated flag', () => {
    const std = r.scenarios.filter((s) => s.table === 'standard');
    expect(std).toHaveLength(c.standard.length);
    std.forEach((s, i) => {
      const ref = c.standard[i] as Row;
      expect([s.scope, s.priceMove, s.vol]).toEqual([ref.scope, expect.closeTo(ref.priceMove, 15), ref.vol]);
      close(s.pnl, ref.pnl, 1e-12);
      close(s.maintenance, ref.maintenance, 1e-12);
      expect(s.liquidated).toBe(ref.liquidated);
    });
  });

  it('delta-gamma-vega column matches finite-difference Greeks (relative to equity 1e-6)', () => {
    const std = r.scenarios.filter((s) => s.table === 'standard');
    std.forEach((s, i) => close(s.deltaGammaPnl, (c.standard[i] as Row).deltaGammaPnl as number, 1e-6));
    r.greeks.forEach((g, u) => {
      const ref = c.greeks[u] as Case['greeks'][number];
      expect(g.underlying).toBe(ref.underlying);
      expect(Math.abs(g.delta - ref.delta)).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(ref.delta)));
      expect(Math.abs(g.vega - ref.vega)).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(ref.vega)));
      expect(Math.abs(g.gamma - ref.gamma)).toBeLessThanOrEqual(1e-4 * (1e-6 + Math.abs(ref.gamma)));
    });
  });

  it('extended table: PnL on vol up and the dampened contribution', () => {
    const ext = r.scenarios.filter((s) => s.table === 'extended');
    expect(ext).toHaveLength(c.extended.length);
    ext.forEach((s, i) => {
      const ref = c.extended[i] as Row;
      expect([s.scope, s.vol]).toEqual([ref.scope, 'up']);
      close(s.pnl, ref.pnl, 1e-12);
      close(s.marginContribution as number, ref.contribution as number, 1e-12);
    });
  });

  it('largest adverse moves (absolute 1e-9)', () => {
    expect(r.maxAdverseMove.map((m) => m.scope)).toEqual(c.maxAdverseMove.map((m) => m.scope));
    r.maxAdverseMove.forEach((m, i) => {
      const ref = c.maxAdverseMove[i] as Case['maxAdverseMove'][number];
      for (const key of ['down', 'up'] as const) {
        if (ref[key] === null) expect(m[key]).toBeNull();
        else expect(Math.abs((m[key] as number) - (ref[key] as number))).toBeLessThanOrEqual(1e-9);
      }
    });
  });
});
