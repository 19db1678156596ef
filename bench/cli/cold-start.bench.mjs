/**
 * Figure: CLI cold start, median wall time of `tradesize size ... --json` in fresh processes.
 * Target (issue #2): at most 150 ms.
 *
 * Timed with hyperfine (Debian package `hyperfine`) when it is installed: it execs the command
 * directly, so the figure excludes the cost of forking from this benchmark's own Node process.
 * Without hyperfine, falls back to spawnSync from Node (which adds that fork cost) and says so.
 * The bare `node -e ""` start-up is measured the same way, as the floor no CLI can beat.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { report } from '../harness.mjs';

const bin = fileURLToPath(new URL('../../bin/tradesize.cjs', import.meta.url));
const args = [bin, 'size', '--equity', '10000', '--entry', '65000', '--stop', '63000', '--risk', '0.01',
  '--fee-rate', '0.0005', '--max-leverage', '20', '--lot', '0.001', '--min-notional', '5', '--json'];
const RUNS = 31;

const check = spawnSync(process.execPath, args, { encoding: 'utf8' });
if (check.status !== 0) throw new Error(`tradesize exited ${check.status}: ${check.stderr}`);
JSON.parse(check.stdout);

function withHyperfine() {
  const out = join(mkdtempSync(join(tmpdir(), 'tradesize-bench-')), 'h.json');
  const quote = (a) => `'${a.replace(/'/g, "'\\''")}'`;
  const cmd = [process.execPath, ...args].map(quote).join(' ');
  const floor = `${quote(process.execPath)} -e ''`;
  const r = spawnSync('hyperfine', ['-N', '--warmup', '3', '--runs', String(RUNS), '--export-json', out, cmd, floor], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  const [cli, node] = JSON.parse(readFileSync(out, 'utf8')).results;
  return { tool: 'hyperfine', median: cli.median * 1000, min: cli.min * 1000, max: cli.max * 1000, nodeFloor: node.median * 1000 };
}

function withSpawn() {
  const time = (argv) => {
    const times = [];
    for (let i = 0; i < RUNS + 3; i++) {
      const t0 = process.hrtime.bigint();
      spawnSync(process.execPath, argv, { encoding: 'utf8' });
      if (i >= 3) times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    return times.sort((a, b) => a - b);
  };
  const cli = time(args);
  const node = time(['-e', '']);
  const mid = (t) => t[Math.floor(t.length / 2)];
  return { tool: 'node spawnSync (includes fork cost)', median: mid(cli), min: cli[0], max: cli[cli.length - 1], nodeFloor: mid(node) };
}

const m = withHyperfine() ?? withSpawn();
const round = (x) => Number(x.toFixed(1));
report({
  name: 'cli.coldStart.size.medianMs',
  issue: 2,
  value: round(m.median),
  min: round(m.min),
  max: round(m.max),
  nodeStartupMedianMs: round(m.nodeFloor),
  overheadOverNodeMs: round(m.median - m.nodeFloor),
  unit: `ms wall time, median of ${RUNS} runs (${m.tool})`,
  target: 150,
  pass: m.median <= 150,
});
