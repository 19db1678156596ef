import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseSeriesCsv, type ParseSeriesCsvOptions } from '../../src/market/csv.js';
import { TradesizeError } from '../../src/core/errors.js';
import { describeWithSharedData, readFixture, readSharedData } from '../helpers/shared-data.js';
import { thrown } from '../helpers/assert.js';

const OHLCV = [
  'timestamp,open,high,low,close,volume',
  '2024-01-01T00:00:00Z,100,110,95,105,12.5',
  '2024-01-02T00:00:00Z,105,108,101,102.25,8',
  '2024-01-03T00:00:00Z,102.25,120,100,1.5e2,30',
].join('\n');

function parseError(text: string, options: ParseSeriesCsvOptions = {}): TradesizeError {
  return thrown(() => parseSeriesCsv(text, options));
}

describe('parseSeriesCsv: reading', () => {
  it('reads the close column and the timestamps of an OHLCV file by default', () => {
    const s = parseSeriesCsv(`${OHLCV}\n`);
    expect(s.column).toBe('close');
    expect([...s.values]).toEqual([105, 102.25, 150]);
    expect(s.timestamps).toEqual(['2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z', '2024-01-03T00:00:00Z']);
    expect(s.rows).toBe(3);
    expect(s.values).toBeInstanceOf(Float64Array);
  });

  it('reads an explicit column', () => {
    const s = parseSeriesCsv(OHLCV, { column: 'volume' });
    expect(s.column).toBe('volume');
    expect([...s.values]).toEqual([12.5, 8, 30]);
  });

  it('handles a BOM, CRLF line ends and trailing blank lines', () => {
    const s = parseSeriesCsv(`\ufeff${OHLCV.replaceAll('\n', '\r\n')}\r\n\r\n`);
    expect(s.column).toBe('close');
    expect([...s.values]).toEqual([105, 102.25, 150]);
    expect(s.timestamps?.[0]).toBe('2024-01-01T00:00:00Z');
  });

  it('handles quoted fields, including commas and line breaks inside quotes', () => {
    const text = '"date","note","price"\n"2024-01-01","a, b",1\n2024-01-02,"two\nlines","2"\n2024-01-03,"say ""hi""",3\n';
    const s = parseSeriesCsv(text, { column: 'price' });
    expect([...s.values]).toEqual([1, 2, 3]);
    expect(s.timestamps).toEqual(['2024-01-01', '2024-01-02', '2024-01-03']);
  });

  it('defaults to the only non-timestamp column (a returns file) and recognises time/date headers', () => {
    const s = parseSeriesCsv('date,ret\n2024-01-01,0.01\n2024-01-02,-0.02\n');
    expect(s.column).toBe('ret');
    expect([...s.values]).toEqual([0.01, -0.02]);
    expect(s.timestamps).toEqual(['2024-01-01', '2024-01-02']);
    expect(parseSeriesCsv('time,x\n1,2\n').timestamps).toEqual(['1']);
  });

  it('matches the default close header case-insensitively and trims whitespace', () => {
    const s = parseSeriesCsv('Timestamp, Open , Close \n2024-01-01, 1 , 2 \n');
    expect(s.column).toBe('Close');
    expect([...s.values]).toEqual([2]);
    expect(s.timestamps).toEqual(['2024-01-01']);
  });

  it('reads a single-column file without timestamps', () => {
    const s = parseSeriesCsv('price\n1\n2\n-3.5e-2\n');
    expect(s).toMatchObject({ column: 'price', timestamps: null, rows: 3 });
    expect([...s.values]).toEqual([1, 2, -0.035]);
  });

  it('uses an explicit timestamp column', () => {
    const s = parseSeriesCsv('open_time,when,close\n1,2024-01-01,5\n', { timestampColumn: 'when' });
    expect(s.timestamps).toEqual(['2024-01-01']);
    expect([...s.values]).toEqual([5]);
  });

  it('property: numbers written with String(x) read back exactly (1,000 runs)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 40 }),
        fc.boolean(),
        (xs, crlf) => {
          const eol = crlf ? '\r\n' : '\n';
          const text = ['timestamp,close', ...xs.map((x, i) => `2024-01-01T${String(i % 24).padStart(2, '0')}:00:00Z,${String(x)}`)].join(eol);
          const s = parseSeriesCsv(text + eol);
          return s.rows === xs.length && xs.every((x, i) => s.values[i] === x);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('parseSeriesCsv: errors', () => {
  it('a non-numeric cell is a PARSE_ERROR naming the 1-based line and the column', () => {
    const e = parseError(OHLCV.replace('102.25,8', 'abc,8'));
    expect(e.code).toBe('PARSE_ERROR');
    expect(e.path).toEqual(['data', 3, 'close']);
    expect(e.message).toMatch(/line 3, column "close"/);
  });

  it('an empty cell is a PARSE_ERROR, never skipped or filled', () => {
    const e = parseError('timestamp,close\n2024-01-01,1\n2024-01-02,\n2024-01-03,3\n');
    expect(e.code).toBe('PARSE_ERROR');
    expect(e.path).toEqual(['data', 3, 'close']);
    expect(e.message).toMatch(/empty/);
  });

  it('counts line breaks inside quoted fields when naming the line', () => {
    expect(parseError('note,close\n"a\nb",1\n"c",x\n').path).toEqual(['data', 4, 'close']);
  });

  it('a blank line in the middle of a one-column file is an empty cell at its line', () => {
    expect(parseError('close\n1\n\n2\n').path).toEqual(['data', 3, 'close']);
  });

  it('non-finite and non-decimal cells are PARSE_ERRORs', () => {
    for (const cell of ['1e999', 'NaN', 'Infinity', '-inf', '0x10', '1,5', '']) {
      const e = parseError(`x,close\n1,"${cell}"\n`);
      expect(e.code).toBe('PARSE_ERROR');
      expect(e.path).toEqual(['data', 2, 'close']);
    }
  });

  it('an empty timestamp cell is a PARSE_ERROR', () => {
    expect(parseError('timestamp,close\n,1\n').path).toEqual(['data', 2, 'timestamp']);
  });

  it('a missing column is INVALID_INPUT listing the available columns', () => {
    const e = parseError(OHLCV, { column: 'adj_close' });
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.path).toEqual(['column']);
    expect(e.message).toContain('"timestamp", "open", "high", "low", "close", "volume"');
  });

  it('no close column and several candidates is INVALID_INPUT listing them', () => {
    const e = parseError('timestamp,bid,ask\n2024-01-01,1,2\n');
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.path).toEqual(['column']);
    expect(e.message).toContain('"bid", "ask"');
  });

  it('a missing explicit timestamp column is INVALID_INPUT', () => {
    const e = parseError(OHLCV, { timestampColumn: 'ts' });
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.path).toEqual(['timestampColumn']);
  });

  it('requires a header row', () => {
    const e = parseError('1,2\n3,4\n');
    expect(e.code).toBe('PARSE_ERROR');
    expect(e.path).toEqual(['data', 1]);
    expect(parseError('').code).toBe('PARSE_ERROR');
    expect(parseError('a,a\n1,2\n').message).toMatch(/duplicate header "a"/);
    expect(parseError('a,\n1,2\n').message).toMatch(/header 2 is empty/);
  });

  it('a header without data rows is INSUFFICIENT_DATA', () => {
    expect(parseError('timestamp,close\n').code).toBe('INSUFFICIENT_DATA');
  });

  it('malformed rows are PARSE_ERRORs at their line', () => {
    const ragged = parseError('a,close\n1,2\n3\n');
    expect(ragged.code).toBe('PARSE_ERROR');
    expect(ragged.path).toEqual(['data', 3]);
    expect(parseError('a,close\n1,"2\n').path).toEqual(['data', 2]);
    expect(parseError('a,close\n1,"2"x\n').path).toEqual(['data', 2]);
  });

  it('rejects bad options and a non-string text', () => {
    expect(parseError('close\n1\n', { column: '' }).path).toEqual(['column']);
    expect(thrown(() => parseSeriesCsv(42 as unknown as string)).path).toEqual(['text']);
  });
});

interface RealFixture {
  readonly real: readonly { readonly file: string; readonly rows: number }[];
}

describeWithSharedData('parseSeriesCsv on real OHLCV files', ['ohlcv/btc-usdt-1d.csv', 'ohlcv/btc-usdt-1h.csv'], () => {
  const fixture = readFixture<RealFixture>('volatility/volatility.json');
  for (const { file, rows } of fixture.real) {
    it(`${file}: reads every row (${rows}) with an ISO-8601 UTC timestamp and a positive close`, () => {
      const s = parseSeriesCsv(readSharedData(file));
      expect(s.column).toBe('close');
      expect(s.rows).toBe(rows);
      expect(s.values.length).toBe(rows);
      expect(s.timestamps?.length).toBe(rows);
      expect(s.timestamps?.every((t) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(t))).toBe(true);
      expect(s.values.every((x) => x > 0)).toBe(true);
    });
  }
});
