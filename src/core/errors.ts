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

/** Stable error codes. Refusals of a sizing decision are not errors; see `RefusalCode`. */
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'CONFLICTING_OPTIONS'
  | 'MISSING_OPTION'
  | 'FILE_NOT_FOUND'
  | 'PARSE_ERROR'
  | 'INSUFFICIENT_DATA'
  | 'NO_SOLVENT_FRACTION'
  | 'NOT_CONVERGED'
  | 'NON_FINITE_RESULT'
  | 'UNKNOWN_VENUE'
  | 'UNKNOWN_SYMBOL'
  | 'ABOVE_MAX_TIER'
  | 'FILE_TOO_LARGE';

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
