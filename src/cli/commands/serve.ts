/**
 * `tradesize serve`: starts the engine service (src/server/serve.ts) and prints one line when it
 * is ready, `listening on http://HOST:PORT`, then `dashboard http://HOST:PORT/` (with `--json`
 * one line `{"url", "dataDir", "dashboard"}`); it runs until SIGINT or SIGTERM, then closes the
 * listener and the database.
 */
import { resolve } from 'node:path';
import { TradesizeError } from '../../core/errors.js';
import { readJson, readOhlc } from '../data.js';
import { parseNumber } from '../options.js';
import type { ReplaySpec } from '../../server/demo.js';
import { str, type Opts } from '../flags/types.js';

export async function runServe(o: Opts): Promise<void> {
  const portText = str(o.port) ?? '8787';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new TradesizeError('INVALID_INPUT', `--port expects an integer from 0 to 65535 (0: a free port), got "${portText}"`, ['--port']);
  const file = str(o.config) === undefined ? undefined : await readJson(str(o.config) as string, '--config');
  const config = withFeedFlag(file, str(o.feed));
  const dataDir = resolve(str(o.dataDir) ?? './tradesize-data');
  const replay = await replaySpec(o);
  const [{ serve }, { startDemo }] = await Promise.all([import('../../server/serve.js'), import('../../server/demo.js')]);
  const running = await serve({
    dataDir,
    host: str(o.host) ?? '127.0.0.1',
    port,
    config,
    ...(str(o.tlsCert) === undefined ? {} : { tlsCert: str(o.tlsCert) as string }),
    ...(str(o.tlsKey) === undefined ? {} : { tlsKey: str(o.tlsKey) as string }),
  });
  const feed = o.demo === true || replay !== undefined ? startDemo(running.service, replay) : undefined;
  const live = running.config.feeds.length === 0 ? [] : await (await import('../../server/feeds/start.js')).startFeeds(running.service, running.config.feeds, (r) => process.stderr.write(`${JSON.stringify(r)}\n`));
  const dashboard = `${running.url}/`;
  process.stdout.write(o.json === true ? `${JSON.stringify({ url: running.url, dataDir, dashboard })}\n` : `listening on ${running.url}\ndashboard ${dashboard}\n`);
  await new Promise<void>((done) => {
    const stop = (): void => {
      feed?.stop();
      for (const f of live) f.stop();
      void running.close().then(done);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** `--replay FILE --market M --speed X`: the bars to drive the demo with, or undefined. */
async function replaySpec(o: Opts): Promise<ReplaySpec | undefined> {
  const file = str(o.replay);
  if (file === undefined) return undefined;
  const market = str(o.market);
  if (market === undefined) throw new TradesizeError('MISSING_OPTION', '--replay needs --market NAME (the market its bars are)', ['--market']);
  if (!/^[A-Za-z0-9._~-]{1,64}$/.test(market)) throw new TradesizeError('INVALID_INPUT', '--market must be 1-64 URL-safe characters (letters, digits, . _ ~ -)', ['--market']);
  const speed = parseNumber(str(o.speed) ?? '2', '--speed');
  if (!(speed > 0 && speed <= 1000)) throw new TradesizeError('INVALID_INPUT', `--speed is bars per second, in (0, 1000], got ${str(o.speed) ?? ''}`, ['--speed']);
  const bars = await readOhlc(file, '--replay');
  return { market, bars, speed };
}

/**
 * `--feed ccxt:EXCHANGE:SYMBOL[,SYMBOL...]` appended to the config's `feeds` (validated with
 * them): `ccxt:binanceusdm:BTC/USDT:USDT,ETH/USDT:USDT` is `{"type": "ccxt", "exchange":
 * "binanceusdm", "symbols": ["BTC/USDT:USDT", "ETH/USDT:USDT"]}`.
 */
export function withFeedFlag(config: unknown, spec: string | undefined): unknown {
  if (spec === undefined) return config;
  const m = /^ccxt:([a-z0-9]+):(.+)$/.exec(spec);
  if (m === null) throw new TradesizeError('INVALID_INPUT', `--feed expects ccxt:EXCHANGE:SYMBOL[,SYMBOL...] (e.g. ccxt:binanceusdm:BTC/USDT:USDT), got "${spec}"`, ['--feed']);
  if (config !== undefined && (typeof config !== 'object' || config === null || Array.isArray(config))) return config; // refused by the schema
  const base = (config ?? {}) as Record<string, unknown>;
  const feeds = Array.isArray(base.feeds) ? base.feeds : [];
  return { ...base, feeds: [...feeds, { type: 'ccxt', exchange: m[1], symbols: (m[2] as string).split(',').filter((x) => x !== '') }] };
}
