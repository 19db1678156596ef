/** Input schema, and its normalisation into per-asset bounds and the form of the gross cap. */
import { z } from 'zod';
import { positive } from '../../core/schemas.js';
import type { Problem } from './problem.js';

/** Per-asset caps: |w_i| ≤ caps[i], or min[i] ≤ w_i ≤ max[i]. */
const AssetCaps = z.union([
  z.array(positive()),
  z.object({ min: z.array(z.number()), max: z.array(z.number()) }),
]);

/** Input of {@link kellyMultiAssetExact}. */
export const KellyMultiAssetExactInput = z
  .object({
    /** N equally likely scenarios, each a row of n simple returns (every return > −1). */
    scenarios: z.array(z.array(z.number().gt(-1, 'a simple return must be > -1')).min(1)).min(1),
    /** Gross leverage cap L > 0 on Σ|w_i| (default: none). */
    maxGrossLeverage: positive().optional(),
    /** Per-asset caps: `caps[i]` bounds |w_i|; `{ min, max }` bounds w_i from both sides. */
    assetCaps: AssetCaps.optional(),
    /** Forbid short positions, w_i ≥ 0 (default false). */
    longOnly: z.boolean().default(false),
    /** Stop when the duality gap m/t (in growth units) is below this, in [1e-12, 1e-2] (default 1e-10). */
    tolerance: z.number().min(1e-12).max(1e-2).default(1e-10),
  })
  .superRefine(({ scenarios, assetCaps, longOnly }, ctx) => {
    if (scenarios.length === 0) return;
    const n = scenarios[0]!.length;
    const ragged = scenarios.findIndex((row) => row.length !== n);
    if (ragged >= 0) {
      ctx.addIssue({ code: 'custom', message: `every scenario must have ${n} returns`, path: ['scenarios', ragged] });
      return;
    }
    if (assetCaps === undefined) return;
    if (Array.isArray(assetCaps)) {
      if (assetCaps.length !== n) ctx.addIssue({ code: 'custom', message: `needs ${n} caps`, path: ['assetCaps'] });
      return;
    }
    for (const side of ['min', 'max'] as const) {
      if (assetCaps[side].length !== n) {
        ctx.addIssue({ code: 'custom', message: `needs ${n} entries`, path: ['assetCaps', side] });
        return;
      }
    }
    assetCaps.max.forEach((hi, i) => {
      const lo = longOnly ? Math.max(0, assetCaps.min[i]!) : assetCaps.min[i]!;
      if (!(lo < hi)) {
        const message = longOnly ? 'must exceed max(min, 0) when longOnly' : 'must exceed min';
        ctx.addIssue({ code: 'custom', message, path: ['assetCaps', 'max', i] });
      }
    });
  });
export type KellyMultiAssetExactInput = z.input<typeof KellyMultiAssetExactInput>;

/** The barrier problem of a parsed input: caps as finite bounds, the gross cap as 'sum' or 'split'. */
export function buildProblem(input: z.output<typeof KellyMultiAssetExactInput>): Problem {
  const { scenarios, maxGrossLeverage, assetCaps, longOnly } = input;
  const n = scenarios[0]!.length;
  const returns = new Float64Array(scenarios.length * n);
  scenarios.forEach((row, k) => returns.set(row, k * n));
  const lo = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  const hi = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const loLabel: string[] = [];
  const hiLabel: string[] = [];
  for (let i = 0; i < n; i++) {
    if (Array.isArray(assetCaps)) {
      [lo[i], hi[i], loLabel[i], hiLabel[i]] = [-assetCaps[i]!, assetCaps[i]!, `assetCaps[${i}]`, `assetCaps[${i}]`];
    } else if (assetCaps !== undefined) {
      [lo[i], hi[i]] = [assetCaps.min[i]!, assetCaps.max[i]!];
      [loLabel[i], hiLabel[i]] = [`assetCaps.min[${i}]`, `assetCaps.max[${i}]`];
    }
    if (longOnly && !(lo[i]! > 0)) [lo[i], loLabel[i]] = [0, `longOnly[${i}]`];
  }
  const gross = maxGrossLeverage === undefined ? 'none' : longOnly ? 'sum' : 'split';
  const bounds = [...lo, ...hi].filter(Number.isFinite).length;
  const constraints = bounds + (gross === 'sum' ? 1 : gross === 'split' ? 2 * n + 1 : 0);
  const cap = maxGrossLeverage ?? Number.POSITIVE_INFINITY;
  return { n, count: scenarios.length, returns, lo, hi, loLabel, hiLabel, gross, cap, constraints };
}
