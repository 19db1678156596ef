/**
 * `tradesize funding-plan`: reads the funding files (the venue of each from its name, see
 * `funding/venue-files.ts`), estimates each venue's expected rate, and prints the plan
 * (`planFunding`) or, with --backtest, the walk-forward backtest over the files and --data, each
 * leg held through the backtester's bar loop (`backtestFundingPlan`).
 */
import { TradesizeError } from '../../core/errors.js';
import { fmt, pct } from '../../core/format.js';
import { requireIncreasingTimestamps } from '../../market/timestamps.js';
import { estimateFunding, type FundingMethod } from '../../funding/estimate.js';
import { fundingSeries, MS_PER_HOUR, sliceFunding, type FundingSeries } from '../../funding/series.js';
import { planFunding, type FundingPlan, type PlanVenue } from '../../funding/plan.js';
import { backtestFundingPlan, type FundingBacktest } from '../../backtest/funding-plan.js';
import { fundingFileVenue, venueRules } from '../../funding/venue-files.js';
import { carryDispersion, type CarryDispersion } from '../../funding/dispersion.js';
import { estimateVolatility } from '../../volatility/estimate.js';
import { symbolParts } from '../../venues/registry.js';
import { optionalNumber, parseNumber } from '../options.js';
import { emit, renderRows, renderTable } from '../output.js';
import { readOhlc, readSeries } from '../data.js';
import { list, str, type Opts } from '../flags/types.js';
import { withFlag } from '../flags/paths.js';
import { FUNDING_PLAN } from '../flags/funding-plan.js';

/** Default taker fee when neither a flag nor the instrument snapshot gives one. */
const DEFAULT_TAKER_FEE = 0.0005;

/** The taker fee of each venue: `--taker-fee venue=rate`, then `--taker-fee rate`, then the snapshot's, then the default. */
function feeOf(o: Opts): (venue: string, snapshot: number | undefined) => number {
  const byVenue = new Map<string, number>();
  let all: number | undefined;
  for (const arg of list(o.takerFee)) {
    const eq = arg.indexOf('=');
    if (eq > 0) byVenue.set(arg.slice(0, eq).toLowerCase(), parseNumber(arg.slice(eq + 1), '--taker-fee'));
    else all = parseNumber(arg, '--taker-fee');
  }
  return (venue, snapshot) => {
    const fee = byVenue.get(venue) ?? all ?? snapshot ?? DEFAULT_TAKER_FEE;
    if (!(fee >= 0 && fee < 0.1)) throw new TradesizeError('INVALID_INPUT', `--taker-fee: ${venue}'s fee must be in [0, 0.1), got ${fee}`, ['--taker-fee']);
    return fee;
  };
}

interface Loaded extends Omit<PlanVenue, 'funding'> {
  readonly series: FundingSeries;
  readonly file: string;
  readonly model: string;
}

async function loadVenues(o: Opts): Promise<Loaded[]> {
  const args = list(o.funding);
  if (args.length < 2) throw new TradesizeError('MISSING_OPTION', `--funding: give at least two funding files (got ${args.length})`, ['--funding']);
  const bases = new Set(args.map((a) => fundingFileVenue(a).market).filter((m): m is string => m !== undefined).map((m) => symbolParts(m).base));
  if (bases.size > 1) throw new TradesizeError('INVALID_INPUT', `--funding: the files are for different coins (${[...bases].join(', ')}); both legs must be on one underlying`, ['--funding']);
  const fee = feeOf(o);
  const flat = { maintenanceRate: parseNumber(str(o.mmr) ?? '0.005', '--mmr'), maxLeverage: parseNumber(str(o.flatMaxLeverage) ?? '20', '--flat-max-leverage') };
  if (!(flat.maintenanceRate >= 0 && flat.maintenanceRate < 1)) throw new TradesizeError('INVALID_INPUT', '--mmr must be in [0, 1)', ['--mmr']);
  if (!(flat.maxLeverage > 0)) throw new TradesizeError('INVALID_INPUT', '--flat-max-leverage must be > 0', ['--flat-max-leverage']);
  const out: Loaded[] = [];
  for (const arg of args) {
    const f = fundingFileVenue(arg);
    if (out.some((v) => v.name === f.venue)) throw new TradesizeError('INVALID_INPUT', `--funding: venue "${f.venue}" is given twice; name one with venue=FILE`, ['--funding']);
    const csv = await readSeries(f.file, '--funding', 'rate');
    if (csv.timestamps === null) throw new TradesizeError('INVALID_INPUT', `--funding: "${f.file}" has no timestamp column`, ['--funding']);
    const series = fundingSeries(requireIncreasingTimestamps(csv.timestamps, ['--funding']), csv.values);
    const r = venueRules(f.venue, f.market, flat);
    const snapshotFee = r.rules.kind === 'model' ? r.rules.instrument.takerFee : undefined;
    const hours = [...series.hours].sort((a, b) => a - b);
    out.push({
      name: f.venue, file: f.file, series, model: r.label, rules: r.rules, takerFee: fee(f.venue, snapshotFee),
      intervalHours: hours[hours.length >> 1] as number, ...(r.lotStep === undefined ? {} : { lotStep: r.lotStep }),
    });
  }
  return out;
}

