/**
 * `tradesize hedge --portfolio FILE.json --underlying U [--policy interval|band|whalley-wilmott|
 * zakamouline] [--cost-rate λ] [--risk-aversion γ] [--band X] [--json]`: the delta hedge of a
 * portfolio now (`hedging/hedge-now.ts`).
 *
 * JSON keys (public): deltaNow, hedgeQuantity, band {lower, upper}, rebalance, and underlying,
 * spot, deltaNotional, gamma, coinDelta, deltaPerContract, tradeQuantity, policy, instrument.
 */
import { TradesizeError } from '../../core/errors.js';
import { parsePortfolio } from '../../portfolio/schema.js';
import { hedgeRecommendation, type HedgeInstrument, type HedgeRecommendation } from '../../hedging/hedge-now.js';
import type { HedgePolicy } from '../../hedging/policy.js';
import { optionalNumber, parseChoice, parseNumber } from '../options.js';
import { emit, renderRows } from '../output.js';
import { readJson } from '../data.js';
import { str, type Opts } from '../flags/types.js';
import { withFlag } from '../flags/paths.js';
import { HEDGE } from '../flags/hedge.js';

type HedgeOutput = HedgeRecommendation & { readonly instrument: HedgeInstrument };

function policyOf(o: Opts): HedgePolicy {
  const kind = parseChoice(str(o.policy) ?? 'interval', '--policy', ['interval', 'band', 'whalley-wilmott', 'zakamouline'] as const);
  if (kind === 'interval') return { kind };
  if (kind === 'band') {
    const band = str(o.band);
    if (band === undefined) throw new TradesizeError('MISSING_OPTION', '--policy band needs --band X (units of the underlying)', ['--band']);
    return { kind, band: parseNumber(band, '--band') };
  }
  const gamma = str(o.riskAversion);
  if (gamma === undefined) throw new TradesizeError('MISSING_OPTION', `--policy ${kind} needs --risk-aversion γ`, ['--risk-aversion']);
  return { kind, costRate: parseNumber(str(o.costRate) ?? '0.0005', '--cost-rate'), riskAversion: parseNumber(gamma, '--risk-aversion') };
}

function render(r: HedgeOutput): string {
  const unit = r.instrument.settlement === 'linear' ? `${r.instrument.contractSize} coin` : `${r.instrument.contractSize} USD face`;
  return renderRows([
    ['underlying', r.underlying], ['spot', r.spot],
    ['delta now (coins)', r.deltaNow], ['delta notional', r.deltaNotional], ['gamma', r.gamma],
    ...(r.coinDelta !== 0 ? ([['coin delta of inverse options (Deribit)', r.coinDelta]] as [string, number][]) : []),
    [`hedge to neutral (${r.instrument.settlement} contracts of ${unit})`, r.hedgeQuantity],
    [`band on delta, lower (${r.policy})`, r.band.lower],
    [`band on delta, upper (${r.policy})`, r.band.upper],
    ['rebalance', r.rebalance ? 'yes' : 'no'],
    ['trade now (contracts)', r.tradeQuantity],
  ]);
}

export async function runHedge(o: Opts): Promise<void> {
  const file = str(o.portfolio);
  if (file === undefined) throw new TradesizeError('MISSING_OPTION', '--portfolio FILE.json is required', ['--portfolio']);
  const underlying = str(o.underlying);
  if (underlying === undefined) throw new TradesizeError('MISSING_OPTION', '--underlying is required', ['--underlying']);
  const book = parsePortfolio(await readJson(file, '--portfolio'));
  const policy = policyOf(o);
  const markPrice = optionalNumber(str(o.markPrice), '--mark-price');
  const instrument: HedgeInstrument = {
    settlement: parseChoice(str(o.hedgeSettlement) ?? 'linear', '--hedge-settlement', ['linear', 'inverse'] as const),
    contractSize: parseNumber(str(o.contractSize) ?? '1', '--contract-size'),
    ...(markPrice === undefined ? {} : { markPrice }),
  };
  let r: HedgeRecommendation;
  try {
    r = hedgeRecommendation(book, underlying, optionalNumber(str(o.spot), '--spot'), policy, instrument);
  } catch (e) {
    throw withFlag(e, HEDGE);
  }
  const out: HedgeOutput = { ...r, instrument };
  emit(out, o.json === true, () => render(out));
}
