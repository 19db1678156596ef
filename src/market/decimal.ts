/**
 * A plain decimal number read straight from the bytes of a CSV cell, without building a string:
 * optional sign, digits with an optional fraction, optional exponent (the grammar of
 * `DECIMAL` in ./csv.ts).
 *
 * Exactness (Clinger's fast path): when the significand m has at most 15 significant digits it is
 * an exact double (m < 2⁵³), and 10^k is exact for |k| ≤ 22, so the single IEEE operation m·10^k
 * or m / 10^−k is correctly rounded — the same double `Number(text)` returns. Any other cell
 * (more digits, a larger exponent, or not a plain decimal) returns `undefined` and the caller
 * falls back to `Number` on the decoded text, which also reports the error.
 *
 * Source: W. D. Clinger, "How to Read Floating Point Numbers Accurately", PLDI 1990, §5 (the fast
 * path for short significands and small exponents); IEEE 754-2008 §5.4 (correctly rounded division
 * and multiplication).
 */

/** 10^0 … 10^22: every entry is an exact double. */
const POW10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
const MAX_DIGITS = 15;
const ZERO = 0x30;
const NINE = 0x39;
const PLUS = 0x2b;
const MINUS = 0x2d;
const DOT = 0x2e;

const isDigit = (c: number | undefined): boolean => c !== undefined && c >= ZERO && c <= NINE;

/**
 * The value of the decimal in `bytes[start, end)`, or `undefined` when the fast path does not
 * apply (not a plain decimal, more than 15 significant digits, or |exponent| > 22).
 *
 * @example
 * fastDecimal(new TextEncoder().encode('-12.5e-1'), 0, 8);  // => -1.25
 * fastDecimal(new TextEncoder().encode('abc'), 0, 3);       // => undefined
 */
export function fastDecimal(bytes: Uint8Array, start: number, end: number): number | undefined {
  let i = start;
  const sign = bytes[i];
  const negative = sign === MINUS;
  if (negative || sign === PLUS) i++;
  let m = 0;
  let digits = 0;
  let seen = false;
  let fraction = 0;
  for (; i < end && isDigit(bytes[i]); i++) {
    const d = (bytes[i] as number) - ZERO;
    seen = true;
    if (m !== 0 || d !== 0) digits++;
    m = m * 10 + d;
  }
  if (i < end && bytes[i] === DOT) {
    for (i++; i < end && isDigit(bytes[i]); i++) {
      const d = (bytes[i] as number) - ZERO;
      seen = true;
      if (m !== 0 || d !== 0) digits++;
      m = m * 10 + d;
      fraction++;
    }
  }
  if (!seen || digits > MAX_DIGITS) return undefined;
  let exponent = 0;
  if (i < end && (bytes[i] === 0x65 || bytes[i] === 0x45)) {
    i++;
    const expNegative = bytes[i] === MINUS;
    if (expNegative || bytes[i] === PLUS) i++;
    if (!(i < end && isDigit(bytes[i]))) return undefined;
    for (; i < end && isDigit(bytes[i]) && exponent < 10_000; i++) exponent = exponent * 10 + ((bytes[i] as number) - ZERO);
    if (expNegative) exponent = -exponent;
  }
  if (i !== end) return undefined;
  const k = exponent - fraction;
  let x: number;
  if (k === 0) x = m;
  else if (k > 0 && k <= 22) x = m * (POW10[k] as number);
  else if (k < 0 && k >= -22) x = m / (POW10[-k] as number);
  else return undefined;
  return negative ? -x : x;
}
