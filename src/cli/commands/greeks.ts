/**
 * `tradesize greeks`: price and Greeks of one European option — Black–Scholes–Merton on spot
 * (--spot, with --rate and --div), Black-76 on a forward (--forward; --rate discounts the price)
 * or Deribit's coin-settled option (--forward, value in coin). Units: T in years; vega per 1.00
 * of volatility, theta per year, rho per 1.00 of rate; the cash and per-day/per-point forms are
 * printed beside them (see `options/trader-greeks.ts`).
 */
import { TradesizeError } from '../../core/errors.js';
import { optionalNumber, parseChoice, parseNumber } from '../options.js';
import { emit, renderRows, type Row } from '../output.js';
import { priceOption, type OptionValuation } from '../../options/price.js';
import { OPTION_MODELS, OPTION_TYPES, type OptionType } from '../../options/schema.js';
import type { OptionModel } from '../../options/kernel.js';
import { str, type Opts } from '../flags/types.js';
import { withFlag } from '../flags/paths.js';
import { GREEKS } from '../flags/options.js';


/** Model, type and underlying of an option command, with --spot/--forward/--div checked against the model. */
export interface OptionFlags {
  readonly model: OptionModel;
  readonly type: OptionType;
  readonly underlying: { readonly spot: number } | { readonly forward: number };
  readonly strike: number;
  readonly expiry: number;
  readonly rate: number;
  readonly div?: number;
}

function required(o: Opts, key: string, flag: string): string {
  const v = str(o[key]);
  if (v === undefined) throw new TradesizeError('MISSING_OPTION', `${flag} is required`, [flag]);
  return v;
}

/** Parses the flags shared by `greeks` and `iv`. */
export function parseOptionFlags(o: Opts): OptionFlags {
  const model = parseChoice(required(o, 'model', '--model'), '--model', OPTION_MODELS);
  const type = parseChoice(required(o, 'type', '--type'), '--type', OPTION_TYPES);
  const onSpot = model === 'black-scholes';
  const [want, other] = onSpot ? ['spot', 'forward'] : ['forward', 'spot'];
  if (o[other] !== undefined) {
    throw new TradesizeError('CONFLICTING_OPTIONS', `--${other} does not apply to --model ${model}; use --${want}`, [`--${other}`]);
  }
  if (!onSpot && o.div !== undefined) {
    throw new TradesizeError('CONFLICTING_OPTIONS', `--div does not apply to --model ${model} (the forward already carries it)`, ['--div']);
  }
  const u = parseNumber(required(o, want, `--${want}`), `--${want}`);
  const strike = parseNumber(required(o, 'strike', '--strike'), '--strike');
  const expiry = parseNumber(required(o, 'expiry', '--expiry'), '--expiry');
  const rate = optionalNumber(str(o.rate), '--rate') ?? 0;
  const div = onSpot ? (optionalNumber(str(o.div), '--div') ?? 0) : undefined;
  return { model, type, underlying: onSpot ? { spot: u } : { forward: u }, strike, expiry, rate, ...(div === undefined ? {} : { div }) };
}

/** What `tradesize greeks --json` prints. */
export type GreeksOutput = OptionValuation & { readonly priceUnit: 'quote' | 'coin' };

function render(r: GreeksOutput): string {
  const rows: Row[] = [
    ['model', r.model], ['type', r.type],
    [`price (${r.priceUnit})`, r.price], ['delta', r.delta], ['gamma', r.gamma],
    ['vega (per 1.00 vol)', r.vega], ['theta (per year)', r.theta], ['rho (per 1.00 rate)', r.rho],
    ['cash delta', r.cashDelta], ['cash gamma (per 1%)', r.cashGamma],
  ];
  if (r.elasticity !== undefined) rows.push(['elasticity', r.elasticity]);
  rows.push(['theta per day', r.thetaPerDay], ['vega per vol point', r.vegaPerPoint], ['rho per rate point', r.rhoPerPoint], ['forward', r.forward]);
  if (r.d1 !== undefined && r.d2 !== undefined) rows.push(['d1', r.d1], ['d2', r.d2]);
  return renderRows(rows);
}

export async function runGreeks(o: Opts): Promise<void> {
  const f = parseOptionFlags(o);
  const vol = parseNumber(required(o, 'vol', '--vol'), '--vol');
  let v: OptionValuation;
  try {
    v = priceOption({ model: f.model, type: f.type, ...f.underlying, strike: f.strike, expiry: f.expiry, vol, rate: f.rate, ...(f.div === undefined ? {} : { div: f.div }) } as Parameters<typeof priceOption>[0]);
  } catch (e) {
    throw withFlag(e, GREEKS);
  }
  const out: GreeksOutput = { ...v, priceUnit: f.model === 'inverse' ? 'coin' : 'quote' };
  emit(out, o.json === true, () => render(out));
}
