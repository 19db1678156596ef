/**
 * Figure: GARCH(1,1)-t maximum-likelihood fit on 3,000 returns (the seeded simulated series of
 * test/fixtures/volatility/garch.json), median wall time of `fitGarch(x, { innovations:
 * 'student-t' })`, against R fGarch's `garchFit(~garch(1,1), cond.dist = 'std')` on the same
 * series timed inside one Rscript process in the same run (median of its repetitions; R start-up
 * and package loading excluded). ratio = ours / fGarch's (below 1: faster). Without Rscript or
 * fGarch the R figures are null.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fitGarch } from '../../dist/index.js';
import { report, timeMs } from '../harness.mjs';

const fixture = JSON.parse(readFileSync(fileURLToPath(new URL('../../test/fixtures/volatility/garch.json', import.meta.url)), 'utf8'));
const x = fixture.simulated.returns;
const ROUNDS = 9;

const fit = () => fitGarch(x, { innovations: 'student-t' }).logLikelihood;
const ours = timeMs(fit, { rounds: ROUNDS });

function timeFGarch() {
  const file = join(mkdtempSync(join(tmpdir(), 'tradesize-garch-bench-')), 'x.txt');
  writeFileSync(file, x.join('\n'));
  const code = [
    'suppressPackageStartupMessages(library(fGarch))',
    `x <- scan(${JSON.stringify(file)}, quiet = TRUE)`,
    "invisible(garchFit(~garch(1, 1), data = x, cond.dist = 'std', include.mean = TRUE, trace = FALSE))",
    `ms <- sapply(1:${ROUNDS}, function(i) 1000 * system.time(garchFit(~garch(1, 1), data = x, cond.dist = 'std', include.mean = TRUE, trace = FALSE))[['elapsed']])`,
    "cat(median(ms), as.character(packageVersion('fGarch')), '\\n')",
  ].join('\n');
  const r = spawnSync('Rscript', ['-e', code], { encoding: 'utf8' });
  if (r.status !== 0 || r.error !== undefined) return null;
  const [ms, version] = r.stdout.trim().split(/\s+/);
  return { ms: Number(ms), version };
}

const oursMs = ours.median;
const r = timeFGarch();
report({
  name: 'fitGarch.studentT.ms',
  issue: 4,
  value: Number(oursMs.toFixed(2)),
  min: Number(ours.min.toFixed(2)),
  max: Number(ours.max.toFixed(2)),
  unit: 'ms per GARCH(1,1)-t fit of 3000 returns (median, one thread)',
  fGarchMs: r === null ? null : r.ms,
  fGarchVersion: r === null ? null : r.version,
  ratio: r === null || !(r.ms > 0) ? null : Number((oursMs / r.ms).toFixed(3)),
});
