/**
 * Parameter grids of policies: `KIND:FROM..TO/STEP` (`kelly:0.1..1.0/0.1` → kelly:0.1, kelly:0.2,
 * …, kelly:1), each value FROM + k·STEP (k = 0, 1, … while ≤ TO, with a 1e-9·STEP allowance)
 * written with 12 significant digits; and the sweep over one prepared data set in this thread.
 * Every row is computed on its own from the same preparation, so a sweep's result does not depend
 * on how its policies are split over threads (sweep-pool.ts).
 *
 * @example
 * expandGrid('kelly:0.25..1/0.25'); // => ['kelly:0.25', 'kelly:0.5', 'kelly:0.75', 'kelly:1']
 */
import { TradesizeError } from '../core/errors.js';
import { policyResult, runPolicy, type PolicyResult, type PreparedBacktest } from './backtest.js';
import { parsePolicy } from './policies/spec.js';

/** Most policies one grid may expand to. */
export const MAX_GRID = 100_000;

/**
 * The SPEC strings of a grid (module doc); a plain SPEC is a grid of one.
 *
 * @throws TradesizeError INVALID_INPUT (malformed grid, STEP ≤ 0, TO < FROM, more than {@link MAX_GRID} values, a bad SPEC), path ['sweep'].
 */
export function expandGrid(grid: string): string[] {
  const s = String(grid).trim();
  const m = /^([a-z-]+):(.+?)\.\.(.+?)\/(.+)$/.exec(s);
  if (m === null) {
    parsePolicy(s);
    return [s];
  }
  const [, kind, a, b, c] = m as unknown as [string, string, string, string, string];
  const [from, to, step] = [Number(a), Number(b), Number(c)];
  if (![from, to, step].every(Number.isFinite) || !(step > 0) || to < from) {
    throw new TradesizeError('INVALID_INPUT', `--sweep "${s}": expected KIND:FROM..TO/STEP with STEP > 0 and TO ≥ FROM`, ['sweep']);
  }
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  if (count > MAX_GRID) throw new TradesizeError('INVALID_INPUT', `--sweep "${s}" has ${count} values; at most ${MAX_GRID}`, ['sweep']);
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    const spec = `${kind}:${Number((from + k * step).toPrecision(12))}`;
    try {
      parsePolicy(spec);
    } catch (e) {
      if (e instanceof TradesizeError) throw new TradesizeError('INVALID_INPUT', `--sweep "${s}": ${e.message}`, ['sweep']);
      throw e;
    }
    out.push(spec);
  }
  return out;
}

/** Runs policies first … first + specs.length − 1 of a sweep in this thread. */
export function sweepRows(p: PreparedBacktest, specs: readonly string[]): PolicyResult[] {
  const curve = new Float64Array(p.bars.close.length);
  return specs.map((text) => {
    const spec = parsePolicy(text);
    return policyResult(p, spec, curve, runPolicy(p, spec, curve));
  });
}

/** The sweep's rows as CSV: one line per policy, the JSON keys as the header. */
export function sweepCsv(rows: readonly PolicyResult[]): string {
  const keys = Object.keys(rows[0] ?? {}) as (keyof PolicyResult)[];
  const cell = (v: unknown): string => (v === null ? '' : String(v));
  return [keys.join(','), ...rows.map((r) => keys.map((k) => cell(r[k])).join(','))].join('\n') + '\n';
}