function estimateOptions(o: Opts): { method: FundingMethod; halfLifeDays: number } {
  return { method: str(o.method) === 'ewma' ? 'ewma' : 'mean', halfLifeDays: parseNumber(str(o.halfLife) ?? '7', '--half-life') };
}

/** The plan, each venue's estimate, and the carry of past holding periods of the chosen pair (amounts on the plan's notional; null without a shared holding period). */
type PlanReport = FundingPlan & { venues: object[]; carryHistory: (CarryDispersion & { horizonDays: number }) | null };

async function runPlan(o: Opts, venues: Loaded[]): Promise<PlanReport> {
  let price = optionalNumber(str(o.price), '--price');
  let sigma = optionalNumber(str(o.vol), '--vol');
  const data = str(o.data);
  if (data !== undefined && (price === undefined || sigma === undefined)) {
    const bars = await readOhlc(data, '--data');
    price ??= bars.close[bars.close.length - 1] as number;
    sigma ??= estimateVolatility({ values: bars.close, input: 'prices', method: 'ewma', ...(bars.timestamps === null ? {} : { timestamps: bars.timestamps }) }).sigma;
  }
  if (price === undefined) throw new TradesizeError('MISSING_OPTION', 'give the entry price: --price, or --data (its last close)', ['--price']);
  if (sigma === undefined) throw new TradesizeError('MISSING_OPTION', 'give the volatility: --vol, or --data (EWMA of its closes)', ['--vol']);
  const window = optionalNumber(str(o.window), '--window');
  const est = estimateOptions(o);
  const planVenues: PlanVenue[] = venues.map(({ series, file: _file, model: _model, ...v }) => {
    const last = series.times[series.times.length - 1] as number;
    const s = window === undefined ? series : sliceFunding(series, last - window * 24 * MS_PER_HOUR + 1, last + 1);
    if (s.rates.length < 2) throw new TradesizeError('INSUFFICIENT_DATA', `--window: the last ${window} days of ${v.name}'s file hold ${s.rates.length} settlement(s); an estimate needs at least 2`, ['--window']);
    return { ...v, funding: estimateFunding(s, est) };
  });
  const plan = planFunding({
    venues: planVenues, price, sigma, equity: parseNumber(str(o.equity) ?? '10000', '--equity'),
    horizonDays: parseNumber(str(o.horizon) ?? '30', '--horizon'), k: parseNumber(str(o.k) ?? '3', '--k'),
  });
  const seriesOf = (name: string) => (venues.find((v) => v.name === name) as Loaded).series;
  const history = carryDispersion(seriesOf(plan.legs[0].venue), seriesOf(plan.legs[1].venue), plan.expectedCarry.horizonDays);
  const n = plan.legs[0].notional;
  return {
    ...plan,
    carryHistory: history === null ? null : { windows: history.windows, mean: history.mean * n, sd: history.sd * n, worst: history.worst * n, horizonDays: plan.expectedCarry.horizonDays },
    venues: planVenues.map((v, i) => ({ venue: v.name, file: venues[i]?.file, model: venues[i]?.model, funding: v.funding, takerFee: v.takerFee })),
  };
}

