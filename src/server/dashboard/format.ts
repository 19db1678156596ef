/**
 * Number formatting for the dashboard: grouped digits, decimals by magnitude for prices, signed
 * PnL, percentages and σ multiples; a dash for a value the engine does not know (null).
 *
 * @example
 * price(65012.345); // => '65,012.35'
 * signed(-12.5); // => '−12.50'
 * pct(0.01234); // => '1.23%'
 */
export const DASH = '–';

const formats = new Map<string, Intl.NumberFormat>();

/** `x` with exactly `digits` decimals and grouped thousands. */
export function fixed(x: number, digits: number): string {
  const key = String(digits);
  let f = formats.get(key);
  if (f === undefined) {
    f = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    formats.set(key, f);
  }
  return f.format(x).replace('-', '−');
}

/** A price: 2 decimals from 1,000, 3 from 10, else 4. */
export const price = (x: number | null): string => (x === null ? DASH : fixed(x, Math.abs(x) >= 1000 ? 2 : Math.abs(x) >= 10 ? 3 : 4));

/** An amount with its sign (PnL). */
export const signed = (x: number | null, digits = 2): string => (x === null ? DASH : `${x > 0 ? '+' : ''}${fixed(x, digits)}`);

/** A fraction as a percentage; below 0.01 % it says so rather than print 0.00 %. */
export const pct = (x: number | null, digits = 2): string => (x === null ? DASH : x > 0 && x < 10 ** -(digits + 2) ? `<${fixed(10 ** -digits, digits)}%` : `${fixed(100 * x, digits)}%`);

/** A distance in standard deviations. */
export const sigmas = (x: number | null): string => (x === null ? DASH : `${fixed(x, x >= 100 ? 0 : 1)}σ`);

/** Milliseconds as seconds (one decimal). */
export const age = (ms: number): string => `${fixed(Math.max(0, ms) / 1000, 1)} s`;

/** A time of day, 24-hour (`18:31:46`), in the viewer's time zone. */
export const clock = (t: number): string => new Date(t).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** A signed quantity: + long, − short. */
export const quantity = (q: number): string => `${q > 0 ? '+' : ''}${String(q).replace('-', '−')}`;
