/**
 * Flag table of `tradesize regime`: the HMM flags apply to --method hmm (the default), the EWMA
 * percentile flags to --method vol.
 *
 * @example
 * addCommand(program, REGIME, async () => (await import('../commands/regime.js')).runRegime);
 */
import type { CommandSpec, Meaningful } from './types.js';

const HMM: Meaningful = { modes: [{ when: { key: 'method', in: ['hmm', undefined] } }], why: 'does not apply to --method vol' };
const VOL: Meaningful = { modes: [{ when: { key: 'method', in: ['vol'] } }], why: 'does not apply to --method hmm' };

export const REGIME: CommandSpec = {
  name: 'regime',
  description: 'Volatility regimes of a CSV series: Gaussian HMM (states, transition matrix, current state) or the EWMA vol percentile, and the sizing multiplier they imply',
  flags: [
    { flags: '--data <file>', description: 'CSV file (timestamp,open,high,low,close,volume, or one price/return column)', required: true, paths: ['values', 'timestamps'] },
    { flags: '--column <name>', description: 'column to read (default close, or the only data column)' },
    { flags: '--input <kind>', description: 'the column holds prices, simple returns or log returns (default prices)', choices: ['prices', 'returns', 'log-returns'] },
    { flags: '--method <m>', description: 'hmm (default) or vol', choices: ['hmm', 'vol'] },
    { flags: '--states <k>', description: 'hmm: number of states, 2 (default) or 3', choices: ['2', '3'], paths: ['states'], meaningful: HMM },
    { flags: '--starts <n>', description: 'hmm: EM starts (the deterministic one plus n-1 seeded random ones; default 1)', paths: ['starts'], meaningful: HMM },
    { flags: '--seed <k>', description: 'hmm: seed of the random starts (default 1)', paths: ['seed'], meaningful: HMM },
    { flags: '--weighting <w>', description: 'hmm: multiplier weighted by the filtered probabilities (probability, default) or of the current state (current)', choices: ['probability', 'current'], meaningful: HMM },
    { flags: '--multipliers <table>', description: 'multiplier per regime, each in (0, 1]: hmm "1,0.6[,0.3]" (calm first); vol "low=1,normal=0.75,high=0.5"', paths: ['table'] },
    { flags: '--lambda <l>', description: 'vol: EWMA decay (default 0.94)', paths: ['lambda'], meaningful: VOL },
    { flags: '--window <n>', description: 'vol: trailing forecasts the current vol is ranked in (default 365)', paths: ['window'], meaningful: VOL },
    { flags: '--periods-per-year <n>', description: 'bars per year (default: inferred from timestamps, else 365)', paths: ['periodsPerYear'] },
    { flags: '--json', description: 'print one JSON object' },
  ],
  examples: [
    'tradesize regime --data examples/gbm-1d.csv',
    'tradesize regime --data examples/gbm-1d.csv --method vol --window 200 --json',
  ],
};
