/**
 * Figure (issue #11 §8): wall time of a 1,000-policy sweep — kelly:0.002 … kelly:1 and
 * fixed-leverage:0.01 … fixed-leverage:5 (500 each), 0.05 % fee, 2 bps slippage, flat 0.5 %
 * maintenance rate — over 45,000 hourly bars on two worker threads, from the call to the last
 * row: starting the workers, preparing the data in each, every policy's targets, bar loop and
 * metrics. Target: ≤ 3 s on 2 cores. Median of 3 rounds; loadAverage printed with it.
 */
import { loadavg } from 'node:os';
import { expandGrid, runSweep } from '../../dist/index.js';
import { median, report } from '../harness.mjs';
import { benchBars } from './data.mjs';

const { bars, data } = benchBars();
const specs = [...expandGrid('kelly:0.002..1/0.002'), ...expandGrid('fixed-leverage:0.01..5/0.01')];
const options = { policies: ['fixed-leverage:1'], feeRate: 0.0005, slippageBps: 2 };
const ms = [];
let rows = 0;
for (let r = 0; r < 3; r++) {
  const t0 = process.hrtime.bigint();
  rows = (await runSweep({ bars }, options, specs, { threads: 2 })).length;
  ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
report({
  name: 'backtest.sweep.1000policies.seconds',
  issue: 11,
  value: Number((median(ms) / 1000).toFixed(3)),
  min: Number((Math.min(...ms) / 1000).toFixed(3)),
  max: Number((Math.max(...ms) / 1000).toFixed(3)),
  unit: `s wall, ${rows} policies (500 kelly:C, 500 fixed-leverage:L) × ${bars.close.length} hourly bars on 2 worker threads (median of 3)`,
  data,
  barStepsPerSecond: Math.round((rows * bars.close.length) / (median(ms) / 1000)),
  loadAverage: Number(loadavg()[0].toFixed(2)),
});
