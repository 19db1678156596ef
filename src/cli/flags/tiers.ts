/**
 * Flag table of `tradesize tiers`: the live leverage tiers and market rules of a venue through
 * ccxt, written as the `--tiers FILE` JSON of `size` and `liquidation`. Its examples need the
 * network (and, on Binance, API keys): test/cli/tiers.bin.test.ts runs them on recorded responses.
 *
 * @example
 * addCommand(program, TIERS, async () => (await import('../commands/tiers.js')).runTiers);
 */
import { VENUE_IDS } from '../../venues/venue-ids.js';
import type { CommandSpec } from './types.js';

export const TIERS: CommandSpec = {
  name: 'tiers',
  description: "Refresh a venue's leverage tiers and market rules through ccxt (fetchLeverageTiers, loadMarkets) into the JSON file --tiers reads",
  flags: [
    { flags: '--venue <id>', description: 'venue (its ccxt exchange: binanceusdm, binancecoinm, bybit, okx)', listed: VENUE_IDS, required: true },
    { flags: '--symbol <s>', description: 'one market (ccxt symbol BTC/USDT:USDT or venue id BTCUSDT; default: every market of the venue)' },
    { flags: '--out <file>', description: 'the JSON file to write (ccxt LeverageTier[] by symbol, with `_markets` rules)', required: true },
    { flags: '--json', description: 'print one JSON object {venue, exchange, out, symbols, skipped}' },
  ],
  examples: ['tradesize tiers --venue binance-usdm --symbol BTCUSDT --out binance-tiers.json', 'tradesize tiers --venue bybit-linear --out bybit-tiers.json --json'],
};
