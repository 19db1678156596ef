/**
 * A non-finite result named by its input: when the output check (../output.ts) finds NaN or
 * ±Infinity at an output field (`gamma`, `initialMargin`), the error is re-labelled with the
 * given numeric flag of most extreme magnitude (largest |log10 |x||) — the input a double
 * could not carry through the computation — keeping the output field in `details.output`.
 */
import { TradesizeError } from '../../core/errors.js';
import { keyOf, longFlag, str, type CommandSpec, type Opts } from './types.js';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Re-labels a NON_FINITE_RESULT at an output field with the most extreme given numeric flag;
 * other errors (one whose `details.input` says its path already names the input at fault, and
 * results with no numeric flag given) are returned unchanged.
 *
 * @example
 * blameInput(new TradesizeError('NON_FINITE_RESULT', '…', ['d1']), GREEKS, { spot: '1e300', strike: '1e-300' }, given);
 * // => NON_FINITE_RESULT at ['--spot'] (or '--strike': the first of equal magnitude), details.output ['d1']
 */
export function blameInput(e: unknown, spec: CommandSpec, o: Opts, given: ReadonlySet<string>): unknown {
  if (!(e instanceof TradesizeError) || e.code !== 'NON_FINITE_RESULT' || e.details?.input === true || String(e.path[0] ?? '').startsWith('--')) return e;
  let worst: { flag: string; text: string; magnitude: number } | undefined;
  for (const f of spec.flags) {
    const text = str(o[keyOf(f)]);
    if (!given.has(keyOf(f)) || text === undefined || !NUMBER.test(text.trim())) continue;
    const x = Math.abs(Number(text));
    const magnitude = x === 0 ? 0 : Math.abs(Math.log10(x));
    if (worst === undefined || magnitude > worst.magnitude) worst = { flag: longFlag(f), text: text.trim(), magnitude };
  }
  if (worst === undefined) return e;
  const output = e.path.length > 0 ? e.path.join('.') : 'the result';
  return new TradesizeError(
    'NON_FINITE_RESULT',
    `${output} overflows a double with these inputs; the most extreme is ${worst.flag} ${worst.text}: use a value of realistic magnitude`,
    [worst.flag],
    { output: [...e.path] },
  );
}
