/**
 * Flag table of `tradesize backtest`: sizing policies through OHLCV history (README,
 * "Backtest conventions"). `--policy` and `--sweep` may be repeated.
 *
 * @example
 * addCommand(program, BACKTEST, async () => (await import('../commands/backtest.js')).runBacktest);
 */
import type { CommandSpec } from './types.js';

export const BACKTEST: CommandSpec = {
  name: 'backtest',
  description: 'Backtest sizing policies on OHLCV bars: fees, slippage, funding, intrabar stops and venue liquidation; metrics, hindsight-optimal leverage, sweeps, walk-forward',
  flags: [
    { flags: '--data <file>', description: 'OHLCV CSV (timestamp,open,high,low,close[,volume]; a bar stamped with its open time)', required: true, paths: ['bars'] },
    { flags: '--funding <file>', description: 'funding CSV (timestamp,rate; a long pays a positive rate)', paths: ['funding'] },
    { flags: '--policy <spec>', description: 'fixed-leverage:L, fixed-risk:F, kelly:C, vol-target:S, sizer or universal:LMAX (repeatable)', repeatable: true, paths: ['policies'] },
    { flags: '--sweep <grid>', description: "a policy grid KIND:FROM..TO/STEP, e.g. 'kelly:0.1..1.0/0.1' (repeatable), run on all cores", repeatable: true, paths: ['sweep'] },
    { flags: '--threads <n>', description: 'worker threads of a sweep (default: the cores)', paths: ['threads'], meaningful: { modes: [{ with: ['sweep'] }], why: 'applies to --sweep' } },
    { flags: '--sweep-csv <file>', description: 'write the sweep results as CSV', meaningful: { modes: [{ with: ['sweep'] }], why: 'applies to --sweep' } },
    { flags: '--walk-forward <train,test>', description: 'walk-forward over the sweep: pick the best log growth on TRAIN bars, run it on the next TEST bars, roll', paths: ['walkForward'], meaningful: { modes: [{ with: ['sweep'] }], why: 'applies to --sweep' } },
    { flags: '--venue <id>', description: 'venue whose liquidation rule applies (binance-usdm, binance-coinm, bybit-linear, bybit-inverse, okx-swap, hyperliquid, dydx, deribit)', paths: ['venue'] },
    { flags: '--symbol <s>', description: 'the venue symbol (BTCUSDT, BTCUSD_PERP, BTC-USDT-SWAP, BTC-USD, BTC-PERPETUAL); an inverse contract keeps the equity in its coin', paths: ['symbol'] },
    { flags: '--mmr <rate>', description: 'flat maintenance margin rate of a generic linear venue (default 0.005 without --venue)', paths: ['mmr'] },
    { flags: '--margin-mode <m>', description: 'cross (the whole equity is collateral) or isolated (value / --max-leverage)', choices: ['cross', 'isolated'], default: 'cross', paths: ['marginMode'] },
    { flags: '--equity <amount>', description: 'initial equity in the settlement currency: quote (default 10000), or the coin of an inverse contract (default 1)', paths: ['equity'] },
    { flags: '--fee-rate <rate>', description: 'fee rate on the traded notional of every fill', default: '0', paths: ['feeRate'] },
    { flags: '--slippage-bps <b>', description: 'slippage in basis points of the close, against the trade', default: '0', paths: ['slippageBps'] },
    { flags: '--max-leverage <l>', description: 'leverage cap of kelly, vol-target, fixed-risk and sizer', default: '10', paths: ['maxLeverage'] },
    { flags: '--rebalance-band <x>', description: 'trade only when the position is more than this fraction away from its target', default: '0', paths: ['rebalanceBand'] },
    { flags: '--window <n>', description: 'bars of the rolling Kelly estimate and of the GARCH fit', default: '365', paths: ['window'] },
    { flags: '--stop-sigma <k>', description: 'stop distance in daily σ (fixed-risk, sizer)', default: '2', paths: ['stopSigma'] },
    { flags: '--risk <fraction>', description: 'risk fraction of the sizer policy', default: '0.01', paths: ['risk'] },
    { flags: '--vol-method <m>', description: 'σ of vol-target: ewma, garch or implied (an index in --vol-data)', choices: ['ewma', 'garch', 'implied'], default: 'ewma', paths: ['volMethod'] },
    { flags: '--vol-data <file>', description: 'implied-vol index CSV (timestamp and a percent column, as DVOL) for --vol-method implied', paths: ['volData'], meaningful: { modes: [{ when: { key: 'volMethod', in: ['implied'] } }], why: 'applies to --vol-method implied' } },
    { flags: '--vol-column <name>', description: 'the index column of --vol-data (default close)', meaningful: { modes: [{ with: ['volData'] }], why: 'applies to --vol-data' } },
    { flags: '--signal <spec>', description: 'trend:FAST,SLOW (a moving-average crossover); default always long', paths: ['signal'] },
    { flags: '--signal-column <name>', description: 'a column of --data with the signal in [-1, 1]' },
    { flags: '--from <date>', description: 'first bar (ISO date, inclusive)', paths: ['from'] },
    { flags: '--to <date>', description: 'last bar (ISO date, inclusive)' },
    { flags: '--report <file>', description: 'write a self-contained HTML report (uPlot charts, each exportable as PNG)' },
    { flags: '--equity-curve <file>', description: "write every policy's equity per bar as CSV" },
    { flags: '--json', description: 'print one JSON object' },
  ],
  examples: [
    'tradesize backtest --data examples/data/btc-usdt-1d.csv --policy fixed-leverage:1 --policy kelly:0.5 --policy universal:3 --fee-rate 0.0005 --window 90',
    'tradesize backtest --data examples/data/btc-usdt-2h.csv --funding examples/data/binance-btcusdt-funding.csv --venue binance-usdm --symbol BTCUSDT --policy vol-target:0.6 --policy fixed-risk:0.01 --json',
    "tradesize backtest --data examples/data/btc-usdt-1d.csv --sweep kelly:0.25..1/0.25 --window 90 --threads 1",
  ],
};
