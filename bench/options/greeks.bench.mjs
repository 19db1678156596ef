/**
 * Figure (issue #5 §7): batch Greeks — price, delta, gamma, vega, theta and rho of 1,000,000
 * Black–Scholes–Merton options (seeded realistic inputs, bench/options/inputs.mjs) by
 * `greeksBatch` on one thread, options per second (median of 7 rounds). In the same run, on the
 * same inputs: numpy + scipy.special.ndtr vectorised (one process, only the computation timed,
 * median of 7, by wall clock and by process CPU time), and QuantLib-Python's AnalyticEuropeanEngine looping over the first 20,000 options
 * (one VanillaOption per option on a shared BlackScholesMertonProcess whose quotes are reset;
 * NPV and the five Greeks; scaled to options per second). ratio = ours / peer (above 1: faster).
 * The numpy checksum (sum of prices) is compared with ours as a sanity check. The same loop is
 * also timed by this thread's CPU time (cpuTimeOptionsPerSec) and the 1-minute load average is
 * recorded, because on a shared machine the wall clock includes other processes' time. Without
 * /usr/bin/python3, numpy/scipy or QuantLib the peer figures are null.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { greeksBatch } from '../../dist/index.js';
import { measureRate, report } from '../harness.mjs';
import { optionInputs, pythonEnv, writeColumns } from './inputs.mjs';

const N = 1_000_000;
const QL_SAMPLE = 20_000;
const x = optionInputs(N);
const out = {
  price: new Float64Array(N), delta: new Float64Array(N), gamma: new Float64Array(N),
  vega: new Float64Array(N), theta: new Float64Array(N), rho: new Float64Array(N),
};
const ours = measureRate(() => {
  greeksBatch('black-scholes', x.isCall, x.spot, x.strike, x.expiry, x.vol, x.rate, x.div, out);
  return out.price[N - 1] + out.rho[0];
}, { batch: N, rounds: 7, warmup: 2 });
// The same loop timed by this thread's CPU time (user + system): on a shared machine the wall
// clock also counts the time the scheduler gave to other processes (see loadAverage1m).
const cpuRates = [];
for (let r = 0; r < 7; r++) {
  const c0 = process.cpuUsage();
  greeksBatch('black-scholes', x.isCall, x.spot, x.strike, x.expiry, x.vol, x.rate, x.div, out);
  const c = process.cpuUsage(c0);
  cpuRates.push(N / ((c.user + c.system) / 1e6));
}
cpuRates.sort((a, b) => a - b);
const load = loadavg()[0];
let checksum = 0;
for (let i = 0; i < N; i++) checksum += out.price[i];

const dir = writeColumns({ isCall: x.isCall, spot: x.spot, strike: x.strike, expiry: x.expiry, vol: x.vol, rate: x.rate, div: x.div });

const NUMPY = `
import json, sys, time
import numpy as np, scipy
from scipy.special import ndtr
d = sys.argv[1]
c = {k: np.fromfile(f"{d}/{k}.f64", dtype="<f8") for k in ("isCall", "spot", "strike", "expiry", "vol", "rate", "div")}
w = np.where(c["isCall"] > 0, 1.0, -1.0)
S, K, T, v, r, q = c["spot"], c["strike"], c["expiry"], c["vol"], c["rate"], c["div"]
def greeks():
    sq = np.sqrt(T); s = v * sq
    d1 = (np.log(S / K) + (r - q) * T) / s + 0.5 * s; d2 = d1 - s
    df = np.exp(-r * T); dq = np.exp(-q * T)
    n1 = np.exp(-0.5 * d1 * d1) / np.sqrt(2 * np.pi)
    N1 = ndtr(w * d1); N2 = ndtr(w * d2)
    price = w * (S * dq * N1 - K * df * N2)
    delta = w * dq * N1
    gamma = dq * n1 / (S * s)
    vega = S * dq * n1 * sq
    theta = -S * dq * n1 * v / (2 * sq) - w * r * K * df * N2 + w * q * S * dq * N1
    rho = w * K * T * df * N2
    return price, delta, gamma, vega, theta, rho
greeks()
times, cpu = [], []
for _ in range(7):
    t0, c0 = time.perf_counter(), time.process_time(); res = greeks()
    times.append(time.perf_counter() - t0); cpu.append(time.process_time() - c0)
times.sort(); cpu.sort()
print(json.dumps({"perSec": len(S) / times[3], "cpuPerSec": len(S) / cpu[3], "checksum": float(res[0].sum()), "numpy": np.__version__, "scipy": scipy.__version__}))
`;

const QUANTLIB = `
import json, sys, time
import numpy as np
import QuantLib as ql
d, n = sys.argv[1], int(sys.argv[2])
c = {k: np.fromfile(f"{d}/{k}.f64", dtype="<f8")[:n] for k in ("isCall", "spot", "strike", "expiry", "vol", "rate", "div")}
today = ql.Date(15, 1, 2024); ql.Settings.instance().evaluationDate = today
dc = ql.Actual365Fixed()
spot, rate, div, vol = ql.SimpleQuote(100.0), ql.SimpleQuote(0.0), ql.SimpleQuote(0.0), ql.SimpleQuote(0.2)
process = ql.BlackScholesMertonProcess(
    ql.QuoteHandle(spot),
    ql.YieldTermStructureHandle(ql.FlatForward(today, ql.QuoteHandle(div), dc)),
    ql.YieldTermStructureHandle(ql.FlatForward(today, ql.QuoteHandle(rate), dc)),
    ql.BlackVolTermStructureHandle(ql.BlackConstantVol(today, ql.NullCalendar(), ql.QuoteHandle(vol), dc)))
engine = ql.AnalyticEuropeanEngine(process)
def run():
    acc = 0.0
    for i in range(n):
        spot.setValue(float(c["spot"][i])); rate.setValue(float(c["rate"][i])); div.setValue(float(c["div"][i])); vol.setValue(float(c["vol"][i]))
        kind = ql.Option.Call if c["isCall"][i] > 0 else ql.Option.Put
        opt = ql.VanillaOption(ql.PlainVanillaPayoff(kind, float(c["strike"][i])), ql.EuropeanExercise(today + max(1, int(round(c["expiry"][i] * 365)))))
        opt.setPricingEngine(engine)
        acc += opt.NPV() + opt.delta() + opt.gamma() + opt.vega() + opt.theta() + opt.rho()
    return acc
t0 = time.perf_counter(); run(); dt = time.perf_counter() - t0
print(json.dumps({"perSec": n / dt, "QuantLib": ql.__version__}))
`;

function python(code, args) {
  const r = spawnSync('/usr/bin/python3', ['-c', code, ...args], { encoding: 'utf8', env: pythonEnv(), maxBuffer: 1 << 20 });
  if (r.status !== 0 || r.error !== undefined) return null;
  return JSON.parse(r.stdout.trim().split('\n').at(-1));
}

const np = python(NUMPY, [dir]);
const ql = python(QUANTLIB, [dir, String(QL_SAMPLE)]);
const ratio = (peer) => (peer === null || !(peer.perSec > 0) ? null : Number((ours.median / peer.perSec).toFixed(2)));
report({
  name: 'greeksBatch.blackScholes.optionsPerSec',
  issue: 5,
  value: Math.round(ours.median),
  min: Math.round(ours.min),
  max: Math.round(ours.max),
  unit: 'options/s: price + delta, gamma, vega, theta, rho, 1,000,000 BSM options, one thread (median of 7)',
  cpuTimeOptionsPerSec: Math.round(cpuRates[3]),
  loadAverage1m: Number(load.toFixed(2)),
  numpyScipyPerSec: np === null ? null : Math.round(np.perSec),
  numpyScipyCpuTimePerSec: np === null ? null : Math.round(np.cpuPerSec),
  quantlibPerSec: ql === null ? null : Math.round(ql.perSec),
  quantlibSample: QL_SAMPLE,
  ratioVsNumpyScipy: ratio(np),
  ratioVsNumpyScipyCpuTime: np === null || !(np.cpuPerSec > 0) ? null : Number((cpuRates[3] / np.cpuPerSec).toFixed(2)),
  ratioVsQuantLib: ratio(ql),
  checksumRelDiffVsNumpy: np === null ? null : Math.abs(checksum - np.checksum) / Math.abs(np.checksum),
  versions: { numpy: np?.numpy ?? null, scipy: np?.scipy ?? null, QuantLib: ql?.QuantLib ?? null },
});
