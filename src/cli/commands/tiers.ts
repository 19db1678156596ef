/**
 * `tradesize tiers --venue V [--symbol S] --out FILE.json`: loads the venue's markets and leverage
 * tiers through ccxt (imported only here, from node_modules) and writes the file `--tiers` reads
 * (`venues/tiers-file.ts`). API keys come from `TRADESIZE_<EXCHANGE>_API_KEY` / `_SECRET` /
 * `_PASSWORD` only (Binance serves its brackets to signed requests). A venue out of reach is
 * NETWORK_ERROR, a refusal EXCHANGE_ERROR (exit 2), never a stack trace.
 */
import { writeFile } from 'node:fs/promises';
import { TradesizeError } from '../../core/errors.js';
import { ccxtVenue } from '../../venues/ccxt-venues.js';
import { tieredVenue } from '../../venues/ccxt.js';
import { symbolsMatch } from '../../venues/registry.js';
import { emit, renderRows } from '../output.js';
import { str, type Opts } from '../flags/types.js';
import type { CcxtClient } from '../../server/feeds/ccxt-exchange.js';

type Markets = Readonly<Record<string, { readonly id?: string; readonly linear?: boolean; readonly inverse?: boolean }>>;

/** The ccxt symbol of `--symbol`: a unified symbol, the venue's market id, or an alias (BTC-USDT-SWAP ~ BTC/USDT:USDT). */
function resolveSymbol(markets: Markets, symbol: string, kind: 'linear' | 'inverse'): string {
  if (markets[symbol] !== undefined) return symbol;
  const ofKind = Object.entries(markets).filter(([, m]) => m[kind] === true);
  const byId = ofKind.filter(([, m]) => m.id === symbol);
  const found = byId.length > 0 ? byId : ofKind.filter(([s]) => symbolsMatch(s, symbol, kind));
  if (found.length === 1) return (found[0] as [string, unknown])[0];
  const why = found.length > 1 ? `is ambiguous (${found.map(([s]) => s).join(', ')})` : 'is not listed';
  throw new TradesizeError('UNKNOWN_SYMBOL', `--symbol ${symbol} ${why} on the venue's ${ofKind.length} ${kind} markets`, ['--symbol']);
}

async function fetchTiers(ex: CcxtClient, symbol: string | undefined): Promise<Record<string, unknown>> {
  if (ex.has.fetchLeverageTiers === true) return ex.fetchLeverageTiers(symbol === undefined ? undefined : [symbol]);
  if (ex.has.fetchMarketLeverageTiers === true || ex.has.fetchMarketLeverageTiers === 'emulated') {
    if (symbol === undefined) throw new TradesizeError('MISSING_OPTION', `ccxt's ${ex.id} serves tiers one market at a time: give --symbol`, ['--symbol']);
    return { [symbol]: await ex.fetchMarketLeverageTiers(symbol) };
  }
  throw new TradesizeError('INVALID_INPUT', `ccxt's ${ex.id} has no leverage tiers (fetchLeverageTiers); use the bundled instruments`, ['--venue']);
}

export async function runTiers(o: Opts): Promise<void> {
  const v = ccxtVenue(str(o.venue) ?? '');
  tieredVenue(v.venue);
  const out = str(o.out) as string;
  const [{ openExchange, loadCcxt, venueError }, { tiersFileFromCcxt }] = await Promise.all([import('../../server/feeds/ccxt-exchange.js'), import('../../venues/tiers-file.js')]);
  const ex = await openExchange({ exchange: v.exchange, options: v.options });
  let operation = 'loadMarkets';
  let written;
  try {
    await ex.loadMarkets();
    const markets = (ex.markets ?? {}) as Markets;
    const symbol = str(o.symbol) === undefined ? undefined : resolveSymbol(markets, str(o.symbol) as string, v.kind);
    operation = 'fetchLeverageTiers';
    const tiers = await fetchTiers(ex, symbol);
    const source = `ccxt ${(await loadCcxt()).version ?? ''} ${ex.id} loadMarkets + ${operation}, ${new Date().toISOString()} (tradesize tiers --venue ${v.venue})`;
    written = tiersFileFromCcxt({ venue: v.venue, kind: v.kind, source, markets, tiers });
  } catch (e) {
    throw venueError(e, v.exchange, operation);
  }
  if (written.symbols.length === 0) {
    throw new TradesizeError('EXCHANGE_ERROR', `${v.exchange} returned no usable tier table${written.skipped.length > 0 ? ` (${written.skipped.map((s) => s.message).join('; ')})` : ''}`, ['--venue']);
  }
  try {
    await writeFile(out, `${JSON.stringify(written.file, null, 1)}\n`, 'utf8');
  } catch (e) {
    throw new TradesizeError('FILE_NOT_FOUND', `--out: cannot write ${out} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, ['--out']);
  }
  const result = { venue: v.venue, exchange: v.exchange, out, symbols: written.symbols, skipped: written.skipped };
  emit(result, o.json === true, () =>
    renderRows([
      ['venue', `${v.venue} (ccxt ${v.exchange})`],
      ['written', `${written.symbols.length} markets to ${out}${written.symbols.length <= 5 ? `: ${written.symbols.join(', ')}` : ''}`],
      ...(written.skipped.length === 0 ? [] : [['skipped', written.skipped.map((s) => s.symbol).join(', ')] as const]),
    ]),
  );
}
