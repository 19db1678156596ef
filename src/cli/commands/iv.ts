/**
 * `tradesize iv`: implied volatility of one European option price (quote, or coin for
 * `--model inverse`), with the no-arbitrage range of the price. A price outside that range is an
 * error at --price (exit 2) naming the bound.
 */
import { TradesizeError } from '../../core/errors.js';
import { parseNumber } from '../options.js';
import { emit, renderRows } from '../output.js';
import { impliedVol, type ImpliedVolResult } from '../../options/implied-vol.js';
import { parseOptionFlags } from './greeks.js';
import type { Opts } from '../flags/types.js';
import { withFlag } from '../flags/paths.js';
import { IV } from '../flags/options.js';

/** What `tradesize iv --json` prints. */
export type IvOutput = ImpliedVolResult & { readonly price: number; readonly priceUnit: 'quote' | 'coin' };

function render(r: IvOutput): string {
  return renderRows([
    ['model', r.model], ['type', r.type], ['implied vol', r.impliedVol], [`price (${r.priceUnit})`, r.price],
    ['lower bound', r.lowerBound], ['upper bound', r.upperBound],
  ]);
}

export async function runIv(o: Opts): Promise<void> {
  const f = parseOptionFlags(o);
  if (typeof o.price !== 'string') throw new TradesizeError('MISSING_OPTION', '--price is required', ['--price']);
  const price = parseNumber(o.price, '--price');
  let r: ImpliedVolResult;
  try {
    r = impliedVol({ model: f.model, type: f.type, price, ...f.underlying, strike: f.strike, expiry: f.expiry, rate: f.rate, ...(f.div === undefined ? {} : { div: f.div }) } as Parameters<typeof impliedVol>[0]);
  } catch (e) {
    throw withFlag(e, IV);
  }
  const out: IvOutput = { ...r, price, priceUnit: f.model === 'inverse' ? 'coin' : 'quote' };
  emit(out, o.json === true, () => render(out));
}
