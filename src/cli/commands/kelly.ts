/**
 * `tradesize kelly`: the Kelly fraction and growth rate of a discrete bet, a continuous
 * (GBM) asset, or a return history, optionally scaled down on purpose (fractional Kelly).
 */
import { TradesizeError } from '../../core/errors.js';
import { optionalNumber, parseChoice, parseInteger, parseNumber } from '../options.js';
import { emit, renderRows, type Row } from '../output.js';
import { discreteGrowth, kellyDiscrete } from '../../kelly/discrete.js';
import { continuousGrowth, kellyContinuous } from '../../kelly/continuous.js';
import { drawdownLimitedMultiplier, shrinkageMultiplier } from '../../kelly/fractional.js';
import { kellyExact, sampleGrowth } from '../../kelly/exact.js';
import { returnScenarios } from '../../kelly/distribution.js';
import { returnsFromSeries, SERIES_INPUTS } from '../../market/returns.js';
import { readSeries } from '../data.js';
import { str, type Opts } from '../flags/types.js';
import { withFlag } from '../flags/paths.js';
import { KELLY } from '../flags/kelly.js';


/** The multipliers that were asked for; the smallest one is applied. */
interface Multipliers {
  given?: number;
  drawdown?: number;
  shrinkage?: number;
}

interface KellyOutput {
  mode: 'discrete' | 'continuous' | 'returns';
  /** Fraction after the multiplier: what to bet. */
  fraction: number;
  /** Growth rate at `fraction` (per bet, per year, or per period of the data). */
  growthRate: number;
  fullKelly: { fraction: number; growthRate: number };
  multiplier: number;
  multipliers: Multipliers;
  details: Record<string, unknown>;
}

function applyMultiplier(m: Multipliers): number {
  return Math.min(1, m.given ?? 1, m.drawdown ?? 1, m.shrinkage ?? 1);
}

function baseMultipliers(o: Opts): Multipliers {
  const m: Multipliers = {};
  const given = optionalNumber(str(o.multiplier), '--multiplier');
  if (given !== undefined) {
    if (!(given > 0 && given <= 1)) throw new TradesizeError('INVALID_INPUT', '--multiplier must be in (0, 1]', ['--multiplier']);
    m.given = given;
  }
  const level = optionalNumber(str(o.drawdownLevel), '--drawdown-level');
  const prob = optionalNumber(str(o.drawdownProb), '--drawdown-prob');
  if ((level === undefined) !== (prob === undefined)) {
    throw new TradesizeError('MISSING_OPTION', '--drawdown-level and --drawdown-prob go together', [level === undefined ? '--drawdown-level' : '--drawdown-prob']);
  }
  if (level !== undefined && prob !== undefined) m.drawdown = drawdownLimitedMultiplier({ level, probability: prob });
  return m;
}

function modeOf(o: Opts): 'discrete' | 'continuous' | 'returns' {
  const discrete = o.p !== undefined || o.b !== undefined;
  const continuous = o.mu !== undefined || o.sigma !== undefined;
  const returns = o.returns !== undefined;
  if (Number(discrete) + Number(continuous) + Number(returns) !== 1) {
    throw new TradesizeError(
      discrete || continuous || returns ? 'CONFLICTING_OPTIONS' : 'MISSING_OPTION',
      'give exactly one of: --p and --b (discrete bet), --mu and --sigma (continuous), --returns FILE (exact)',
      [],
    );
  }
  return discrete ? 'discrete' : continuous ? 'continuous' : 'returns';
}

/** The shrinkage multiplier; the library checks the sample size `n`, reported at `flag` (--trials or --years). */
function shrinkage(input: Parameters<typeof shrinkageMultiplier>[0], flag: string): number {
  try {
    return shrinkageMultiplier(input).multiplier;
  } catch (e) {
    if (!(e instanceof TradesizeError) || e.path[0] !== 'n') throw e;
    const issues = (e.details?.issues as { path: readonly unknown[] }[] | undefined)?.map((i) => ({ ...i, path: i.path[0] === 'n' ? [flag] : i.path }));
    throw new TradesizeError(e.code, `${flag}: ${String(e.details?.reason ?? e.message)}`, [flag], { ...e.details, ...(issues === undefined ? {} : { issues }) });
  }
}

function need(o: Opts, key: string, flag: string): number {
  const v = str(o[key]);
  if (v === undefined) throw new TradesizeError('MISSING_OPTION', `${flag} is required in this mode`, [flag]);
  return parseNumber(v, flag);
}

function discrete(o: Opts, m: Multipliers): KellyOutput {
  const p = need(o, 'p', '--p');
  const b = need(o, 'b', '--b');
  const a = parseNumber(str(o.a) ?? '1', '--a');
  const full = kellyDiscrete({ p, b, a });
  const trials = optionalNumber(str(o.trials), '--trials');
  if (trials !== undefined) m.shrinkage = shrinkage({ model: 'discrete', p, b, a, n: trials }, '--trials');
  const c = applyMultiplier(m);
  const fraction = c * full.fraction;
  const g = discreteGrowth(fraction, p, b, a);
  return {
    mode: 'discrete', fraction, growthRate: g === 0 ? 0 : g, multiplier: c, multipliers: m,
    fullKelly: { fraction: full.fraction, growthRate: full.growthRate },
    details: { p, b, a, edge: full.edge, unconstrained: full.unconstrained },
  };
}

