/**
 * The CLI side of the safety fixes (issue "Foundation before the engine" §6): books that cannot be
 * valued and prototype names exit 2 with a coded error, never a size or a report.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, hasNonFinite } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'tradesize-safety-'));
function file(name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}
const SIZE = ['size', '--equity', '50000', '--entry', '65000', '--stop', '60000', '--risk', '0.5', '--max-leverage', '10', '--lot', '0.001'];
const err = async (...args: string[]) => {
  const run = await cli(...args, '--json');
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  return JSON.parse(run.stderr).error as { code: string; path: (string | number)[]; message: string };
};

describe('tradesize safety', () => {
  it('size --stress-underlying BTC refuses a book with a hidden "__proto__" underlying instead of sizing 5 BTC', async () => {
    const f = file('proto.json', '{"asOf":"2026-12-01T08:00:00Z","account":{"collateral":{"USD":40000,"BTC":0.5}},"underlyings":{"BTC":{"spot":65000,"vol":0.55},"__proto__":{"spot":65000}},"positions":[{"kind":"perpetual","underlying":"BTC","quantity":1.5,"entryPrice":63000},{"kind":"perpetual","underlying":"__proto__","quantity":-1000,"entryPrice":65000}]}');
    // size names the flag in front of the key, as for every --portfolio error
    expect(await err(...SIZE, '--portfolio', f, '--stress-underlying', 'BTC')).toMatchObject({ code: 'INVALID_INPUT', path: ['--portfolio', '__proto__'] });
    expect(await err('stress', '--portfolio', f)).toMatchObject({ code: 'INVALID_INPUT', path: ['underlyings', '__proto__'] });
  });

  it.each([
    ['spot 1e308', '{"BTC":{"spot":1e308,"vol":0.55}}', '{"USD":40000}', ['positions', 0]],
    ['collateral 1e308 BTC', '{"BTC":{"spot":65000,"vol":0.55}}', '{"USD":40000,"BTC":1e308}', ['account', 'collateral', 'BTC']],
  ])('%s: size with the stress constraint and stress both exit 2 with NON_FINITE_RESULT', async (_name, underlyings, collateral, path) => {
    const f = file('nan.json', `{"asOf":"2026-12-01T08:00:00Z","account":{"collateral":${collateral}},"underlyings":${underlyings},"positions":[{"kind":"perpetual","underlying":"BTC","quantity":1.5,"entryPrice":63000}]}`);
    const sized = await err(...SIZE, '--portfolio', f, '--stress-underlying', 'BTC');
    expect(sized).toMatchObject({ code: 'NON_FINITE_RESULT', path });
    expect(hasNonFinite(sized.message)).toBe(false);
    expect(await err('stress', '--portfolio', f)).toMatchObject({ code: 'NON_FINITE_RESULT', path });
  });

  it('asOf "2026-02-30" is refused by stress', async () => {
    const f = file('date.json', '{"asOf":"2026-02-30","account":{"collateral":{"USD":1}},"underlyings":{"BTC":{"spot":65000}},"positions":[]}');
    expect(await err('stress', '--portfolio', f)).toMatchObject({ code: 'INVALID_INPUT', path: ['asOf'] });
  });
});
