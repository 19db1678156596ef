/**
 * `tradesize vol --input log-returns|returns` on rugarch's `dmbp` series (Bollerslev–Ghysels
 * DEM/GBP daily percent log returns, 1974 values, many below −1): the series is used as given and
 * the GARCH(1,1) fit reproduces the published benchmark.
 *
 * Published values: G. Fiorentini, G. Calzolari and L. Panattoni, "Analytic derivatives and the
 * computation of GARCH estimates", J. Applied Econometrics 11 (1996) 399–417, the benchmark of
 * B. D. McCullough and C. G. Renfro (1999) and C. Brooks, S. Burke and G. Persand, "Benchmarks and
 * the accuracy of GARCH model estimation", Int. J. Forecasting 17 (2001) 45–56, Table 2:
 * μ = −0.00619041, ω = 0.0107613, α = 0.153134, β = 0.805974, log-likelihood −1106.608 — the
 * values rugarch's benchmark (A. Ghalanos, "Introduction to the rugarch package", §"Benchmark")
 * compares its `dmbp` fit against. They are printed to six significant figures, hence the
 * tolerances below.
 */
import { expect, it } from 'vitest';
import { cli, json } from './run.js';
import { describeWithSharedReferences, sharedReferencePath } from '../helpers/shared-references.js';
import { expectRel } from '../helpers/assert.js';

const FILE = 'data/dmbp_rugarch.csv';
const FCP = { mu: -0.00619041, omega: 0.0107613, alpha: 0.153134, beta: 0.805974, logLikelihood: -1106.608 };

describeWithSharedReferences('tradesize vol --model garch on rugarch dmbp (percent log returns)', [FILE], () => {
  const file = sharedReferencePath(FILE) as string;

  it.each(['log-returns', 'returns'])('--input %s: accepted as given and fits the FCP benchmark', async (input) => {
    const out = json(await cli('vol', '--data', file, '--column', 'V1', '--model', 'garch', '--input', input, '--json'));
    expect(out).toMatchObject({ method: 'garch', observations: 1974, input, column: 'V1' });
    expect(Math.abs((out.mu as number) - FCP.mu)).toBeLessThan(2e-7); // the published μ has 8 decimals
    expectRel(out.omega as number, FCP.omega, 2e-5);
    expectRel(out.alpha as number, FCP.alpha, 1e-5);
    expectRel(out.beta as number, FCP.beta, 1e-5);
    expect(Math.abs((out.logLikelihood as number) - FCP.logLikelihood)).toBeLessThan(1e-3);
  });

  it('the series has returns below −1: compounding it as simple returns is refused with a hint', async () => {
    const run = await cli('regime', '--data', file, '--column', 'V1', '--input', 'returns', '--json');
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stderr).error.message).toMatch(/> -1 to compound.*log-returns/);
    const ok = await cli('regime', '--data', file, '--column', 'V1', '--input', 'log-returns', '--json');
    expect(ok.code).toBe(0);
  });
});
