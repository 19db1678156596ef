/**
 * The `tradesize` command line: a thin shell over the library. Each command is built from its
 * flag table (./flags/); each action lazy-imports its implementation so that start-up and
 * `--help` stay fast.
 */
import { Command, CommanderError } from 'commander';
import { TradesizeError } from '../core/errors.js';
import { emitError } from './output.js';
import { addCommand } from './flags/build.js';
import { FIRST_PASSAGE } from './flags/first-passage.js';
import { FUNDING_PLAN } from './flags/funding-plan.js';
import { KELLY } from './flags/kelly.js';
import { LIQUIDATION } from './flags/liquidation.js';
import { GREEKS, IV } from './flags/options.js';
import { REGIME } from './flags/regime.js';
import { RISK } from './flags/risk.js';
import { SIZE } from './flags/size.js';
import { STRESS } from './flags/stress.js';
import { VOL } from './flags/vol.js';
import { SERVE } from './flags/serve.js';
import { TIERS } from './flags/tiers.js';
import { HEDGE, HEDGE_SIM } from './flags/hedge.js';
import { BACKTEST } from './flags/backtest.js';
import { SLIPPAGE } from './flags/slippage.js';


function fromCommander(e: CommanderError): TradesizeError {
  const flag = /'(-{1,2}[\w-]+)/.exec(e.message)?.[1];
  const missing = e.code === 'commander.missingMandatoryOptionValue';
  const message = missing && flag !== undefined ? `${flag} is required` : e.message.replace(/^error: /, '');
  return new TradesizeError(missing ? 'MISSING_OPTION' : 'INVALID_INPUT', message, flag === undefined ? [] : [flag]);
}

export function createCli(): Command {
  const program = new Command('tradesize')
    .description('Position sizing for crypto derivatives: Kelly family, stop-risk, volatility targets, one explained decision.')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ outputError: () => undefined });

  addCommand(program, KELLY, async () => (await import('./commands/kelly.js')).runKelly);
  addCommand(program, VOL, async () => (await import('./commands/vol.js')).runVol);
  addCommand(program, RISK, async () => (await import('./commands/risk.js')).runRisk);
  addCommand(program, FIRST_PASSAGE, async () => (await import('./commands/first-passage.js')).runFirstPassage);
  addCommand(program, SIZE, async () => (await import('./commands/size.js')).runSize);
  addCommand(program, LIQUIDATION, async () => (await import('./commands/liquidation.js')).runLiquidation);
  addCommand(program, STRESS, async () => (await import('./commands/stress.js')).runStress);
  addCommand(program, GREEKS, async () => (await import('./commands/greeks.js')).runGreeks);
  addCommand(program, IV, async () => (await import('./commands/iv.js')).runIv);
  addCommand(program, REGIME, async () => (await import('./commands/regime.js')).runRegime);
  addCommand(program, FUNDING_PLAN, async () => (await import('./commands/funding-plan.js')).runFundingPlan);
  addCommand(program, BACKTEST, async () => (await import('./commands/backtest.js')).runBacktest);
  addCommand(program, SLIPPAGE, async () => (await import('./commands/slippage.js')).runSlippage);
  addCommand(program, SERVE, async () => (await import('./commands/serve.js')).runServe);
  addCommand(program, TIERS, async () => (await import('./commands/tiers.js')).runTiers);
  addCommand(program, HEDGE, async () => (await import('./commands/hedge.js')).runHedge);
  addCommand(program, HEDGE_SIM, async () => (await import('./commands/hedge-sim.js')).runHedgeSim);
  return program;
}

/** Runs the CLI on `argv` (process.argv form), mapping every failure to exit code 2. */
export async function runCli(argv: readonly string[]): Promise<void> {
  const wantsJson = argv.includes('--json');
  try {
    await createCli().parseAsync([...argv]);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return;
      emitError(fromCommander(e), wantsJson);
      return;
    }
    if (e instanceof TradesizeError) {
      emitError(e, wantsJson);
      return;
    }
    throw e;
  }
}

