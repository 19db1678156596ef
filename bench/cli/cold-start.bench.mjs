/**
 * Figure: CLI cold start, median wall time of `tradesize size ... --json` over fresh processes.
 * Target (issue #2): at most 150 ms.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { report } from '../harness.mjs';

const bin = fileURLToPath(new URL('../../bin/tradesize.mjs', import.meta.url));
const args = [bin, 'size', '--equity', '10000', '--entry', '65000', '--stop', '63000', '--risk', '0.01',
  '--fee-rate', '0.0005', '--max-leverage', '20', '--lot', '0.001', '--min-notional', '5', '--json'];
const RUNS = 31;
const times = [];
for (let i = 0; i < RUNS + 3; i++) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`tradesize exited ${r.status}: ${r.stderr}`);
  JSON.parse(r.stdout);
  if (i >= 3) times.push(ms);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
report({
  name: 'cli.coldStart.size.medianMs',
  issue: 2,
  value: Number(median.toFixed(1)),
  min: Number(times[0].toFixed(1)),
  max: Number(times[times.length - 1].toFixed(1)),
  unit: `ms wall time, median of ${RUNS} runs`,
  target: 150,
  pass: median <= 150,
});
