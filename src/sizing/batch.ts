/**
 * Batch sizing: many requests in one call, one result per request in the same order. A bad
 * request does not abort the batch: it yields `{ status: 'invalid', error }` in its slot.
 */
import { TradesizeError } from '../core/errors.js';
import type { SizeRequestInput } from './request.js';
import { sizePosition, type SizeOptions, type SizeResult } from './size-position.js';

/** The result slot of a request that failed validation. */
export interface SizeInvalid {
  readonly status: 'invalid';
  readonly error: TradesizeError;
}

/**
 * Sizes every request; see {@link sizePosition}.
 *
 * @example
 * sizePositions([{ equity: 1e4, entry: 100, stop: 95, risk: 0.01 }, { equity: -1, entry: 1, stop: 1, risk: 0.01 }]);
 * // => [{ status: 'sized', ... }, { status: 'invalid', error: TradesizeError(INVALID_INPUT, path ['equity']) }]
 */
export function sizePositions(requests: readonly SizeRequestInput[], options: SizeOptions = {}): (SizeResult | SizeInvalid)[] {
  const out: (SizeResult | SizeInvalid)[] = new Array(requests.length);
  for (let i = 0; i < requests.length; i++) {
    try {
      out[i] = sizePosition(requests[i] as SizeRequestInput, options);
    } catch (e) {
      if (!(e instanceof TradesizeError)) throw e;
      out[i] = { status: 'invalid', error: new TradesizeError(e.code, e.message, [i, ...e.path]) };
    }
  }
  return out;
}
