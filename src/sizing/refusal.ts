/**
 * Reasons a sizing request has no valid size. A refusal is a normal outcome, not an error: the
 * input was well formed but no quantity satisfies every rule. The codes are a closed, stable set.
 */

/** Every refusal code with a one-line description (the source of the docs table). */
export const REFUSAL_CODES = {
  STOP_ON_WRONG_SIDE: 'the stop is not on the losing side of the entry (below it for a long, above it for a short)',
  NO_EDGE: 'a constraint allows no position at all (for example a Kelly fraction of 0)',
  BELOW_LOT_STEP: 'the largest allowed quantity is smaller than one lot step',
  BELOW_MIN_QTY: 'the largest allowed quantity, rounded to the lot step, is below the venue minimum quantity',
  BELOW_MIN_NOTIONAL: 'the largest allowed quantity, rounded to the lot step, is below the venue minimum notional',
} as const;

export type RefusalCode = keyof typeof REFUSAL_CODES;
