/**
 * Flag table of `tradesize first-passage`. The simulation and model flags are refused outside
 * their model by the command (they depend on --model and --paths together); --column here.
 *
 * @example
 * addCommand(program, FIRST_PASSAGE, async () => (await import('../commands/first-passage.js')).runFirstPassage);
 */
import type { CommandSpec } from './types.js';

export const FIRST_PASSAGE: CommandSpec = {
  name: 'first-passage',
  description: 'P(stop first), P(target first), P(neither) within a horizon: GBM closed form, or Monte Carlo (gbm, student-t, garch-t) with standard errors',
  flags: [
    { flags: '--price <p>', description: 'current price', required: true, paths: ['price'] },
    { flags: '--lower <l>', description: 'lower barrier (stop), below the price; may be omitted for a target alone', paths: ['lower'] },
    { flags: '--upper <u>', description: 'upper barrier (target), above the price; may be omitted for a stop alone', paths: ['upper'] },
    { flags: '--mu <m>', description: 'annual LOG-drift of the price (mu_S - sigma^2/2)', required: true, paths: ['mu'] },
    { flags: '--sigma <s>', description: 'annual volatility of ln price (garch-t: optional, sets the first variance to sigma^2/365)', paths: ['sigma', 'garch.variance'] },
    { flags: '--horizon <t>', description: "horizon in years ('infinite' for the closed form)", required: true, paths: ['horizon'] },
    { flags: '--model <m>', description: 'dynamics: gbm (closed form unless --paths), student-t or garch-t (simulated)', choices: ['gbm', 'student-t', 'garch-t'], default: 'gbm', paths: ['model'] },
    { flags: '--paths <n>', description: 'simulate this many paths (default 100000 for student-t/garch-t)', paths: ['paths'] },
    { flags: '--steps <n>', description: 'simulation: grid steps over the horizon (default one per day; garch-t: always daily)', paths: ['steps'] },
    { flags: '--seed <k>', description: 'simulation: seed (default 1); the same seed gives the same numbers on any thread count', paths: ['seed'] },
    { flags: '--threads <n>', description: 'simulation: worker threads (default: all cores; 1 for runs under 4e6 path-steps)', paths: ['threads'] },
    { flags: '--monitoring <m>', description: 'gbm simulation: continuous (Brownian-bridge correction, default) or discrete (grid points)', choices: ['continuous', 'discrete'], paths: ['monitoring'] },
    { flags: '--nu <v>', description: 'student-t: degrees of freedom > 2 (default 4); garch-t: of the innovations (with --omega --alpha --beta)', paths: ['nu', 'garch.nu'] },
    { flags: '--data <file>', description: 'student-t: fit nu to the log returns of this CSV; garch-t: fit GARCH(1,1)-t to them' },
    { flags: '--column <name>', description: 'column of --data (default close, or the only data column)', meaningful: { modes: [{ with: ['data'] }], why: 'has no effect without --data' } },
    { flags: '--omega <w>', description: 'garch-t: per-day variance constant', paths: ['garch.omega'] },
    { flags: '--alpha <a>', description: 'garch-t: ARCH coefficient', paths: ['garch.alpha'] },
    { flags: '--beta <b>', description: 'garch-t: GARCH coefficient', paths: ['garch.beta'] },
    { flags: '--json', description: 'print one JSON object' },
  ],
  examples: [
    'tradesize first-passage --price 65000 --lower 60000 --upper 75000 --mu 0.2 --sigma 0.6 --horizon 0.25',
    'tradesize first-passage --price 65000 --lower 60000 --upper 75000 --mu 0.2 --sigma 0.6 --horizon 0.25 --paths 20000 --seed 7 --json',
    'tradesize first-passage --price 65000 --lower 60000 --mu 0 --sigma 0.6 --horizon 0.1 --model student-t --nu 3 --paths 20000',
  ],
};
