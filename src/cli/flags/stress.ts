/**
 * Flag table of `tradesize stress`: the Monte Carlo method decides which of --nu, --history and
 * --block are used (student-t: --nu; bootstrap, the default with --history: --history and
 * --block; fitted-t: --history).
 *
 * @example
 * addCommand(program, STRESS, async () => (await import('../commands/stress.js')).runStress);
 */
import type { CommandSpec } from './types.js';

export const STRESS: CommandSpec = {
  name: 'stress',
  description: 'Margin stress test of a portfolio: Deribit-style scenario grid (full revaluation vs delta-gamma), cross-margin account, largest adverse moves, Monte Carlo',
  flags: [
    { flags: '--portfolio <file>', description: 'portfolio JSON (docs/PORTFOLIO.md)', required: true },
    { flags: '--report <file>', description: 'also write a self-contained HTML report (table and SVG heat map)' },
    { flags: '--mc-paths <n>', description: 'Monte Carlo paths', default: '10000', paths: ['paths'] },
    { flags: '--horizon <days>', description: 'Monte Carlo horizon in days (liquidation checked at every daily close)', default: '10', paths: ['days'] },
    { flags: '--seed <k>', description: 'Monte Carlo seed', default: '1', paths: ['seed'] },
    {
      flags: '--nu <df>', description: 'Student-t degrees of freedom of the model-based Monte Carlo (> 2)', default: '4', paths: ['nu'],
      meaningful: {
        modes: [{ when: { key: 'mcMethod', in: ['student-t'] } }, { when: { key: 'mcMethod', in: [undefined] }, without: ['history'] }],
        why: 'applies to --mc-method student-t (bootstrap and fitted-t take their returns from --history)',
      },
    },
    {
      flags: '--history <pairs>', description: 'bootstrap the Monte Carlo from daily OHLCV files by date: BTC=btc-1d.csv,ETH=eth-1d.csv', paths: ['history'],
      meaningful: { modes: [{ when: { key: 'mcMethod', in: ['bootstrap', 'fitted-t', undefined] } }], why: 'is not used by --mc-method student-t (it simulates from the portfolio vols)' },
    },
    {
      flags: '--block <n>', description: 'bootstrap block length in days', default: '5', paths: ['blockLength'],
      meaningful: {
        modes: [{ when: { key: 'mcMethod', in: ['bootstrap'] } }, { when: { key: 'mcMethod', in: [undefined] }, with: ['history'] }],
        why: 'applies to the bootstrap Monte Carlo (--history, --mc-method bootstrap)',
      },
    },
    { flags: '--mc-method <m>', description: 'student-t (from the portfolio vols; default), bootstrap (default with --history) or fitted-t (a multivariate t fitted to --history)', choices: ['student-t', 'bootstrap', 'fitted-t'] },
    { flags: '--json', description: 'print one JSON object' },
  ],
  examples: [
    'tradesize stress --portfolio examples/portfolio-btc.json',
    'tradesize stress --portfolio examples/portfolio-multi.json --mc-paths 2000 --nu 3 --json',
  ],
};