function continuous(o: Opts, m: Multipliers): KellyOutput {
  const mu = need(o, 'mu', '--mu');
  const sigma = need(o, 'sigma', '--sigma');
  const rf = parseNumber(str(o.rf) ?? '0', '--rf');
  const carry = parseNumber(str(o.carry) ?? '0', '--carry');
  const full = kellyContinuous({ mu, sigma, rf, carry });
  const years = optionalNumber(str(o.years), '--years');
  // Annual μ and σ estimated from `years` of data: the sample length in years.
  if (years !== undefined) m.shrinkage = shrinkage({ model: 'gaussian', mean: mu - rf - carry, sd: sigma, n: years }, '--years');
  const c = applyMultiplier(m);
  const fraction = c * full.fraction;
  return {
    mode: 'continuous', fraction, growthRate: continuousGrowth(fraction, mu, sigma, rf, carry), multiplier: c, multipliers: m,
    fullKelly: { fraction: full.fraction, growthRate: full.growthRate },
    details: { mu, sigma, rf, carry, sharpe: full.sharpe, growthVolatility: Math.abs(fraction) * sigma },
  };
}

async function fromReturns(o: Opts, m: Multipliers): Promise<KellyOutput> {
  const file = str(o.returns) as string;
  const input = parseChoice(str(o.input) ?? 'prices', '--input', SERIES_INPUTS);
  const dist = parseChoice(str(o.dist) ?? 'empirical', '--dist', ['empirical', 'normal', 'student-t'] as const);
  const series = await readSeries(file, '--returns', str(o.column));
  // Kelly compounds simple returns (wealth × (1 + f·R)): a given simple return must be > −1; log returns become e^r − 1.
  const returns = returnsFromSeries(series.values, input, 'simple', { compounded: true });
  const bootstrap = str(o.bootstrap);
  if (bootstrap !== undefined && dist !== 'empirical') {
    throw new TradesizeError('CONFLICTING_OPTIONS', '--bootstrap resamples the empirical returns; use it with --dist empirical', ['--bootstrap']);
  }
  const model = returnScenarios({
    returns,
    dist,
    scenarios: parseInteger(str(o.scenarios) ?? '10000', '--scenarios'),
    ...(bootstrap === undefined
      ? {}
      : { bootstrap: { samples: parseInteger(bootstrap, '--bootstrap'), seed: parseNumber(str(o.seed) ?? '1', '--seed'), blockLength: parseInteger(str(o.block) ?? '1', '--block') } }),
  });
  const full = kellyExact({ returns: model.scenarios });
  if (o.shrink === true) {
    let mean = 0;
    for (const r of returns) mean += r;
    mean /= returns.length;
    let ss = 0;
    for (const r of returns) ss += (r - mean) ** 2;
    const sd = Math.sqrt(ss / (returns.length - 1));
    m.shrinkage = shrinkageMultiplier({ model: 'gaussian', mean, sd, n: returns.length }).multiplier;
  }
  const c = applyMultiplier(m);
  const fraction = c * full.fraction;
  return {
    mode: 'returns', fraction, growthRate: c === 1 ? full.growthRate : sampleGrowth(fraction, model.scenarios), multiplier: c, multipliers: m,
    fullKelly: { fraction: full.fraction, growthRate: full.growthRate },
    details: {
      file, column: series.column, input, dist, observations: returns.length, scenarioCount: model.scenarioCount,
      solventRange: full.solventRange, model: model.model ?? null, curve: full.curve,
    },
  };
}

function render(r: KellyOutput): string {
  const rows: Row[] = [
    ['mode', r.mode],
    ['fraction', r.fraction],
    ['growth rate', r.growthRate],
    ['full Kelly fraction', r.fullKelly.fraction],
    ['full Kelly growth', r.fullKelly.growthRate],
    ['multiplier', r.multiplier],
    ...Object.entries(r.multipliers).map(([k, v]): Row => [`  from ${k}`, v]),
  ];
  for (const [k, v] of Object.entries(r.details)) if (k !== 'curve' && (typeof v !== 'object' || v === null)) rows.push([k, v]);
  return renderRows(rows);
}

export async function runKelly(o: Opts): Promise<void> {
  const mode = modeOf(o);
  let out: KellyOutput;
  try {
    const m = baseMultipliers(o);
    out = mode === 'discrete' ? discrete(o, m) : mode === 'continuous' ? continuous(o, m) : await fromReturns(o, m);
  } catch (e) {
    throw withFlag(e, KELLY);
  }
  emit(out, o.json === true, () => render(out));
}
