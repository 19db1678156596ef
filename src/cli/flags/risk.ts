/**
 * Flag table of `tradesize risk`: every flag applies to every estimator.
 *
 * @example
 * addCommand(program, RISK, async () => (await import('../commands/risk.js')).runRisk);
 */
import type { CommandSpec } from './types.js';

/** The estimators of `riskMeasures` (risk/var-es.ts RISK_METHODS; a test holds them equal). */
export const RISK_METHOD_CHOICES = ['historical', 'gaussian', 'cornish-fisher', 'student-t'] as const;

export const RISK: CommandSpec = {
  name: 'risk',
  description: 'Value at Risk and Expected Shortfall of a return history, as positive losses in return units',
  flags: [
    { flags: '--data <file>', description: 'CSV of prices or simple returns', required: true, paths: ['returns', 'values'] },
    { flags: '--column <name>', description: 'column to read (default close, or the only data column)' },
    { flags: '--input <kind>', description: 'the column holds prices (→ simple returns), simple returns, or log returns (→ e^r − 1)', choices: ['prices', 'returns', 'log-returns'], default: 'prices' },
    { flags: '--level <p>', description: 'confidence level p in (0, 1)', default: '0.95', paths: ['level'] },
    { flags: '--method <m>', description: 'estimator', choices: RISK_METHOD_CHOICES, default: 'historical', paths: ['method'] },
    { flags: '--json', description: 'print one JSON object' },
  ],
  examples: [
    'tradesize risk --data examples/gbm-1d.csv',
    'tradesize risk --data examples/gbm-1d.csv --level 0.99 --method cornish-fisher --json',
  ],
};
