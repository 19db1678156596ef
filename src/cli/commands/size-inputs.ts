/**
 * The optional inputs of `tradesize size` beyond the request itself, each flag group turned into
 * what the library takes: the venue (liquidation constraint options), the volatility (given or
 * estimated from a file), the regime multiplier, the hit-probability constraint and the stress
 * constraint. Heavy modules are imported only when their flags are used.
 */
import { TradesizeError } from '../../core/errors.js';
import { exclusive, onlyWith, optionalNumber, parseChoice, parseNumber } from '../options.js';
import type { SizeRequestInput } from '../../sizing/request.js';
import type { SizingConstraint } from '../../sizing/constraints/types.js';
import type { LiquidationConstraintOptions } from '../../sizing/constraints/liquidation.js';
import type { VolatilityEstimate } from '../../volatility/estimate.js';
import { str, type Opts } from '../flags/types.js';

type Num = (key: string, flag: string) => number | undefined;

/** Flags that only mean something with --venue. */
const VENUE_ONLY: Record<string, string> = { symbol: '--symbol', liqBuffer: '--liq-buffer', marginMode: '--margin-mode', leverage: '--leverage' };

/** Flags that only mean something with --max-hit-prob. */
const HIT_FLAGS = { hitBarrier: '--hit-barrier', target: '--target', horizon: '--horizon', mu: '--mu' } as const;

/** --vol-method choices: estimators of one price column, or an implied-vol index column. */
const VOL_FILE_METHODS = ['ewma', 'close', 'garch', 'garch-t', 'implied'] as const;

/** Rounds a product of decimal steps back to a short decimal (0.001 × 0.01 → 0.00001). */
const decimal = (x: number): number => Number(x.toPrecision(12));

type Contract = NonNullable<SizeRequestInput['contract']>;
type VenueRules = NonNullable<SizeRequestInput['venue']>;

/** What --venue adds to the request: the instrument's contract terms and lot rules, and the liquidation constraint. */
export interface VenueChoice {
  readonly contract: Contract;
  /** The given --lot/--min-qty/... with the instrument's lot step and minimum quantity where not given. */
  readonly rules: VenueRules;
  /** --leverage: also the default --max-leverage. */
  readonly leverage: number | undefined;
  readonly liquidation: LiquidationConstraintOptions;
}

/**
 * With --venue: the instrument's contract terms and lot rules for the request (`rules` are the
 * ones given, never changed), and the liquidation constraint built for it. The instrument decides
 * linear or inverse (and so the currency of --equity); --inverse must agree: given for an inverse
 * contract, absent for a linear one.
 */
export async function venueConstraint(o: Opts, rules: VenueRules): Promise<VenueChoice | null> {
  if (str(o.venue) === undefined) {
    onlyWith(o, VENUE_ONLY, '--venue');
    return null;
  }
  if (str(o.symbol) === undefined) throw new TradesizeError('MISSING_OPTION', '--venue needs --symbol (a bundled instrument)', ['--symbol']);
  const { resolveVenue } = await import('../venue-input.js');
  const chosen = await resolveVenue({ venue: o.venue, symbol: o.symbol, contractSize: o.contractSize });
  const { model } = chosen;
  let { instrument } = chosen;
  const linear = instrument.kind === 'linear';
  if (o.inverse === true && linear) {
    throw new TradesizeError('CONFLICTING_OPTIONS', `--inverse: ${instrument.venue} ${instrument.symbol} is a linear contract`, ['--inverse']);
  }
  if (o.inverse !== true && !linear) {
    // Without --inverse the flags describe a linear contract (equity in the quote currency): refused, not re-read as coin.
    throw new TradesizeError(
      'CONFLICTING_OPTIONS',
      `${instrument.venue} ${instrument.symbol} is an inverse (coin-margined) contract: --equity, --risk-amount and margins are in the coin; add --inverse`,
      ['--inverse'],
    );
  }
  const contract: Contract = linear ? { kind: 'linear', size: 1 } : { kind: 'inverse', size: instrument.contractSize };
  // Request units per instrument contract: base units (linear) or contracts (inverse).
  const perContract = linear ? instrument.contractSize : 1;
  if (!(instrument.lotStep > 0)) {
    if (rules.lotStep === undefined) throw new TradesizeError('MISSING_OPTION', `${instrument.venue} ${instrument.symbol} states no lot step: give --lot`, ['--lot']);
    instrument = { ...instrument, lotStep: rules.lotStep / perContract };
  }
  const minQty = rules.minQty ?? (instrument.minQty === undefined ? undefined : decimal(instrument.minQty * perContract));
  const leverage = optionalNumber(str(o.leverage), '--leverage');
  return {
    contract,
    rules: { ...rules, lotStep: rules.lotStep ?? decimal(instrument.lotStep * perContract), ...(minQty === undefined ? {} : { minQty }) },
    leverage,
    liquidation: {
      model,
      instrument,
      marginMode: str(o.marginMode) === 'cross' ? 'cross' : 'isolated',
      buffer: optionalNumber(str(o.liqBuffer), '--liq-buffer'),
      leverage,
    },
  };
}

