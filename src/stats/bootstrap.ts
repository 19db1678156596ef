/**
 * Bootstrap resampling of a sample x₁ … xₙ.
 *
 * - iid bootstrap (block length 1): each draw is x_U with U uniform on {1, …, n} (Efron 1979).
 * - moving-block bootstrap (block length ℓ > 1): the n − ℓ + 1 overlapping blocks
 *   (x_j, …, x_{j+ℓ−1}) are drawn uniformly with replacement and concatenated, and the result
 *   is cut to the requested size. Blocks keep the serial dependence (volatility clustering)
 *   within ℓ periods, which an iid resample of returns destroys.
 *
 * Sources: B. Efron, "Bootstrap Methods: Another Look at the Jackknife", Annals of Statistics
 * 7(1) (1979); H. R. Künsch, "The Jackknife and the Bootstrap for General Stationary
 * Observations", Annals of Statistics 17(3) (1989), §2 (moving blocks).
 */
import { z } from 'zod';
import { parseInput } from '../core/validate.js';
import { sample } from '../core/schemas.js';
import { require } from '../core/errors.js';
import { createRng } from './random.js';

/** Options of {@link bootstrapSample}. */
export const BootstrapOptions = z.object({
  /** Size of the resample (default: the size of the sample). */
  size: z.number().int().positive().max(100_000_000).optional(),
  /** Seed of the generator: the same seed gives the same resample. */
  seed: z.number().int().refine(Number.isSafeInteger, 'seed must be a safe integer'),
  /** Block length ℓ: 1 (default) for the iid bootstrap, ℓ > 1 for the moving-block bootstrap. */
  blockLength: z.number().int().positive().default(1),
});
export type BootstrapOptions = z.input<typeof BootstrapOptions>;

const BootstrapInput = BootstrapOptions.extend({ x: sample(1) });

/**
 * Draws a bootstrap resample of `x` (see the module doc).
 *
 * @throws TradesizeError INVALID_INPUT when `x` is empty or holds a non-finite value, when an
 * option is invalid, or when the block length exceeds the sample size.
 * @example
 * bootstrapSample([1, 2, 3, 4], { seed: 7 });                    // => Float64Array(4) of values of x
 * bootstrapSample(returns, { seed: 7, size: 10_000, blockLength: 20 }); // moving blocks of 20 days
 */
export function bootstrapSample(x: readonly number[] | Float64Array, options: BootstrapOptions): Float64Array<ArrayBuffer> {
  if (Array.isArray(x) || x instanceof Float64Array) {
    x.forEach((v: unknown, i: number) => {
      require(Number.isFinite(v), `bootstrapSample: x[${i}] is not a finite number`, ['x', i]);
    });
  }
  const { x: data, size, seed, blockLength } = parseInput(BootstrapInput, { ...options, x }, 'bootstrapSample');
  const n = data.length;
  require(blockLength <= n, `bootstrapSample: blockLength ${blockLength} exceeds the sample size ${n}`, ['blockLength']);
  const m = size ?? n;
  const rng = createRng(seed);
  const out = new Float64Array(m);
  const blocks = n - blockLength + 1;
  let k = 0;
  while (k < m) {
    const start = rng.nextInt(blocks);
    for (let j = 0; j < blockLength && k < m; j++, k++) out[k] = data[start + j] as number;
  }
  return out;
}
