/**
 * Flag table of `tradesize serve`: the risk engine as a local service.
 *
 * @example
 * addCommand(program, SERVE, async () => (await import('../commands/serve.js')).runServe);
 */
import type { CommandSpec, Meaningful } from './types.js';

const REPLAY: Meaningful = { modes: [{ with: ['replay'] }], why: 'has no effect without --replay FILE.csv' };

export const SERVE: CommandSpec = {
  name: 'serve',
  description: 'Run the risk engine as a service: accounts, live prices from several sources, a pre-trade check on every order, kill switch (JSON over HTTP on /v1, WebSocket /v1/stream) and a live dashboard at /',
  flags: [
    { flags: '--data-dir <dir>', description: 'where the engine keeps its SQLite command log and its API and admin tokens', default: './tradesize-data' },
    { flags: '--host <address>', description: 'address to bind (any other than loopback needs --tls-cert and --tls-key)', default: '127.0.0.1' },
    { flags: '--port <n>', description: 'port to listen on (0: a free port)', default: '8787' },
    { flags: '--config <file>', description: 'JSON thresholds: {"prices": {staleAfterMs, maxDeviation, maxDeviationMajors, minSources, graceMs, ...}, "server": {...}}' },
    { flags: '--demo', description: 'seed demo accounts with positions on three markets and drive them with a synthetic feed from three sources per market (one misbehaving now and then)' },
    { flags: '--replay <file>', description: 'drive the demo from real OHLCV bars (timestamp,open,high,low,close,...) instead of the synthetic feed, through the same three sources; needs --market' },
    { flags: '--market <name>', description: 'the market the --replay bars are (e.g. BTCUSDT)', meaningful: REPLAY },
    { flags: '--speed <bars>', description: 'replay: bars per second', default: '2', meaningful: REPLAY },
    { flags: '--feed <spec>', description: 'a live ccxt price feed, ccxt:EXCHANGE:SYMBOL[,SYMBOL...] (e.g. ccxt:binanceusdm:BTC/USDT:USDT,ETH/USDT:USDT); fills and positions: the "feeds" key of --config' },
    { flags: '--tls-cert <file>', description: 'PEM certificate: serve HTTPS' },
    { flags: '--tls-key <file>', description: 'PEM private key of --tls-cert' },
    { flags: '--json', description: 'print the ready line as one JSON object {url, dataDir, dashboard}' },
  ],
  examples: ['tradesize serve --demo --port 0', 'tradesize serve --replay examples/data/btc-usdt-1d.csv --market BTCUSDT --speed 4 --port 0', 'tradesize serve --port 0 --json --data-dir /tmp/tradesize-data'],
};
