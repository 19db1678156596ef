/**
 * Seeded option inputs shared by the options benchmarks, and their hand-off to the Python peers
 * as raw little-endian float64 files (numpy.fromfile). Realistic crypto ranges: spot 1,000–100,000,
 * strikes within ±50 % in log-moneyness, expiry 1 day – 2 years, vol 20–150 %, rate 0–6 %,
 * carry yield 0–3 %, calls and puts half each.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32 } from '../../scripts/mulberry32.mjs';


export function optionInputs(n, seed = 20261201) {
  const u = mulberry32(seed);
  const isCall = new Uint8Array(n);
  const spot = new Float64Array(n);
  const strike = new Float64Array(n);
  const expiry = new Float64Array(n);
  const vol = new Float64Array(n);
  const rate = new Float64Array(n);
  const div = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    isCall[i] = u() < 0.5 ? 1 : 0;
    spot[i] = 1000 * 100 ** u();
    strike[i] = spot[i] * Math.exp(u() - 0.5);
    expiry[i] = 1 / 365 + u() * 2;
    vol[i] = 0.2 + 1.3 * u();
    rate[i] = 0.06 * u();
    div[i] = 0.03 * u();
  }
  return { n, isCall, spot, strike, expiry, vol, rate, div };
}

/** Writes the columns (and any extra Float64Arrays) as <dir>/<name>.f64; returns the directory. */
export function writeColumns(columns) {
  const dir = mkdtempSync(join(tmpdir(), 'tradesize-options-bench-'));
  for (const [name, a] of Object.entries(columns)) {
    const f64 = a instanceof Float64Array ? a : Float64Array.from(a);
    writeFileSync(join(dir, `${name}.f64`), new Uint8Array(f64.buffer, f64.byteOffset, f64.byteLength));
  }
  return dir;
}

/** The environment for a numpy subprocess: this machine's OpenBLAS overrides removed. */
export function pythonEnv() {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}
