/**
 * Flag table of `tradesize liquidation`. The venue overrides that exclude each other or apply
 * to one venue (--mmr on hyperliquid, --taker-fee off okx-swap, --positions in isolated margin)
 * are refused by the venue input (../venue-input.ts); --tiers with --mmr here.
 *
 * @example
 * addCommand(program, LIQUIDATION, async () => (await import('../commands/liquidation.js')).runLiquidation);
 */
import { VENUE_IDS } from '../../venues/types.js';
import type { CommandSpec } from './types.js';

export const LIQUIDATION: CommandSpec = {
  name: 'liquidation',
  description: 'Liquidation price, margins and tier of a position on a venue, isolated or cross',
  flags: [
    { flags: '--venue <id>', description: 'venue', listed: VENUE_IDS, required: true },
    { flags: '--side <side>', description: 'position side', choices: ['long', 'short'], required: true },
    { flags: '--entry <price>', description: 'entry price', required: true },
    { flags: '--quantity <q>', description: 'position size: base units (linear contracts) or contracts (inverse)', required: true },
    { flags: '--margin-mode <mode>', description: 'margin mode', choices: ['isolated', 'cross'], required: true },
    { flags: '--collateral <amount>', description: "isolated: the position's margin; cross: the wallet balance (quote, or the coin for inverse contracts)", required: true },
    { flags: '--symbol <s>', description: 'bundled instrument (optional with --mmr, --tiers or hyperliquid --max-leverage)' },
    { flags: '--mark <price>', description: 'mark price (default: the entry)' },
    { flags: '--leverage <x>', description: "leverage setting for the initial margin (default: the tier's max; isolated on a table without one: value / collateral)" },
    { flags: '--mmr <rate>', description: 'override: one tier with this maintenance margin rate' },
    { flags: '--maintenance-amount <amount>', description: 'override: the maintenance amount subtracted (with --mmr; default 0)' },
    { flags: '--max-leverage <x>', description: "override: the venue's max leverage (hyperliquid: maintenance rate 1/(2x))" },
    {
      flags: '--tiers <file>', description: 'override: the tier table, ccxt fetchLeverageTiers JSON',
      meaningful: { modes: [{ without: ['mmr'] }], why: 'is replaced by the one tier of --mmr: give --tiers or --mmr, not both' },
    },
    { flags: '--positions <file>', description: 'cross: the other positions, JSON [{symbol, side, quantity, entryPrice, markPrice}] or ccxt Position[]' },
    { flags: '--contract-size <n>', description: 'override the contract size: base units (linear) or quote units (inverse)' },
    { flags: '--taker-fee <rate>', description: 'override (okx-swap): the taker fee rate OKX adds to the maintenance rate' },
    { flags: '--json', description: 'print one JSON object' },
  ],
  examples: [
    'tradesize liquidation --venue binance-usdm --symbol BTCUSDT --side long --entry 65000 --quantity 1 --margin-mode isolated --collateral 6500',
    'tradesize liquidation --venue hyperliquid --side short --entry 3000 --quantity 10 --margin-mode isolated --collateral 3000 --max-leverage 20 --json',
    'tradesize liquidation --venue binance-coinm --symbol BTCUSD --side long --entry 45000 --quantity 100000 --margin-mode cross --collateral 101 --leverage 20',
  ],
};
