/**
 * Figures: the funding-differential plan on two Binance USDⓈ-M BTCUSDT legs (venue-exact
 * liquidation, bisection on margin and quantity), and the estimate of a year of hourly funding
 * (8,760 seeded settlements, mean and EWMA with Newey–West errors). No shared data needed.
 */
import { createRng, estimateFunding, fundingSeries, givenFunding, planFunding, venueRules } from '../../dist/index.js';
import { measureRate, report } from '../harness.mjs';

const rules = venueRules('binance', 'btcusdt').rules;
const venues = [
  { name: 'a', funding: givenFunding(0.05), takerFee: 0.0004, rules, lotStep: 0.001 },
  { name: 'b', funding: givenFunding(0.2), takerFee: 0.0004, rules, lotStep: 0.001 },
];
const plan = measureRate(() => planFunding({ venues, price: 42000, sigma: 0.5, equity: 10000 }).legs[0].quantity, { batch: 20 });
report({ name: 'planFunding.binance2legs.ms', issue: 12, value: Number((1000 / plan.median).toFixed(3)), unit: 'ms per plan (two venue-exact legs)' });

const rng = createRng(12);
const n = 8760;
const times = Float64Array.from({ length: n }, (_, i) => i * 3.6e6);
const rates = Float64Array.from({ length: n }, () => 1e-5 + 1e-5 * (rng.next() - 0.5));
const series = fundingSeries(times, rates);
const est = measureRate(() => estimateFunding(series, { method: 'ewma' }).ratePerYear, { batch: 20 });
report({ name: 'estimateFunding.ewma.8760.us', issue: 12, value: Number((1e6 / est.median).toFixed(1)), unit: 'µs per EWMA estimate with Newey–West error (8,760 hourly settlements)' });
