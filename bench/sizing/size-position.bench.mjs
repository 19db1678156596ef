/**
 * Figure: sizePosition decisions per second with every constraint active (one thread).
 * Target (issue #2): at least 1,000,000 per second.
 */
import { sizePosition } from '../../dist/index.js';
import { measureRate, report } from '../harness.mjs';

const N = 10_000;
const requests = Array.from({ length: N }, (_, i) => {
  const long = i % 2 === 0;
  const entry = 60_000 + (i % 997);
  const distance = 200 + (i % 1800);
  return {
    side: long ? 'long' : 'short',
    equity: 5_000 + (i % 50_000),
    entry,
    stop: long ? entry - distance : entry + distance,
    risk: 0.005 + (i % 20) * 0.0005,
    contract: { kind: 'linear', size: 1 },
    fees: { entry: 0.0005, exit: 0.0005 },
    slippage: 0.001,
    maxLeverage: 20,
    kellyFraction: 1.5 + (i % 7) * 0.1,
    volTarget: { target: 0.4, sigma: 0.5 + (i % 9) * 0.05 },
    venue: { lotStep: 0.001, minQty: 0.001, maxQty: 1000, minNotional: 5 },
  };
});

function run() {
  let s = 0;
  for (let i = 0; i < N; i++) {
    const d = sizePosition(requests[i]);
    s += d.status === 'sized' ? d.quantity : 1;
  }
  return s;
}

const rate = measureRate(run, { batch: N, rounds: 15, warmup: 20 });
report({
  name: 'sizePosition.decisionsPerSecond',
  issue: 2,
  value: Math.round(rate.median),
  min: Math.round(rate.min),
  max: Math.round(rate.max),
  unit: 'decisions/s (one thread, all constraints)',
  target: 1_000_000,
  pass: rate.median >= 1_000_000,
});
