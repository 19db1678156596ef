/**
 * Reasons a sizing request has no valid size. The codes live with every other code in
 * core/errors.ts (one typed list); this module keeps the sizing import path.
 *
 * @example
 * REFUSAL_CODES.BELOW_LOT_STEP; // => 'the largest allowed quantity is smaller than one lot step'
 */
export { REFUSAL_CODES, type RefusalCode } from '../core/errors.js';
