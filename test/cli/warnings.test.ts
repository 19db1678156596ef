/** `tradesize size` prints a decision's warnings under the table and carries them in --json. */
import { describe, expect, it } from 'vitest';
import { cli, json } from './run.js';

const args = ['size', '--equity', '1000', '--entry', '65000', '--stop', '62000', '--venue', 'binance-usdm', '--symbol', 'BTCUSDT', '--margin-mode', 'cross'];

describe('tradesize size warnings', () => {
  it('prints each warning under the table, after a blank line, and exits 0', async () => {
    const r = await cli(...args, '--risk', '1', '--max-leverage', '200');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    const first = lines.findIndex((l) => l.startsWith('warning '));
    expect(lines[first - 1]).toBe('');
    expect(lines.slice(first)).toEqual([
      expect.stringMatching(/^warning LARGE_RISK_FRACTION: risk 1 is 100% of equity/),
      expect.stringMatching(/^warning LEVERAGE_ABOVE_VENUE_MAX: leverage 200× is above binance-usdm BTCUSDT's maximum \d+×/),
    ]);
  });

  it('an ordinary request prints no warning line; JSON carries warnings: []', async () => {
    const r = await cli(...args, '--risk', '0.01', '--max-leverage', '20');
    expect(r.stdout).not.toMatch(/^warning /m);
    expect(json(await cli(...args, '--risk', '0.01', '--max-leverage', '20', '--json')).warnings).toEqual([]);
  });

  it('JSON carries the same warnings as {code, message}', async () => {
    const out = json(await cli(...args, '--risk', '0.25', '--json'));
    expect(out.warnings).toEqual([{ code: 'LARGE_RISK_FRACTION', message: expect.stringContaining('25% of equity') }]);
  });
});
