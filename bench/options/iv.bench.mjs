/**
 * Figure: implied volatility solves per second — `impliedVolBatch` on 200,000 Black–Scholes–Merton
 * prices (the seeded inputs of bench/options/inputs.mjs priced by `greeksBatch`), one thread,
 * median of 5 rounds; the largest |σ̂ − σ| over the options whose price carries information
 * (vega ≥ 1e-3·price) is reported beside it. In the same run, on the first 2,000 of the same
 * prices: scipy.optimize.brentq on scipy's closed form (xtol 1e-12) and QuantLib-Python's
 * VanillaOption.impliedVolatility (accuracy 1e-12, AnalyticEuropeanEngine), each a Python loop,
 * scaled to solves per second. ratio = ours / peer (above 1: faster). Peers null when absent.
 */
import { spawnSync } from 'node:child_process';
import { greeksBatch, impliedVolBatch } from '../../dist/index.js';
import { measureRate, report } from '../harness.mjs';
import { optionInputs, pythonEnv, writeColumns } from './inputs.mjs';

const N = 200_000;
const SAMPLE = 2_000;
const x = optionInputs(N, 7);
const g = {
  price: new Float64Array(N), delta: new Float64Array(N), gamma: new Float64Array(N),
  vega: new Float64Array(N), theta: new Float64Array(N), rho: new Float64Array(N),
};
greeksBatch('black-scholes', x.isCall, x.spot, x.strike, x.expiry, x.vol, x.rate, x.div, g);
const iv = new Float64Array(N);
let failed = 0;
const ours = measureRate(() => {
  failed = impliedVolBatch('black-scholes', x.isCall, g.price, x.spot, x.strike, x.expiry, x.rate, x.div, iv);
  return iv[0];
}, { batch: N, rounds: 5, warmup: 1 });
let maxError = 0;
for (let i = 0; i < N; i++) {
  if (g.vega[i] >= 1e-3 * g.price[i]) maxError = Math.max(maxError, Math.abs(iv[i] - x.vol[i]));
}

const dir = writeColumns({ isCall: x.isCall, spot: x.spot, strike: x.strike, expiry: x.expiry, rate: x.rate, div: x.div, price: g.price });
const PEERS = `
import json, sys, time
import numpy as np, scipy
from scipy.optimize import brentq
from scipy.special import ndtr
import QuantLib as ql
d, n = sys.argv[1], int(sys.argv[2])
c = {k: np.fromfile(f"{d}/{k}.f64", dtype="<f8")[:n] for k in ("isCall", "spot", "strike", "expiry", "rate", "div", "price")}
def bs(w, S, K, T, r, q, v):
    s = v * np.sqrt(T); d1 = (np.log(S / K) + (r - q) * T) / s + 0.5 * s
    return w * (S * np.exp(-q * T) * ndtr(w * d1) - K * np.exp(-r * T) * ndtr(w * (d1 - s)))
t0 = time.perf_counter()
for i in range(n):
    w = 1.0 if c["isCall"][i] > 0 else -1.0
    args = (w, c["spot"][i], c["strike"][i], c["expiry"][i], c["rate"][i], c["div"][i])
    try:
        brentq(lambda v: bs(*args, v) - c["price"][i], 1e-6, 10.0, xtol=1e-12)
    except ValueError:
        pass
scipy_rate = n / (time.perf_counter() - t0)
today = ql.Date(15, 1, 2024); ql.Settings.instance().evaluationDate = today
dc = ql.Actual365Fixed()
spot, rate, div = ql.SimpleQuote(100.0), ql.SimpleQuote(0.0), ql.SimpleQuote(0.0)
process = ql.BlackScholesMertonProcess(ql.QuoteHandle(spot),
    ql.YieldTermStructureHandle(ql.FlatForward(today, ql.QuoteHandle(div), dc)),
    ql.YieldTermStructureHandle(ql.FlatForward(today, ql.QuoteHandle(rate), dc)),
    ql.BlackVolTermStructureHandle(ql.BlackConstantVol(today, ql.NullCalendar(), 0.5, dc)))
t0 = time.perf_counter()
for i in range(n):
    spot.setValue(float(c["spot"][i])); rate.setValue(float(c["rate"][i])); div.setValue(float(c["div"][i]))
    kind = ql.Option.Call if c["isCall"][i] > 0 else ql.Option.Put
    opt = ql.VanillaOption(ql.PlainVanillaPayoff(kind, float(c["strike"][i])), ql.EuropeanExercise(today + max(1, int(round(c["expiry"][i] * 365)))))
    try:
        opt.impliedVolatility(float(c["price"][i]), process, 1e-12, 1000, 1e-7, 10.0)
    except RuntimeError:
        pass
ql_rate = n / (time.perf_counter() - t0)
print(json.dumps({"scipy": scipy_rate, "quantlib": ql_rate, "versions": {"scipy": scipy.__version__, "QuantLib": ql.__version__}}))
`;
const r = spawnSync('/usr/bin/python3', ['-c', PEERS, dir, String(SAMPLE)], { encoding: 'utf8', env: pythonEnv() });
const peers = r.status === 0 && r.error === undefined ? JSON.parse(r.stdout.trim().split('\n').at(-1)) : null;
const ratio = (v) => (v === null || v === undefined || !(v > 0) ? null : Number((ours.median / v).toFixed(1)));
report({
  name: 'impliedVolBatch.blackScholes.solvesPerSec',
  issue: 5,
  value: Math.round(ours.median),
  min: Math.round(ours.min),
  max: Math.round(ours.max),
  unit: 'implied-vol solves/s, 200,000 BSM prices, one thread (median of 5)',
  outsideBounds: failed,
  maxVolErrorWhereInformative: maxError,
  scipyBrentqPerSec: peers === null ? null : Math.round(peers.scipy),
  quantlibPerSec: peers === null ? null : Math.round(peers.quantlib),
  peerSample: SAMPLE,
  ratioVsScipyBrentq: ratio(peers?.scipy),
  ratioVsQuantLib: ratio(peers?.quantlib),
  versions: peers?.versions ?? null,
});
