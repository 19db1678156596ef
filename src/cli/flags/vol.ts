/**
 * Flag table of `tradesize vol`. Flags that do not apply to the chosen --model are refused by
 * the command and the library (they depend on the model family), named by ./paths.ts.
 *
 * @example
 * addCommand(program, VOL, async () => (await import('../commands/vol.js')).runVol);
 */
import type { CommandSpec } from './types.js';

/** The estimators of `estimateVolatility` (volatility/estimate.ts VOLATILITY_METHODS; a test holds them equal). */
export const VOL_MODELS = ['close', 'ewma', 'garch', 'garch-t', 'implied', 'parkinson', 'garman-klass', 'rogers-satchell', 'yang-zhang'] as const;

export const VOL: CommandSpec = {
  name: 'vol',
  description: 'Annualised volatility of a CSV: close-to-close, EWMA, GARCH(1,1), the OHLC range estimators (Parkinson, Garman-Klass, Rogers-Satchell, Yang-Zhang), or an implied-vol index',
  flags: [
    { flags: '--data <file>', description: 'CSV file (timestamp,open,high,low,close,volume, or one price/return column)', required: true, paths: ['values'] },
    { flags: '--column <name>', description: 'close/ewma: column to read (default close, or the only data column)' },
    { flags: '--input <kind>', description: 'close/ewma: prices, or returns used as given (returns or log-returns; default prices)', choices: ['prices', 'returns', 'log-returns'], paths: ['input'] },
    { flags: '--model <m>', description: 'estimator (implied: an implied-vol index such as DVOL)', choices: VOL_MODELS, required: true, paths: ['method'] },
    {
      flags: '--lambda <l>', description: 'ewma: decay factor (default 0.94)', paths: ['lambda'],
      meaningful: { modes: [{ when: { key: 'model', in: ['ewma'] } }], why: 'applies only to --model ewma' },
    },
    { flags: '--horizon <n>', description: 'garch/garch-t: forecast the average volatility over the next n periods (default 1)', paths: ['horizon'] },
    { flags: '--iv-unit <u>', description: 'implied: the index is quoted in percent (default, as DVOL) or decimal', choices: ['percent', 'decimal'], paths: ['ivUnit'] },
    { flags: '--periods-per-year <n>', description: 'bars per year (default: inferred from timestamps, else 365)', paths: ['periodsPerYear'] },
    { flags: '--json', description: 'print one JSON object' },
  ],
  examples: [
    'tradesize vol --data examples/gbm-1d.csv --model yang-zhang',
    'tradesize vol --data examples/gbm-1d.csv --model ewma --lambda 0.97 --json',
    'tradesize vol --data examples/gbm-1d.csv --model garch-t --horizon 30',
  ],
};
