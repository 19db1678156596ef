import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseTiersJson } from '../../src/venues/tiers-file.js';
import { getInstrument } from '../../src/venues/registry.js';
import { thrown } from '../helpers/assert.js';
import { describeWithSharedReferences, readSharedReferenceText } from '../helpers/shared-references.js';

const fixture = (name: string) =>
  readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'venues', name), 'utf8');
const BINANCE = fixture('binance-usdm-leverage-tiers.ccxt.json');
const BYBIT = fixture('bybit-linear-btcusdt-risk-limit.ccxt.json');

describe('parseTiersJson', () => {
  it('one market\'s LeverageTier[] (Bybit BTCUSDT, 20 tiers)', () => {
    const tiers = parseTiersJson(BYBIT, { venue: 'bybit-linear' });
    expect(tiers).toHaveLength(20);
    expect(tiers[19]).toEqual({ tier: 20, floor: 75_000_000, cap: 80_000_000, maintenanceMarginRate: 0.045, maintenanceAmount: 1_482_000, maxLeverage: 14 });
  });

  it('a dictionary keyed by ccxt symbol, picked by any alias; a `_source` note is ignored', () => {
    for (const symbol of ['BTC/USDT:USDT', 'BTCUSDT', 'BTC-USDT-SWAP']) {
      expect(parseTiersJson(BINANCE, { venue: 'binance-usdm', symbol })).toEqual(getInstrument('binance-usdm', 'BTCUSDT').tiers);
    }
    expect(parseTiersJson(BINANCE, { venue: 'binance-usdm', symbol: 'ETHUSDT' })[6]?.maintenanceAmount).toBe(2_006_450);
  });

  it('a one-market dictionary needs no symbol; several do', () => {
    const one = JSON.stringify({ 'ETH/USDT:USDT': JSON.parse(BINANCE)['ETH/USDT:USDT'] });
    expect(parseTiersJson(one, { venue: 'binance-usdm' })).toHaveLength(12);
    const e = thrown(() => parseTiersJson(BINANCE, { venue: 'binance-usdm' }));
    expect(e.code).toBe('MISSING_OPTION');
    expect(e.path).toEqual(['symbol']);
    expect(e.message).toContain('BTC/USDT:USDT, ETH/USDT:USDT');
  });

  it('a market not in the file lists the ones that are', () => {
    const e = thrown(() => parseTiersJson(BINANCE, { venue: 'binance-usdm', symbol: 'SOLUSDT' }));
    expect(e.code).toBe('UNKNOWN_SYMBOL');
    expect(e.message).toBe("parseTiersJson: no tiers for 'SOLUSDT' in the file; it holds BTC/USDT:USDT, ETH/USDT:USDT");
  });

  it('bad JSON and bad rows are PARSE_ERRORs with the path of the field', () => {
    expect(thrown(() => parseTiersJson('{"BTC/USDT:USDT": [', { venue: 'binance-usdm' })).code).toBe('PARSE_ERROR');
    expect(thrown(() => parseTiersJson('42', { venue: 'binance-usdm' })).code).toBe('PARSE_ERROR');
    const data = JSON.parse(BINANCE);
    data['BTC/USDT:USDT'][2].maxLeverage = 'lots';
    const e = thrown(() => parseTiersJson(JSON.stringify(data), { venue: 'binance-usdm', symbol: 'BTCUSDT' }));
    expect(e.code).toBe('PARSE_ERROR');
    expect(e.path).toEqual(['BTC/USDT:USDT', 2, 'maxLeverage']);
    expect(thrown(() => parseTiersJson('[{"maxNotional": 1}]', { venue: 'binance-usdm' })).path).toEqual([0, 'maintenanceMarginRate']);
  });

  it('venue errors keep their own codes', () => {
    expect(thrown(() => parseTiersJson(BYBIT, { venue: 'kraken' as never })).code).toBe('UNKNOWN_VENUE');
    expect(thrown(() => parseTiersJson(BYBIT, { venue: 'dydx' })).code).toBe('INVALID_INPUT');
  });
});

describeWithSharedReferences('parseTiersJson on freqtrade\'s Binance file', ['venue-data/binance_usdm_all_leverage_tiers_freqtrade.json'], () => {
  it('BTC/USDT:USDT of the 349-market file: the 2024-10 table of venues.md §1.3', () => {
    const tiers = parseTiersJson(readSharedReferenceText('venue-data/binance_usdm_all_leverage_tiers_freqtrade.json'), {
      venue: 'binance-usdm',
      symbol: 'BTCUSDT',
    });
    expect(tiers).toEqual(getInstrument('binance-usdm', 'BTCUSDT').tiers);
  });
});