/** --vol or --vol-data: the instrument's annualised σ, with how it was obtained. */
export async function volatility(o: Opts, num: Num): Promise<{ sigma: number; estimate?: VolatilityEstimate } | undefined> {
  const sigma = num('vol', '--vol');
  if (sigma !== undefined) return { sigma };
  const file = str(o.volData);
  if (file === undefined) return undefined;
  const { volatilityFromFile } = await import('../data.js');
  const estimate = await volatilityFromFile(file, {
    column: str(o.column),
    method: parseChoice(str(o.volMethod) ?? 'ewma', '--vol-method', VOL_FILE_METHODS),
    lambda: parseNumber(str(o.lambda) ?? '0.94', '--lambda'),
    periodsPerYear: num('periodsPerYear', '--periods-per-year'),
    horizon: num('volHorizon', '--vol-horizon'),
  });
  return { sigma: estimate.sigma, estimate };
}

/** "garch-t forecast over 30 periods (btc.csv)" for the vol-target explanation. */
export function volSource(e: VolatilityEstimate, file: string): string {
  const what = e.method === 'implied' ? `implied-vol index ${e.implied?.asOf ?? 'latest'}` : e.horizon === undefined ? `${e.method} estimate` : `${e.method} forecast over ${e.horizon} periods`;
  return `${what}, ${file}`;
}

/**
 * --portfolio FILE: the stress constraint — the new position added to the book must keep it above
 * maintenance in every grid scenario. One contract of the request is a perpetual on
 * --stress-underlying (settled like the request: linear, or inverse in quote units), or the legs of
 * --stress-legs FILE (a JSON array of portfolio positions, docs/PORTFOLIO.md, for one contract).
 */
export async function stressOf(o: Opts, contract: Contract): Promise<SizingConstraint | null> {
  const file = str(o.portfolio);
  if (file === undefined) {
    onlyWith(o, { stressUnderlying: '--stress-underlying', stressLegs: '--stress-legs' }, '--portfolio');
    return null;
  }
  exclusive(o, { stressUnderlying: '--stress-underlying', stressLegs: '--stress-legs' });
  const { readJson } = await import('../data.js');
  const portfolio = await readJson(file, '--portfolio');
  const underlying = str(o.stressUnderlying);
  const legsFile = str(o.stressLegs);
  let legs: unknown;
  if (legsFile !== undefined) legs = await readJson(legsFile, '--stress-legs');
  else if (underlying !== undefined) {
    legs = [{ kind: 'perpetual', underlying, quantity: 1, contractSize: contract.size ?? 1, settlement: contract.kind ?? 'linear' }];
  } else throw new TradesizeError('MISSING_OPTION', '--portfolio needs the new position: --stress-underlying U or --stress-legs FILE', ['--stress-underlying']);
  if (!Array.isArray(legs)) throw new TradesizeError('PARSE_ERROR', '--stress-legs: expected a JSON array of positions', ['--stress-legs']);
  const { stressConstraint } = await import('../../sizing/constraints/stress.js');
  try {
    return stressConstraint({ portfolio, legs: legs as Parameters<typeof stressConstraint>[0]['legs'] });
  } catch (e) {
    if (!(e instanceof TradesizeError)) throw e;
    const flag = e.path[0] === 'legs' ? (legsFile === undefined ? '--stress-underlying' : '--stress-legs') : '--portfolio';
    throw new TradesizeError(e.code, `${flag}: ${e.message}`, [flag, ...e.path.slice(flag === '--stress-underlying' ? e.path.length : 1)], e.details as Record<string, unknown> | undefined);
  }
}

