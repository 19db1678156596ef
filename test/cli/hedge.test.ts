import { describe, expect, it } from 'vitest';
import { cli, json } from './run.js';

describe('tradesize hedge', () => {
  it('--json prints deltaNow, hedgeQuantity, band {lower, upper} and rebalance', async () => {
    const run = await cli('hedge', '--portfolio', 'examples/portfolio-btc.json', '--underlying', 'BTC', '--policy', 'whalley-wilmott', '--risk-aversion', '0.0001', '--json');
    expect(run.code).toBe(0);
    const out = json(run) as { deltaNow: number; hedgeQuantity: number; band: { lower: number; upper: number }; rebalance: boolean; tradeQuantity: number };
    expect(out.hedgeQuantity).toBeCloseTo(-out.deltaNow, 12);
    expect(out.band.lower).toBeCloseTo(-out.band.upper, 15);
    expect(out.rebalance).toBe(true);
    expect(out.deltaNow + out.tradeQuantity).toBeCloseTo(out.band.upper, 12);
  });

  it('an inverse hedge counts USD face contracts; --policy band needs --band; flags of other policies are refused', async () => {
    const inv = json(await cli('hedge', '--portfolio', 'examples/portfolio-deribit-options.json', '--underlying', 'BTC', '--hedge-settlement', 'inverse', '--contract-size', '10', '--json')) as { deltaNow: number; hedgeQuantity: number; coinDelta: number };
    expect(inv.hedgeQuantity).toBeCloseTo((-inv.deltaNow * 65_000) / 10, 8);
    expect(inv.coinDelta).toBeLessThan(0);
    const missing = await cli('hedge', '--portfolio', 'examples/portfolio-btc.json', '--underlying', 'BTC', '--policy', 'band', '--json');
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stderr).error).toMatchObject({ code: 'MISSING_OPTION', path: ['--band'] });
    const ineffective = await cli('hedge', '--portfolio', 'examples/portfolio-btc.json', '--underlying', 'BTC', '--band', '0.1', '--json');
    expect(JSON.parse(ineffective.stderr).error).toMatchObject({ code: 'CONFLICTING_OPTIONS', path: ['--band'] });
    const unknown = await cli('hedge', '--portfolio', 'examples/portfolio-btc.json', '--underlying', 'DOGE', '--json');
    expect(JSON.parse(unknown.stderr).error).toMatchObject({ code: 'INVALID_INPUT', path: ['--underlying'] });
  });
});

describe('tradesize hedge-sim', () => {
  it('prints per policy hedgingError, cost, turnover, trades, each with stdError, in the order given', async () => {
    const run = await cli('hedge-sim', '--data', 'examples/data/btc-usdt-2h.csv', '--days', '7', '--policy', 'interval:2h', '--policy', 'band:0.1', '--policy', 'ww:0.001', '--policy', 'zak:0.0005,0.001', '--paths', '3000', '--json');
    expect(run.code).toBe(0);
    const out = json(run) as { policies: { policy: string; [k: string]: unknown }[]; steps: number };
    expect(out.steps).toBe(84);
    expect(out.policies.map((p) => p.policy)).toEqual(['interval:2h', 'band:0.1', 'ww:0.001', 'zak:0.0005,0.001']);
    for (const p of out.policies) for (const k of ['hedgingError', 'cost', 'turnover', 'trades']) expect(p[k]).toEqual({ value: expect.any(Number), stdError: expect.any(Number) });
  });

  it('refuses a SPEC that is not a whole number of bars, naming the --policy', async () => {
    const run = await cli('hedge-sim', '--data', 'examples/data/btc-usdt-2h.csv', '--policy', 'interval:90m', '--json');
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stderr).error).toMatchObject({ code: 'INVALID_INPUT', path: ['--policy', 0] });
  });
});
