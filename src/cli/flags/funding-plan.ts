/**
 * Flag table of `tradesize funding-plan`: the funding files (repeatable, `venue=FILE` to name
 * the venue), the price and σ (given, or from an OHLCV file), the horizon, equity, K, fees and
 * the flat-model parameters, and the walk-forward sub-mode `--backtest`.
 *
 * @example
 * addCommand(program, FUNDING_PLAN, async () => (await import('../commands/funding-plan.js')).runFundingPlan);
 */
import type { CommandSpec } from './types.js';

const BACKTEST = { modes: [{ with: ['backtest'] }], why: 'applies to --backtest only' };

export const FUNDING_PLAN: CommandSpec = {
  name: 'funding-plan',
  description: 'Funding-differential plan across venues: long where funding is lowest, short where highest, legs sized to survive a K-sigma move; --backtest walks it forward',
  flags: [
    { flags: '--funding <file>', description: 'funding history CSV (timestamp,rate), at least twice; venue from <venue>-<market>-funding.csv or venue=FILE', required: true, repeatable: true },
    { flags: '--horizon <days>', description: 'holding period in days (--backtest: each hold)', default: '30', paths: ['horizonDays'] },
    { flags: '--equity <amount>', description: 'equity for both legs (margins and fees), quote currency', default: '10000', paths: ['equity'] },
    { flags: '--price <p>', description: 'entry price of both legs (default: the last close of --data)', paths: ['price'] },
    { flags: '--vol <vol>', description: 'annual volatility sigma (default: EWMA of --data closes, lambda 0.94)', paths: ['sigma'] },
    { flags: '--data <file>', description: 'OHLCV CSV of the underlying: price and sigma for a plan, the price path for --backtest' },
    { flags: '--k <sigmas>', description: 'the legs survive a move of k sigma over the horizon', default: '3', paths: ['k'] },
    { flags: '--method <m>', description: 'expected funding from each file: time-weighted mean or EWMA', choices: ['mean', 'ewma'], default: 'mean' },
    { flags: '--half-life <days>', description: 'EWMA half-life in days', default: '7', paths: ['halfLifeDays'], meaningful: { modes: [{ when: { key: 'method', in: ['ewma'] } }], why: 'applies to --method ewma' } },
    { flags: '--window <days>', description: 'estimate from the last n days of each file (default: all of it; --backtest: 30)', paths: ['windowDays'] },
    { flags: '--taker-fee <[venue=]rate>', description: 'taker fee on entry and exit, for every venue or venue=rate (default: the instrument snapshot\'s, else 0.0005)', repeatable: true },
    { flags: '--mmr <rate>', description: 'maintenance rate of venues without a tradesize model (gate, htx, kucoin, mexc)', default: '0.005' },
    { flags: '--flat-max-leverage <x>', description: 'max leverage of venues without a tradesize model', default: '20' },
    { flags: '--backtest', description: 'walk forward: plan on --window days, hold --horizon days, repeat (needs --data)' },
    { flags: '--steps', description: 'with --backtest: list every step, not only the summary', meaningful: BACKTEST },
    { flags: '--json', description: 'print one JSON object' },
  ],
  examples: [
    'tradesize funding-plan --funding examples/data/binance-btcusdt-funding.csv --funding examples/data/dydx-btcusdt-funding.csv --price 42000 --vol 0.5',
    'tradesize funding-plan --funding examples/data/binance-btcusdt-funding.csv --funding examples/data/dydx-btcusdt-funding.csv --data examples/data/btc-usdt-1d.csv --method ewma --json',
    'tradesize funding-plan --funding examples/data/bybit-btcusdt-funding.csv --funding examples/data/gate-btcusdt-funding.csv --data examples/data/btc-usdt-1d.csv --backtest --horizon 7',
  ],
};
