/**
 * Starts the configured live feeds (`feeds` of `--config`, or `--feed`) against the service:
 * each ccxt feed's ticks are committed as `prices` commands, its fills as `fill` commands of its
 * account, exactly as `POST /v1/prices` and `POST /v1/accounts/{id}/fills` would; what a feed
 * reports (a position mismatch, a venue error, a fill the engine refused) goes to `report`.
 */
import { isTradesizeError } from '../../core/errors.js';
import type { Service } from '../service.js';
import type { FeedConfig } from '../config.js';
import type { FeedAdapter, FeedReport } from './adapter.js';
import { ccxtFeed } from './ccxt.js';
import { openExchange, type CcxtClient } from './ccxt-exchange.js';
import { engineMarkets } from './ccxt-markets.js';

/** Opens the exchange of a feed (tests pass fixture-answered instances). */
export type OpenClient = (feed: FeedConfig) => Promise<CcxtClient>;

const openFromConfig: OpenClient = (f) => openExchange({ exchange: f.exchange, options: f.options, watch: f.watch });

/**
 * Starts every feed; resolves once each exchange instance exists (its markets load in the
 * background, reported on failure and retried).
 *
 * @throws TradesizeError INVALID_INPUT for an exchange ccxt does not have or a symbol with no market name.
 */
export async function startFeeds(service: Service, feeds: readonly FeedConfig[], report: (r: FeedReport) => void, open: OpenClient = openFromConfig): Promise<FeedAdapter[]> {
  const started: FeedAdapter[] = [];
  for (const f of feeds) {
    const markets = engineMarkets(f.symbols, f.markets);
    const source = f.source ?? f.exchange;
    const client = await open(f);
    const adapter = ccxtFeed({
      client,
      markets,
      source,
      ...(f.account === undefined ? {} : { account: f.account }),
      pollMs: f.pollMs,
      reconcileMs: f.reconcileMs,
      watch: f.watch,
      price: f.price,
      ...(f.since === undefined ? {} : { since: f.since }),
    });
    let warned = false;
    /** Fills wait for their account (PUT /v1/accounts/{id}); said once. */
    const missing = (account: string): void => {
      if (warned || service.failed !== null) return;
      warned = true;
      report({ type: 'feed-error', source, operation: 'fill', code: 'UNKNOWN_ACCOUNT', message: `no account '${account}' yet: its venue fills wait until it is put (PUT /v1/accounts/${account})` });
    };
    const refused = (operation: string, e: unknown): void => {
      if (!isTradesizeError(e)) throw e;
      report({ type: 'feed-error', source, operation, code: e.code, message: e.message });
    };
    adapter.start(
      (ticks, at) => {
        if (service.failed === null) service.execute({ type: 'prices', at, body: ticks });
      },
      {
        fill(account, body, at) {
          if (service.failed !== null || !service.engine.accountIds().includes(account)) {
            missing(account);
            return false;
          }
          try {
            service.execute({ type: 'fill', at, id: account, body });
          } catch (e) {
            refused('fill', e);
          }
          return true;
        },
        position(account, market) {
          if (!service.engine.accountIds().includes(account)) return undefined;
          return service.engine.getAccount(account).positions.find((p) => p.market === market)?.quantity ?? 0;
        },
        report,
      },
    );
    started.push(adapter);
  }
  return started;
}
