/**
 * The `tradesize` command line: a thin shell over the library. Commands are declared here;
 * each action lazy-imports its implementation so that start-up and `--help` stay fast.
 */
import { Command, CommanderError, Option } from 'commander';
import { TradesizeError } from '../core/errors.js';
import { emitError } from './output.js';


function fromCommander(e: CommanderError): TradesizeError {
  const flag = /'(-{1,2}[\w-]+)/.exec(e.message)?.[1];
  const message = e.message.replace(/^error: /, '');
  const code = e.code === 'commander.missingMandatoryOptionValue' ? 'MISSING_OPTION' : 'INVALID_INPUT';
  return new TradesizeError(code, message, flag === undefined ? [] : [flag]);
}

export function createCli(): Command {
  const program = new Command('tradesize')
    .description('Position sizing for crypto derivatives: Kelly family, stop-risk, volatility targets, one explained decision.')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ outputError: () => undefined });

  program
    .command('kelly')
    .description('Kelly fraction and growth rate: discrete bet (--p --b), continuous (--mu --sigma) or exact from a return file (--returns)')
    .option('--p <prob>', 'discrete: win probability')
    .option('--b <odds>', 'discrete: net odds (win b per unit staked)')
    .option('--a <frac>', 'discrete: fraction of the stake lost on a loss', '1')
    .option('--mu <rate>', 'continuous: annual arithmetic drift')
    .option('--sigma <vol>', 'continuous: annual volatility')
    .option('--rf <rate>', 'continuous: risk-free rate', '0')
    .option('--carry <rate>', 'continuous: annual carry paid by the long (funding, borrow)', '0')
    .option('--returns <file>', 'exact: CSV of prices or returns')
    .option('--column <name>', 'exact: column to read (default close, or the only data column)')
    .addOption(new Option('--input <kind>', 'exact: the column holds prices or simple returns').choices(['prices', 'returns']).default('prices'))
    .addOption(new Option('--dist <model>', 'exact: return distribution').choices(['empirical', 'normal', 'student-t']).default('empirical'))
    .option('--scenarios <n>', 'exact: quantile scenarios for normal/student-t', '10000')
    .option('--bootstrap <n>', 'exact: resample the empirical returns n times (block bootstrap with --block)')
    .option('--block <n>', 'exact: bootstrap block length', '1')
    .option('--seed <k>', 'exact: bootstrap seed', '1')
    .option('--multiplier <c>', 'fractional Kelly: bet c × full Kelly')
    .option('--drawdown-level <x>', 'fractional Kelly: wealth level x (0.5 = halving) ...')
    .option('--drawdown-prob <eps>', '... to be touched with probability at most eps')
    .option('--trials <n>', 'shrink for estimation error: trials behind --p (Baker & McHale 2013)')
    .option('--years <t>', 'shrink for estimation error: years of data behind --mu (Baker & McHale 2013)')
    .option('--shrink', 'exact: shrink for estimation error using the sample size')
    .option('--json', 'print one JSON object')
    .action(async (opts: Record<string, string | boolean | undefined>) => (await import('./commands/kelly.js')).runKelly(opts));

  program
    .command('size')
    .description('Size a position: the largest quantity that every constraint allows, explained')
    .requiredOption('--equity <amount>', 'account equity (settlement currency: quote, or coin with --inverse)')
    .requiredOption('--entry <price>', 'entry price')
    .requiredOption('--stop <price>', 'stop price')
    .option('--risk <frac>', 'risk budget: fraction of equity lost at the stop (0.01 = 1%)')
    .option('--risk-amount <amount>', 'risk budget as an amount of the settlement currency')
    .addOption(new Option('--side <side>', 'trade direction').choices(['long', 'short']).default('long'))
    .option('--fee-rate <rate>', 'fee rate on entry and exit (0.0005 = 5 bp)', '0')
    .option('--exit-fee-rate <rate>', 'fee rate at the stop exit, if different from --fee-rate')
    .option('--slippage <frac>', 'slippage allowance at the stop, fraction of the stop price', '0')
    .option('--max-leverage <x>', 'maximum leverage (default 1: unlevered)')
    .option('--contract-size <n>', 'contract size: base units (linear) or quote units (inverse)', '1')
    .option('--inverse', 'coin-margined inverse contract: equity and risk in the coin, quantity in contracts')
    .option('--lot <step>', 'lot step: the quantity is rounded down to a multiple of it')
    .option('--min-qty <q>', 'venue minimum quantity')
    .option('--max-qty <q>', 'venue maximum quantity')
    .option('--min-notional <amount>', 'venue minimum notional (quote)')
    .option('--kelly-fraction <f>', 'cap the position value at f × equity')
    .option('--vol-target <vol>', 'annualised volatility target for the position (0.5 = 50%)')
    .option('--vol <vol>', 'annualised volatility of the instrument (with --vol-target)')
    .option('--vol-data <file>', 'estimate the volatility from a CSV of prices (with --vol-target)')
    .addOption(new Option('--vol-method <m>', 'estimator for --vol-data').choices(['ewma', 'close']).default('ewma'))
    .option('--lambda <l>', 'EWMA decay for --vol-data', '0.94')
    .option('--column <name>', 'column of --vol-data (default close)')
    .option('--periods-per-year <n>', 'bars per year of --vol-data (default: inferred from timestamps, else 365)')
    .option('--json', 'print one JSON object')
    .action(async (opts: Record<string, string | boolean | undefined>) => (await import('./commands/size.js')).runSize(opts));

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