async function runBacktest(o: Opts, venues: Loaded[]): Promise<FundingBacktest> {
  const data = str(o.data);
  if (data === undefined) throw new TradesizeError('MISSING_OPTION', '--backtest needs --data (the OHLCV price path)', ['--data']);
  const bars = await readOhlc(data, '--data');
  if (bars.timestamps === null) throw new TradesizeError('INVALID_INPUT', `--data: "${data}" has no timestamp column`, ['--data']);
  const sigma = optionalNumber(str(o.vol), '--vol');
  return backtestFundingPlan({
    venues: venues.map(({ file: _file, model: _model, ...v }) => v),
    bars: { times: requireIncreasingTimestamps(bars.timestamps, ['--data']), open: bars.open, close: bars.close, high: bars.high, low: bars.low },
    equity: parseNumber(str(o.equity) ?? '10000', '--equity'),
    windowDays: parseNumber(str(o.window) ?? '30', '--window'),
    horizonDays: parseNumber(str(o.horizon) ?? '30', '--horizon'),
    k: parseNumber(str(o.k) ?? '3', '--k'),
    ...(sigma === undefined ? {} : { sigma }),
    ...estimateOptions(o),
  });
}

function renderPlan(p: PlanReport): string {
  const legs = renderTable(
    ['venue', 'side', 'quantity', 'margin', 'funding/yr', 'liquidation', 'distance', 'at horizon'],
    p.legs.map((l) => [l.venue, l.side, l.quantity, l.margin, pct(l.fundingRate), l.liquidationPrice ?? 'none', pct(l.liquidationDistance), l.liquidationAtHorizon ?? 'none']),
  );
  const c = p.expectedCarry;
  return `${legs}\n\n${renderRows([
    ['expected carry', `${fmt(c.amount)} ± ${fmt(c.stdError)} over ${fmt(c.horizonDays)} days (${pct(c.ratePerYear)} a year on ${fmt(p.legs[0].notional)})`],
    ['past holds', p.carryHistory === null
      ? 'the two files share no holding period'
      : `mean ${fmt(p.carryHistory.mean)}, sd ${fmt(p.carryHistory.sd)}, worst ${fmt(p.carryHistory.worst)} over ${p.carryHistory.windows} past ${fmt(p.carryHistory.horizonDays)}-day holds`],
    ['costs', `${fmt(p.costs.total)} (entry ${fmt(p.costs.entry)}, exit ${fmt(p.costs.exit)})`],
    ['net carry', p.netCarry],
    ['survives', `${fmt(p.survives.down)} to ${fmt(p.survives.up)} (${fmt(p.k)} sigma, sigma ${pct(p.sigma)})`],
    ['spare equity', p.spareEquity],
  ])}`;
}

function renderBacktest(b: FundingBacktest, steps: boolean): string {
  const s = b.summary;
  const head = renderRows([
    ['steps', s.steps],
    ['carry earned', s.carry],
    ['expected carry', s.expectedCarry],
    ['costs', s.costs],
    ['funding paid', `long ${fmt(s.funding.long)}, short ${fmt(s.funding.short)}`],
    ['net', s.net],
    ['pnl', s.pnl],
    ['worst liquidation distance', pct(s.worstLiquidationDistance)],
    ['liquidations', s.liquidations],
  ]);
  if (!steps) return head;
  const table = renderTable(
    ['from', 'long', 'short', 'quantity', 'carry', 'costs', 'net', 'pnl', 'liquidations', 'worst distance'],
    b.steps.map((x) => [x.from.slice(0, 10), x.long, x.short, x.quantity, x.carry, x.costs, x.net, x.pnl, x.liquidations, pct(x.worstLiquidationDistance)]),
  );
  return `${head}\n\n${table}`;
}

export async function runFundingPlan(o: Opts): Promise<void> {
  const json = o.json === true;
  try {
    const venues = await loadVenues(o);
    if (o.backtest === true) {
      const b = await runBacktest(o, venues);
      const out = o.steps === true || json ? b : { summary: b.summary };
      emit(out, json, () => renderBacktest(b, o.steps === true));
    } else {
      const p = await runPlan(o, venues);
      emit(p, json, () => renderPlan(p));
    }
  } catch (e) {
    throw withFlag(e, FUNDING_PLAN, true);
  }
}
