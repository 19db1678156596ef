/**
 * Monte Carlo stress budgets and progress (issue "Foundation before the engine" §6: `stress
 * --mc-paths 1e6 --horizon 365` took 131 s and 2.9 GB): memory (paths × days × underlyings) and
 * work (paths × days × valuation terms) are bounded before anything is allocated, with an error
 * naming the budget; the folded path valuation equals the position-by-position one.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { monteCarloPortfolio, MAX_MC_RETURNS, MAX_MC_TERMS } from '../../src/stress/monte-carlo-portfolio.js';
import { pathEquity, pathEquityTerms } from '../../src/stress/path-equity.js';
import { compilePortfolio } from '../../src/portfolio/compile.js';
import { parsePortfolio } from '../../src/portfolio/schema.js';
import { equityAt } from '../../src/portfolio/valuation.js';
import { anyPosition, collateral, margin, portfolioOf } from './arbitraries.js';
import { cli } from '../cli/run.js';
import { thrown } from '../helpers/assert.js';

const example = JSON.parse(readFileSync(new URL('../../examples/portfolio-btc.json', import.meta.url), 'utf8')) as Record<string, unknown>;


describe('Monte Carlo stress budgets', () => {
  it('paths 1e6 × 365 days is refused at paths by the memory budget', () => {
    const e = thrown(() => monteCarloPortfolio(example, { paths: 1_000_000, days: 365 }));
    expect([e.code, e.path, e.details?.budget]).toEqual(['INVALID_INPUT', ['paths'], 'memory']);
    expect(e.message).toContain(`paths × days × underlyings ≤ ${MAX_MC_RETURNS.toLocaleString('en-US')}`);
  });

  it('a book of 2,100 options at 100,000 paths × 10 days is refused by the work budget', () => {
    const positions = Array.from({ length: 2100 }, (_, i) => ({ kind: 'option', underlying: 'BTC', type: 'call', strike: 60_000 + i, expiry: '2026-12-25T08:00:00Z', quantity: 1 }));
    const e = thrown(() => monteCarloPortfolio({ ...example, positions }, { paths: 100_000, days: 10 }));
    expect([e.path, e.details?.budget, e.details?.value]).toEqual([['paths'], 'work', 100_000 * 10 * 2101]);
    expect(e.message).toContain(`≤ ${MAX_MC_TERMS.toLocaleString('en-US')}`);
  });

  it('onProgress rises to 1', () => {
    const seen: number[] = [];
    monteCarloPortfolio(example, { paths: 1000, days: 5, onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.every((f, i) => f > 0 && f <= 1 && (i === 0 || f > (seen[i - 1] as number)))).toBe(true);
    expect(seen.at(-1)).toBe(1);
  });

  it('property: the folded path equity equals equityAt at moved prices and elapsed time (300 runs)', () => {
    fc.assert(
      fc.property(fc.array(anyPosition, { maxLength: 8 }), collateral, margin, fc.double({ min: 0, max: 2, noNaN: true }), fc.double({ min: 0.3, max: 3, noNaN: true }), fc.double({ min: 0, max: 0.02, noNaN: true }), (positions, usd, mg, btc, move, dt) => {
        const c = compilePortfolio(parsePortfolio(portfolioOf(positions, usd, mg, btc)));
        const prices = Float64Array.from(c.spot, (s, u) => s * (u === 0 ? move : 1 / move));
        const want = equityAt(c, prices, dt);
        const scale = Math.abs(usd) + c.n * 1e6;
        expect(Math.abs(pathEquity(c)(prices, dt) - want)).toBeLessThanOrEqual(1e-12 * scale);
        expect(pathEquityTerms(c)).toBeLessThanOrEqual(c.underlyings.length + c.n);
      }),
      { numRuns: 1000 },
    );
  });

  it('tradesize stress --mc-paths 1000000 --horizon 365 exits 2 at --mc-paths naming the budget and the flags', async () => {
    const run = await cli('stress', '--portfolio', 'examples/portfolio-btc.json', '--mc-paths', '1000000', '--horizon', '365', '--json');
    expect(run.code).toBe(2);
    const e = JSON.parse(run.stderr).error as { code: string; path: string[]; message: string };
    expect([e.code, e.path]).toEqual(['INVALID_INPUT', ['--mc-paths']]);
    expect(e.message).toContain('--mc-paths × --horizon');
    expect(e.message).toContain('paths × days × underlyings ≤');
  });
});
