/**
 * ccxt exchanges with their HTTP layer answered from test/fixtures/ccxt/ (./ccxt-fixtures.cjs):
 * the real exchange classes parse the recorded venue responses, nothing goes to the network.
 */
import ccxt, { type Exchange } from 'ccxt';
import { createRequire } from 'node:module';

const { answer } = createRequire(import.meta.url)('./ccxt-fixtures.cjs') as { answer: (exchangeId: string, url: string) => unknown };

/** `ex` with its `fetch` answered from the fixtures; each request's `METHOD /path` is pushed onto `ex.requests`. */
export function stubbed<E extends Exchange>(ex: E): E & { requests: string[] } {
  const requests: string[] = [];
  // No venue to protect: ccxt's client-side rate limiter would only slow the tests down.
  ex.enableRateLimit = false;
  ex.fetch = async (url: string, method = 'GET') => {
    requests.push(`${method} ${new URL(url).pathname}`);
    return answer(ex.id, url);
  };
  return Object.assign(ex, { requests });
}

/** A fixture-answered instance of ccxt's exchange class `id` (e.g. 'binanceusdm', 'bybit'). */
export function fixtureExchange(id: 'binanceusdm' | 'bybit', config: Record<string, unknown> = {}): Exchange & { requests: string[] } {
  const Ctor = (ccxt as unknown as Record<string, new (c: Record<string, unknown>) => Exchange>)[id] as new (c: Record<string, unknown>) => Exchange;
  return stubbed(new Ctor(config));
}
