/**
 * The one-pass CSV reader: chunk boundaries anywhere give the same result as one chunk, the byte
 * fast path for numbers returns exactly `Number(text)`, and the ISO fast path for timestamps
 * exactly `Date.parse`.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseSeriesCsv, seriesCsvReader } from '../../src/market/csv.js';
import { ohlcCsvReader, parseOhlcCsv } from '../../src/market/ohlc-csv.js';
import { fastDecimal } from '../../src/market/decimal.js';
import { isoUtcMs, requireIncreasingTimestamps } from '../../src/market/timestamps.js';
import { thrown } from '../helpers/assert.js';

const enc = new TextEncoder();

/** Feeds `text` to a reader in pieces cut at `cuts` (byte offsets). */
function inPieces<T>(reader: { push(c: Uint8Array): void; end(): T }, text: string, cuts: readonly number[]): T {
  const bytes = enc.encode(text);
  let at = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    reader.push(bytes.subarray(at, Math.max(at, Math.min(c, bytes.length))));
    at = Math.max(at, Math.min(c, bytes.length));
  }
  reader.push(bytes.subarray(at));
  return reader.end();
}

const cell = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }).map(String), fc.integer().map(String), fc.constantFrom('1e5', '-0', '.5', '00012.50', '1.7976931348623157e308', '5e-324', '123456789012345678'));

describe('CsvColumnReader', () => {
  it('property: any chunking of a file (quotes, CRLF, BOM) reads the same as one chunk', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 30 }), fc.array(fc.nat(2000), { maxLength: 12 }), fc.boolean(), (rows, cuts, crlf) => {
        const eol = crlf ? '\r\n' : '\n';
        const text = `\ufefftimestamp,"a ""q""",close${eol}${rows.map(([a, b], i) => `${new Date(Date.UTC(2024, 0, 1, i)).toISOString()},"${a}",${b}`).join(eol)}${eol}${eol}`;
        const whole = parseSeriesCsv(text);
        expect(inPieces(seriesCsvReader(), text, cuts)).toEqual(whole);
        expect([...whole.values]).toEqual(rows.map(([, b]) => Number(b)));
        expect(inPieces(seriesCsvReader({ column: 'a "q"' }), text, cuts).values).toEqual(Float64Array.from(rows.map(([a]) => Number(a))));
      }),
    );
  });

  it('reads the four OHLC columns in one pass, chunked or not', () => {
    const text = 'timestamp,open,high,low,close,volume\n2024-01-01,100,110,95,105,1\n2024-01-02,105,111,100,101,2\n';
    const whole = parseOhlcCsv(text);
    expect(whole).toEqual({ open: Float64Array.of(100, 105), high: Float64Array.of(110, 111), low: Float64Array.of(95, 100), close: Float64Array.of(105, 101), timestamps: ['2024-01-01', '2024-01-02'], rows: 2 });
    for (let cut = 0; cut < text.length; cut++) expect(inPieces(ohlcCsvReader(), text, [cut])).toEqual(whole);
  });

  it('a blank line inside the data is an error at its line, trailing ones are dropped', () => {
    expect(thrown(() => parseSeriesCsv('a,close\n1,2\n\n3,4\n')).path).toEqual(['data', 3]);
    expect(parseSeriesCsv('a,close\n1,2\n\n \n').rows).toBe(1);
  });
});

describe('fastDecimal', () => {
  it('property: equals Number(text) whenever it answers, and answers for short decimals', () => {
    fc.assert(
      fc.property(cell, (s) => {
        const x = fastDecimal(enc.encode(s), 0, s.length);
        if (x !== undefined) expect(Object.is(x, Number(s))).toBe(true);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 6 }), (m, k) => {
        const s = (m / 10 ** k).toFixed(k);
        expect(fastDecimal(enc.encode(s), 0, s.length)).toBe(Number(s));
      }),
    );
  });

  it('declines what is not a plain decimal', () => {
    for (const s of ['', '-', '.', '1e', 'e5', '1.2.3', '0x10', 'Infinity', '1,5']) expect(fastDecimal(enc.encode(s), 0, s.length)).toBeUndefined();
  });
});

describe('timestamps', () => {
  it('property: isoUtcMs equals Date.parse for every UTC ISO form', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('0100-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString();
        for (const t of [iso, iso.slice(0, 10), `${iso.slice(0, 19)}Z`, `${iso.slice(0, 16)}Z`]) expect(isoUtcMs(t)).toBe(Date.parse(t));
      }),
    );
  });

  it('isoUtcMs leaves other strings (local times, impossible dates) to Date.parse', () => {
    for (const t of ['2024-01-01T00:00:00', '2024-02-30', '2023-02-29', '2024-01-01T24:00Z', '2024-13-01', '0050-01-01', '2024/01/01']) expect(isoUtcMs(t)).toBeUndefined();
    expect(isoUtcMs('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
  });

  it('requireIncreasingTimestamps: strictly increasing, duplicates and steps back refused at the index', () => {
    expect([...requireIncreasingTimestamps(['2024-01-01', '2024-01-01T01:00:00Z'], ['t'])]).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 1, 1)]);
    const dup = thrown(() => requireIncreasingTimestamps(['2024-01-01', '2024-01-02', '2024-01-02'], ['t'], '--data'));
    expect(dup).toMatchObject({ code: 'INVALID_INPUT', path: ['t', 2] });
    expect(dup.message).toMatch(/^--data: timestamps must be strictly increasing; .*\(a duplicate\)$/);
    expect(thrown(() => requireIncreasingTimestamps(['2024-01-02', '2024-01-01'], ['t'])).path).toEqual(['t', 1]);
    expect(thrown(() => requireIncreasingTimestamps(['2024-01-02', 'soon'], ['t'])).code).toBe('PARSE_ERROR');
  });

  it('property: requireIncreasingTimestamps accepts a strictly increasing series and refuses the first repeat or step back at its index', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 86_400_000 }), { minLength: 2, maxLength: 60 }), fc.nat(), fc.integer({ min: 0, max: 3 }), (gaps, pick, back) => {
        const t: number[] = [];
        gaps.reduce((acc, g) => (t.push(acc + g), acc + g), Date.UTC(2020, 0, 1));
        const iso = (ms: number): string => new Date(ms).toISOString();
        expect([...requireIncreasingTimestamps(t.map(iso), ['t'])]).toEqual(t);
        const at = 1 + (pick % (t.length - 1));
        const bad = [...t];
        bad[at] = (bad[at - 1] as number) - back * 1000;
        expect(thrown(() => requireIncreasingTimestamps(bad.map(iso), ['t'])).path).toEqual(['t', at]);
      }),
      { numRuns: 1000 },
    );
  });
});
