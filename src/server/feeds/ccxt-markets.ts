/**
 * ccxt unified symbols → the engine's market names. The rule: base and quote joined, the
 * settlement currency dropped, a delivery date kept after a dash:
 *
 * | ccxt symbol                | engine market     |
 * |----------------------------|-------------------|
 * | `BTC/USDT:USDT` (linear)   | `BTCUSDT`         |
 * | `BTC/USD:BTC` (inverse)    | `BTCUSD`          |
 * | `ETH/USDT:USDT-250328`     | `ETHUSDT-250328`  |
 * | `BTC/USDT` (spot)          | `BTCUSDT`         |
 *
 * which is Binance's and Bybit's own id of the same perpetual. A configured `markets` entry wins
 * (`{"BTC/USDC:USDC": "BTCUSDC-PERP"}`), for names the rule would collide or not give.
 *
 * SOURCE: ccxt Manual, "Contract naming conventions" (`BASE/QUOTE:SETTLE[-YYMMDD]`).
 */
import { TradesizeError } from '../../core/errors.js';

const NAME = /^[A-Za-z0-9._~-]{1,64}$/;
const UNIFIED = /^([^/:]+)\/([^/:]+)(?::([^-]+)(?:-(.+))?)?$/;

/**
 * The engine market name of a ccxt symbol.
 *
 * @throws TradesizeError INVALID_INPUT when the symbol is not unified and not mapped, or the name
 *   is not a valid market name (1-64 URL-safe characters).
 * @example
 * engineMarket('BTC/USDT:USDT'); // => 'BTCUSDT'
 * engineMarket('ETH/USDT:USDT-250328'); // => 'ETHUSDT-250328'
 * engineMarket('BTC/USDC:USDC', { 'BTC/USDC:USDC': 'BTCUSDC-PERP' }); // => 'BTCUSDC-PERP'
 */
export function engineMarket(symbol: string, mapping: Readonly<Record<string, string>> = {}): string {
  const mapped = mapping[symbol];
  const m = UNIFIED.exec(symbol);
  const name = mapped ?? (m === null ? undefined : `${m[1] as string}${m[2] as string}${m[4] === undefined ? '' : `-${m[4]}`}`);
  if (name === undefined || !NAME.test(name)) {
    throw new TradesizeError('INVALID_INPUT', `no engine market name for the ccxt symbol '${symbol}': map it in the feed's "markets" ({"${symbol}": "NAME"}, 1-64 URL-safe characters)`, ['markets', symbol]);
  }
  return name;
}

/**
 * The engine market of every symbol, refusing two symbols that would share one market.
 *
 * @example
 * engineMarkets(['BTC/USDT:USDT', 'ETH/USDT:USDT']); // => Map { 'BTC/USDT:USDT' => 'BTCUSDT', 'ETH/USDT:USDT' => 'ETHUSDT' }
 */
export function engineMarkets(symbols: readonly string[], mapping: Readonly<Record<string, string>> = {}): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Map<string, string>();
  for (const s of symbols) {
    const name = engineMarket(s, mapping);
    const other = taken.get(name);
    if (other !== undefined && other !== s) {
      throw new TradesizeError('INVALID_INPUT', `'${other}' and '${s}' both map to the engine market '${name}': map one of them in the feed's "markets"`, ['markets', s]);
    }
    taken.set(name, s);
    out.set(s, name);
  }
  return out;
}
