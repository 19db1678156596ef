import { describe, expect, it } from 'vitest';
import { cli } from './run.js';
import { keyOf, longFlag, type CommandSpec } from '../../src/cli/flags/types.js';
import { flagPath } from '../../src/cli/flags/paths.js';
import { FIRST_PASSAGE } from '../../src/cli/flags/first-passage.js';
import { KELLY } from '../../src/cli/flags/kelly.js';
import { LIQUIDATION } from '../../src/cli/flags/liquidation.js';
import { GREEKS, IV, OPTION_MODEL_CHOICES, OPTION_TYPE_CHOICES } from '../../src/cli/flags/options.js';
import { REGIME } from '../../src/cli/flags/regime.js';
import { RISK, RISK_METHOD_CHOICES } from '../../src/cli/flags/risk.js';
import { SIZE } from '../../src/cli/flags/size.js';
import { STRESS } from '../../src/cli/flags/stress.js';
import { HEDGE, HEDGE_SIM } from '../../src/cli/flags/hedge.js';
import { VOL, VOL_MODELS } from '../../src/cli/flags/vol.js';
import { SERVE } from '../../src/cli/flags/serve.js';
import { FUNDING_PLAN } from '../../src/cli/flags/funding-plan.js';
import { TIERS } from '../../src/cli/flags/tiers.js';
import { BACKTEST } from '../../src/cli/flags/backtest.js';
import { SLIPPAGE } from '../../src/cli/flags/slippage.js';
import { OPTION_MODELS, OPTION_TYPES } from '../../src/options/schema.js';
import { RISK_METHODS } from '../../src/risk/var-es.js';
import { SERIES_INPUTS } from '../../src/market/returns.js';
import { VOLATILITY_METHODS } from '../../src/volatility/estimate.js';
import { MC_MODELS } from '../../src/simulation/index.js';
import { VENUE_IDS } from '../../src/venues/types.js';

const SPECS: readonly CommandSpec[] = [KELLY, VOL, RISK, FIRST_PASSAGE, SIZE, LIQUIDATION, STRESS, GREEKS, IV, REGIME, SERVE, FUNDING_PLAN, TIERS, HEDGE, HEDGE_SIM, BACKTEST, SLIPPAGE];
/**
 * Commands whose examples are run by their own tests: `serve` runs until stopped
 * (test/cli/serve.bin.test.ts); `tiers` needs the network, so its test answers ccxt from recorded
 * responses (test/cli/tiers.bin.test.ts).
 */
const LONG_RUNNING = new Set(['serve', 'tiers']);

/** The command line of an example, without the leading `tradesize`. */
const argvOf = (example: string): string[] => example.split(' ').slice(1);

describe('flag tables', () => {
  it('cover every command of the CLI, with unique flags', async () => {
    const help = (await cli('--help')).stdout;
    for (const s of SPECS) {
      expect(help).toContain(s.name);
      expect(new Set(s.flags.map(longFlag)).size).toBe(s.flags.length);
    }
  });

  it('list the same choices as the library', () => {
    expect([...VOL_MODELS].sort()).toEqual([...VOLATILITY_METHODS].sort());
    expect([...RISK_METHOD_CHOICES]).toEqual([...RISK_METHODS]);
    expect([...OPTION_MODEL_CHOICES]).toEqual([...OPTION_MODELS]);
    expect([...OPTION_TYPE_CHOICES]).toEqual([...OPTION_TYPES]);
    expect(FIRST_PASSAGE.flags.find((f) => longFlag(f) === '--model')?.choices).toEqual([...MC_MODELS]);
    for (const s of SPECS) {
      const input = s.flags.find((f) => longFlag(f) === '--input');
      if (input !== undefined) expect([s.name, input.choices]).toEqual([s.name, [...SERIES_INPUTS]]);
    }
  });

  it('name only option keys that exist in their own table', () => {
    for (const s of SPECS) {
      const keys = new Set(s.flags.map(keyOf));
      for (const f of s.flags) {
        for (const m of f.meaningful?.modes ?? []) {
          for (const k of [...(m.with ?? []), ...(m.without ?? []), ...(m.when === undefined ? [] : [m.when.key])]) expect(keys, `${s.name} ${longFlag(f)} → ${k}`).toContain(k);
        }
      }
    }
  });

  it('map a library path to its flag by the longest declared prefix', () => {
    expect(flagPath(SIZE, ['contract', 'size'])).toEqual(['--contract-size']);
    expect(flagPath(SIZE, ['volTarget', 'sigma'])).toEqual(['--vol']);
    expect(flagPath(VOL, ['values', 3])).toEqual(['--data', 3]);
    expect(flagPath(SIZE, ['nowhere'])).toBeUndefined();
  });
});

describe('--help', () => {
  for (const s of SPECS) {
    it(`${s.name}: lists every choice, marks required options and ends with its examples`, async () => {
      const run = await cli(s.name, '--help');
      expect(run.code).toBe(0);
      const help = run.stdout;
      for (const f of s.flags) for (const c of [...(f.choices ?? []), ...(f.listed ?? [])]) expect(help).toContain(`"${c}"`);
      expect(s.examples.length).toBeGreaterThanOrEqual(2);
      expect(s.examples.length).toBeLessThanOrEqual(3);
      const tail = help.slice(help.indexOf('Examples:'));
      expect(help.trimEnd().endsWith(s.examples.at(-1) as string)).toBe(true);
      for (const e of s.examples) expect(tail).toContain(`$ ${e}`);
      for (const f of s.flags) {
        const at = help.indexOf(`  ${f.flags}  `);
        expect(at, `${s.name} ${f.flags}`).toBeGreaterThan(0);
        // The option's help entry runs to the next option (descriptions may wrap).
        const entry = help.slice(at, help.indexOf('\n  -', at + 1));
        expect(entry.includes('(required)'), `${s.name} ${f.flags}`).toBe(f.required === true);
      }
    });

    if (LONG_RUNNING.has(s.name)) continue;
    it(`${s.name}: every help example exits 0`, async () => {
      for (const e of s.examples) {
        const run = await cli(...argvOf(e));
        expect(run.stderr, e).toBe('');
        expect(run.code, e).toBe(0);
      }
    }, 60_000);
  }

  it('a required option that is absent is MISSING_OPTION naming it', async () => {
    const run = await cli('greeks', '--model', 'black76', '--type', 'call', '--forward', '100', '--strike', '100', '--expiry', '1', '--json');
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stderr)).toEqual({ error: { code: 'MISSING_OPTION', message: '--vol is required', path: ['--vol'] } });
  });

  it('an enumerated option outside its choices is INVALID_INPUT naming it', async () => {
    const run = await cli('vol', '--data', 'examples/gbm-1d.csv', '--model', 'magic', '--json');
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stderr).error).toMatchObject({ code: 'INVALID_INPUT', path: ['--model'] });
  });

  it('lists the venues for --venue, which the library checks (UNKNOWN_VENUE)', async () => {
    expect(VENUE_IDS.length).toBeGreaterThan(0);
    const run = await cli(...argvOf(LIQUIDATION.examples[0] as string).map((a) => (a === 'binance-usdm' ? 'ftx' : a)), '--json');
    expect(JSON.parse(run.stderr).error.code).toBe('UNKNOWN_VENUE');
  });
});