/**
 * The regime multiplier: given (--regime-multiplier, --regime-name), or from a price file
 * (--regime-data: a Gaussian HMM with --regime-states states, or the EWMA-percentile classifier
 * with --regime-method vol; `regimeMultiplier` with its default table).
 */
export async function regimeOf(o: Opts, num: Num): Promise<NonNullable<SizeRequestInput['regime']> | undefined> {
  exclusive(o, { regimeMultiplier: '--regime-multiplier', regimeData: '--regime-data' });
  const multiplier = num('regimeMultiplier', '--regime-multiplier');
  const file = str(o.regimeData);
  if (file === undefined) {
    onlyWith(o, { regimeMethod: '--regime-method', regimeStates: '--regime-states' }, '--regime-data');
    if (multiplier === undefined) {
      onlyWith(o, { regimeName: '--regime-name' }, '--regime-multiplier');
      return undefined;
    }
    return { multiplier, name: str(o.regimeName) ?? 'given' };
  }
  if (o.regimeName !== undefined) throw new TradesizeError('CONFLICTING_OPTIONS', '--regime-name labels --regime-multiplier; --regime-data names its regime itself', ['--regime-name']);
  const method = parseChoice(str(o.regimeMethod) ?? 'hmm', '--regime-method', ['hmm', 'vol'] as const);
  if (method === 'vol' && o.regimeStates !== undefined) throw new TradesizeError('CONFLICTING_OPTIONS', '--regime-states applies to --regime-method hmm', ['--regime-states']);
  const { readSeries } = await import('../data.js');
  const series = await readSeries(file, '--regime-data', str(o.column));
  const { regimeMultiplier } = await import('../../regime/multiplier.js');
  const input = { values: series.values, input: 'prices' as const, ...(series.timestamps === null ? {} : { timestamps: series.timestamps }) };
  try {
    const report =
      method === 'hmm'
        ? (await import('../../regime/report.js')).hmmRegimes({ ...input, states: parseChoice(str(o.regimeStates) ?? '2', '--regime-states', ['2', '3'] as const) === '3' ? 3 : 2 })
        : (await import('../../regime/vol-regime.js')).volRegime(input);
    const m = regimeMultiplier(report);
    return { multiplier: m.multiplier, name: m.regime, explanation: `${m.explanation} (${file})` };
  } catch (e) {
    if (e instanceof TradesizeError && (e.path[0] === 'values' || e.path[0] === 'timestamps')) throw new TradesizeError(e.code, `--regime-data: ${e.message}`, ['--regime-data']);
    throw e;
  }
}

/** --max-hit-prob: the hit-probability constraint on the stop or the venue's liquidation price. */
export async function hitConstraint(o: Opts, sigma: number | undefined, venue: LiquidationConstraintOptions | null): Promise<SizingConstraint | null> {
  const max = optionalNumber(str(o.maxHitProb), '--max-hit-prob');
  if (max === undefined) {
    onlyWith(o, HIT_FLAGS, '--max-hit-prob');
    return null;
  }
  if (sigma === undefined) throw new TradesizeError('MISSING_OPTION', '--max-hit-prob needs the volatility: --vol or --vol-data', ['--vol']);
  const barrier = parseChoice(str(o.hitBarrier) ?? (venue === null ? 'stop' : 'liquidation'), '--hit-barrier', ['stop', 'liquidation'] as const);
  if (barrier === 'liquidation' && venue === null) throw new TradesizeError('MISSING_OPTION', '--hit-barrier liquidation needs --venue and --symbol', ['--venue']);
  const { hitProbabilityConstraint } = await import('../../sizing/constraints/hit-probability.js');
  const target = optionalNumber(str(o.target), '--target');
  const horizon = optionalNumber(str(o.horizon), '--horizon');
  return hitProbabilityConstraint(
    {
      maxProbability: max,
      barrier,
      mu: parseNumber(str(o.mu) ?? '0', '--mu'),
      sigma,
      ...(target === undefined ? {} : { target }),
      ...(horizon === undefined ? {} : { horizon }),
    },
    venue ?? undefined,
  );
}
