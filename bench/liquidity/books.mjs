/**
 * Benchmark inputs: seeded synthetic books (tick 0.1 from a mid of 65,000, gaps of 1–4 ticks,
 * lognormal sizes growing away from the touch), built with the library's makeBook.
 */
import { makeBook } from '../../dist/index.js';
import { boxMuller, mulberry32 } from '../../scripts/mulberry32.mjs';

/** A book of `levels` levels a side. */
export function syntheticBook(seed, levels) {
  const rand = mulberry32(seed);
  const normal = boxMuller(rand);
  const side = (start, sign) => {
    let p = start;
    return Array.from({ length: levels }, (_, i) => {
      const level = [Number(p.toFixed(1)), (0.2 + i / 10) * Math.exp(0.8 * normal())];
      p += sign * 0.1 * (1 + Math.floor(rand() * 4));
      return level;
    });
  };
  const offset = Math.floor(rand() * 5) * 0.1;
  return makeBook({ bids: side(65_000 + offset, -1), asks: side(65_000.1 + offset, 1) });
}

/** The python3 environment of the peer (Debian's numpy, OpenBLAS tuning variables unset). */
export function pythonEnv() {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}
