/**
 * Flag table of `tradesize kelly`: three modes — discrete (--p --b), continuous (--mu --sigma),
 * exact from a return file (--returns) — and the flags meaningful in each.
 *
 * @example
 * addCommand(program, KELLY, async () => (await import('../commands/kelly.js')).runKelly);
 */
import type { CommandSpec, Meaningful } from './types.js';

const DISCRETE: Meaningful = { modes: [{ with: ['p', 'b'] }], why: 'has no effect without --p/--b (discrete Kelly)' };
const CONTINUOUS: Meaningful = { modes: [{ with: ['mu', 'sigma'] }], why: 'has no effect without --mu/--sigma (continuous Kelly)' };
const EXACT: Meaningful = { modes: [{ with: ['returns'] }], why: 'has no effect without --returns (exact Kelly from a return file)' };

export const KELLY: CommandSpec = {
  name: 'kelly',
  description: 'Kelly fraction and growth rate: discrete bet (--p --b), continuous (--mu --sigma) or exact from a return file (--returns)',
  flags: [
    { flags: '--p <prob>', description: 'discrete: win probability', paths: ['p'] },
    { flags: '--b <odds>', description: 'discrete: net odds (win b per unit staked)', paths: ['b'] },
    { flags: '--a <frac>', description: 'discrete: fraction of the stake lost on a loss', default: '1', paths: ['a'], meaningful: DISCRETE },
    { flags: '--mu <rate>', description: 'continuous: annual arithmetic drift', paths: ['mu'] },
    { flags: '--sigma <vol>', description: 'continuous: annual volatility', paths: ['sigma'] },
    { flags: '--rf <rate>', description: 'continuous: risk-free rate', default: '0', paths: ['rf'], meaningful: CONTINUOUS },
    { flags: '--carry <rate>', description: 'continuous: annual carry paid by the long (funding, borrow)', default: '0', paths: ['carry'], meaningful: CONTINUOUS },
    { flags: '--returns <file>', description: 'exact: CSV of prices or returns', paths: ['returns'] },
    { flags: '--column <name>', description: 'exact: column to read (default close, or the only data column)', meaningful: EXACT },
    { flags: '--input <kind>', description: 'exact: the column holds prices, simple returns or log returns', choices: ['prices', 'returns', 'log-returns'], default: 'prices', meaningful: EXACT },
    { flags: '--dist <model>', description: 'exact: return distribution', choices: ['empirical', 'normal', 'student-t'], default: 'empirical', meaningful: EXACT },
    {
      flags: '--scenarios <n>', description: 'exact: quantile scenarios for normal/student-t', default: '10000', paths: ['scenarios'],
      meaningful: { modes: [{ with: ['returns'], when: { key: 'dist', in: ['normal', 'student-t'] } }], why: 'sets the quantile scenarios of --dist normal/student-t; the empirical distribution uses the returns themselves' },
    },
    { flags: '--bootstrap <n>', description: 'exact: resample the empirical returns n times (block bootstrap with --block)', paths: ['bootstrap.samples'], meaningful: EXACT },
    { flags: '--block <n>', description: 'exact: bootstrap block length', default: '1', paths: ['bootstrap.blockLength'], meaningful: { modes: [{ with: ['bootstrap'] }], why: 'has no effect without --bootstrap' } },
    { flags: '--seed <k>', description: 'exact: bootstrap seed', default: '1', paths: ['bootstrap.seed'], meaningful: { modes: [{ with: ['bootstrap'] }], why: 'has no effect without --bootstrap' } },
    { flags: '--multiplier <c>', description: 'fractional Kelly: bet c × full Kelly' },
    { flags: '--drawdown-level <x>', description: 'fractional Kelly: wealth level x (0.5 = halving) ...', paths: ['level'] },
    { flags: '--drawdown-prob <eps>', description: '... to be touched with probability at most eps', paths: ['probability'] },
    { flags: '--trials <n>', description: 'shrink for estimation error: trials behind --p (Baker & McHale 2013)', meaningful: DISCRETE },
    { flags: '--years <t>', description: 'shrink for estimation error: years of data behind --mu (Baker & McHale 2013)', meaningful: CONTINUOUS },
    { flags: '--shrink', description: 'exact: shrink for estimation error using the sample size', meaningful: EXACT },
    { flags: '--json', description: 'print one JSON object' },
  ],
  examples: [
    'tradesize kelly --p 0.6 --b 1',
    'tradesize kelly --p 0.55 --b 1 --trials 200 --json',
    'tradesize kelly --mu 0.6 --sigma 0.7 --carry 0.1 --drawdown-level 0.5 --drawdown-prob 0.05',
  ],
};
