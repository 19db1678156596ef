/**
 * Figures (issue #3, one thread):
 *   - liquidation prices per second with the allocation-free tier kernel
 *     (`linearLiquidationPrice` on a packed Binance BTCUSDT bracket table), target 5,000,000;
 *   - the same through the public model call `binanceUsdm.liquidation(...)` (no target): on the
 *     bundled instrument (validated once when the registry loads), on an instrument validated
 *     once with `validateInstrument`, and on an unfrozen copy (checked again on every call);
 *   - largestSafeQuantity solves per second on Binance BTCUSDT, mixed isolated / cross, with and
 *     without a leverage setting, long and short, target 500,000.
 * Inputs are pre-generated; positions span several brackets so the tier iteration runs.
 */
import { getInstrument, getVenue } from '../../dist/venues/registry.js';
import { linearLiquidationPrice, packTiers } from '../../dist/venues/tiered-liquidation.js';
import { largestSafeQuantity } from '../../dist/venues/max-safe-size.js';
import { validateInstrument } from '../../dist/venues/validate.js';
import { measureRate, report } from '../harness.mjs';

const model = getVenue('binance-usdm');
const instrument = getInstrument('binance-usdm', 'BTCUSDT');
const packed = packTiers(instrument.tiers);

const N = 10_000;
const sides = new Int8Array(N);
const qty = new Float64Array(N);
const entry = new Float64Array(N);
const balance = new Float64Array(N);
const inputs = [];
for (let i = 0; i < N; i++) {
  const long = i % 2 === 0;
  sides[i] = long ? 1 : -1;
  entry[i] = 60_000 + (i % 997);
  qty[i] = 0.001 * (1 + ((i * 7919) % 40_000)); // up to 40 BTC: brackets 1–3
  balance[i] = (qty[i] * entry[i]) / (5 + (i % 50)); // 5× to 55×
  inputs.push({
    instrument,
    position: { symbol: instrument.symbol, side: long ? 'long' : 'short', quantity: qty[i], entryPrice: entry[i] },
    marginMode: i % 3 === 0 ? 'cross' : 'isolated',
    collateral: balance[i],
  });
}

const kernel = measureRate(
  () => {
    let s = 0;
    for (let i = 0; i < N; i++) s += linearLiquidationPrice(sides[i], qty[i], 1, entry[i], balance[i], packed) || 0;
    return s;
  },
  { batch: N, rounds: 15, warmup: 20 },
);
report({
  name: 'liquidation.kernelPricesPerSecond', issue: 3, value: Math.round(kernel.median), min: Math.round(kernel.min), max: Math.round(kernel.max),
  unit: 'liquidation prices/s (one thread, linearLiquidationPrice, tier iteration)', target: 5_000_000, pass: kernel.median >= 5_000_000,
});

/** Model calls per second over `inputs` with the given instrument. */
function modelCalls(inst) {
  const batch = inputs.map((input) => ({ ...input, instrument: inst, position: { ...input.position } }));
  return measureRate(
    () => {
      let s = 0;
      for (let i = 0; i < N; i++) s += model.liquidation(batch[i]).liquidationPrice ?? 0;
      return s;
    },
    { batch: N, rounds: 7, warmup: 3 },
  );
}
const unfrozen = { ...instrument, tiers: instrument.tiers.map((t) => ({ ...t })) };
for (const [name, inst, what] of [
  ['liquidation.modelPricesPerSecondPrevalidated', validateInstrument(unfrozen), 'an instrument validated once with validateInstrument'],
  ['liquidation.modelPricesPerSecondUnfrozen', unfrozen, 'an unfrozen instrument, checked on every call'],
]) {
  const r = modelCalls(inst);
  report({
    name, issue: 3, value: Math.round(r.median), min: Math.round(r.min), max: Math.round(r.max),
    unit: `liquidation results/s (one thread, binanceUsdm.liquidation on ${what})`, target: null, pass: null,
  });
}

const modelRate = measureRate(
  () => {
    let s = 0;
    for (let i = 0; i < N; i++) s += model.liquidation(inputs[i]).liquidationPrice ?? 0;
    return s;
  },
  { batch: N, rounds: 7, warmup: 3 },
);
report({
  name: 'liquidation.modelPricesPerSecond', issue: 3, value: Math.round(modelRate.median), min: Math.round(modelRate.min), max: Math.round(modelRate.max),
  unit: 'liquidation results/s (one thread, binanceUsdm.liquidation on the bundled instrument: position checked, margins, ratio)', target: null, pass: null,
});

// Written as literals (an object spread gives every copy its own hidden class, which would time
// the property lookups of megamorphic inline caches instead of the solver).
const problems = Array.from({ length: N }, (_, i) => {
  const long = i % 2 === 0;
  const e = 60_000 + (i % 997);
  const d = 200 + (i % 1800);
  const side = long ? 'long' : 'short';
  const stop = long ? e - d : e + d;
  const marginMode = i % 3 === 0 ? 'cross' : 'isolated';
  const balance = 1000 + (i % 50_000) * 10;
  return i % 4 === 0
    ? { model, instrument, side, entry: e, stop, buffer: 0.5, marginMode, balance, leverage: undefined }
    : { model, instrument, side, entry: e, stop, buffer: 0.5, marginMode, balance, leverage: 5 + (i % 30) };
});
const solves = measureRate(
  () => {
    let s = 0;
    for (let i = 0; i < N; i++) s += largestSafeQuantity(problems[i]).quantity;
    return s;
  },
  { batch: N, rounds: 15, warmup: 10 },
);
report({
  name: 'largestSafeQuantity.solvesPerSecond', issue: 3, value: Math.round(solves.median), min: Math.round(solves.min), max: Math.round(solves.max),
  unit: 'largest-safe-size solves/s (one thread, Binance BTCUSDT, exact on the lot grid)', target: 500_000, pass: solves.median >= 500_000,
});
