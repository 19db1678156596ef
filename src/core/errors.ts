/**
 * Typed errors for every public boundary of tradesize.
 *
 * Bad input never yields NaN, Infinity or a silent zero: it raises a {@link TradesizeError}
 * carrying a stable machine-readable `code`, a human `message` and the `path` of the offending
 * field (zod-style, so a CLI or service can point at `positions[2].quantity`).
 *
 * @example
 * try { kellyDiscrete({ p: 1.2, b: 1 }); } catch (e) { e.code; } // => 'INVALID_INPUT'
 */

/**
 * Every error code with a one-line description: the one list of codes (the README's table is
 * checked against it). A new code is appended here, never inserted or renamed.
 */
export const ERROR_CODES = {
  INVALID_INPUT: 'a value is out of range, of the wrong type or inconsistent with another field',
  CONFLICTING_OPTIONS: 'two options were given that cannot be used together',
  MISSING_OPTION: 'an option the request needs was not given',
  FILE_NOT_FOUND: 'a file could not be read or written',
  PARSE_ERROR: 'a file or value could not be parsed (bad CSV, JSON or number)',
  INSUFFICIENT_DATA: 'too few observations for the estimate asked for',
  NO_SOLVENT_FRACTION: 'no positive fraction keeps every scenario solvent (a return sample with a total loss)',
  NOT_CONVERGED: 'an iterative method did not converge within its iteration limit',
  NON_FINITE_RESULT: 'internal error: a result was NaN or infinite and was not printed',
  UNKNOWN_VENUE: 'the venue is not one tradesize knows',
  UNKNOWN_SYMBOL: 'the symbol is not listed for the venue',
  ABOVE_MAX_TIER: "the position is larger than the venue's largest margin tier",
  FILE_TOO_LARGE: 'a file is larger than the 512 MiB a command reads',
  NETWORK_ERROR: 'the venue could not be reached (no network, DNS, timeout, rate limit or maintenance)',
  EXCHANGE_ERROR: 'the venue refused the request (missing or bad API keys, unknown symbol, unsupported call)',
} as const;

/** Stable error codes. Refusals of a sizing decision are not errors; see {@link RefusalCode}. */
export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * Reasons a sizing request has no valid size, with a one-line description (the source of the
 * docs table and the start of a refusal's message). A refusal is a normal outcome, not an
 * error: the input was well formed but no quantity satisfies every rule. Append only.
 */
export const REFUSAL_CODES = {
  STOP_ON_WRONG_SIDE: 'the stop is not on the losing side of the entry (below it for a long, above it for a short)',
  NO_EDGE: 'a constraint allows no position at all (for example a Kelly fraction of 0)',
  BELOW_LOT_STEP: 'the largest allowed quantity is smaller than one lot step',
  BELOW_MIN_QTY: 'the largest allowed quantity, rounded to the lot step, is below the venue minimum quantity',
  BELOW_MIN_NOTIONAL: 'the largest allowed quantity, rounded to the lot step, is below the venue minimum notional',
} as const;

/** A reason a sizing request was refused. */
export type RefusalCode = keyof typeof REFUSAL_CODES;

/**
 * Warnings on a sizing decision: the input was valid and sized, but is probably not what was
 * meant. Each code with a one-line description. Append only.
 */
export const WARNING_CODES = {
  LARGE_RISK_FRACTION: 'the risk fraction is 0.2 or more: a stop-out loses at least a fifth of equity',
  LEVERAGE_ABOVE_VENUE_MAX: "the leverage the request assumes (its maximum leverage or the venue setting) is above the venue's maximum for the size",
  STOP_WITHIN_TICK: 'the stop is closer to the entry than one price tick',
} as const;

/** A warning code on a sizing decision. */
export type WarningCode = keyof typeof WARNING_CODES;

/** One warning on a decision: a stable code and a sentence saying what looks wrong and why. */
export interface SizeWarning {
  readonly code: WarningCode;
  readonly message: string;
}

/** A path to the offending field: object keys and array indices. */
export type FieldPath = readonly (string | number)[];

/** The error thrown by every public function of tradesize on bad input. */
export class TradesizeError extends Error {
  override readonly name = 'TradesizeError';
  readonly code: ErrorCode;
  readonly path: FieldPath;
  readonly details?: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, path: FieldPath = [], details?: Record<string, unknown>) {
    super(message);
    this.code = code;
    this.path = path;
    if (details !== undefined) this.details = details;
  }

  /** The wire form used by the CLI (`--json`) and the service: `{ code, message, path }`. */
  toJSON(): { code: ErrorCode; message: string; path: (string | number)[]; details?: Record<string, unknown> } {
    const out: { code: ErrorCode; message: string; path: (string | number)[]; details?: Record<string, unknown> } = {
      code: this.code,
      message: this.message,
      path: [...this.path],
    };
    if (this.details !== undefined) out.details = { ...this.details };
    return out;
  }
}

/** Type guard for {@link TradesizeError}. */
export function isTradesizeError(e: unknown): e is TradesizeError {
  return e instanceof TradesizeError;
}

/**
 * Throws INVALID_INPUT unless `ok` holds. A one-line precondition in the QuantLib `QL_REQUIRE` style.
 *
 * @example
 * require(sigma > 0, 'sigma must be positive', ['sigma']);
 */
export function require(ok: boolean, message: string, path: FieldPath = [], code: ErrorCode = 'INVALID_INPUT'): asserts ok {
  if (!ok) throw new TradesizeError(code, message, path);
}
