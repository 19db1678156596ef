/**
 * The `tradesize` command line: a thin shell over the library. Commands are declared here;
 * each action lazy-imports its implementation so that start-up and `--help` stay fast.
 */
import { Command, CommanderError, Option } from 'commander';
import { TradesizeError } from '../core/errors.js';
import { VENUE_IDS } from '../venues/types.js';
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
    .addOption(new Option('--input <kind>', 'exact: the column holds prices or simple returns').choices(['prices', 'returns', 'log-returns']).default('prices'))
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
    .command('vol')
    .description('Annualised volatility of a CSV: close-to-close, EWMA, GARCH(1,1), the OHLC range estimators (Parkinson, Garman-Klass, Rogers-Satchell, Yang-Zhang), or an implied-vol index')
    .option('--data <file>', 'CSV file (timestamp,open,high,low,close,volume, or one price/return column)')
    .option('--column <name>', 'close/ewma: column to read (default close, or the only data column)')
    .option('--input <kind>', 'close/ewma: prices or returns (default prices)')
    .option('--model <m>', 'close, ewma, parkinson, garman-klass, rogers-satchell, yang-zhang, garch, garch-t, implied (an implied-vol index such as DVOL)')
    .option('--lambda <l>', 'ewma: decay factor (default 0.94)')
    .option('--horizon <n>', 'garch/garch-t: forecast the average volatility over the next n periods (default 1)')
    .option('--iv-unit <u>', 'implied: the index is quoted in percent (default, as DVOL) or decimal')
    .option('--periods-per-year <n>', 'bars per year (default: inferred from timestamps, else 365)')
    .option('--json', 'print one JSON object')
    .action(async (opts: Record<string, string | boolean | undefined>) => (await import('./commands/vol.js')).runVol(opts));

  program
    .command('risk')
    .description('Value at Risk and Expected Shortfall of a return history, as positive losses in return units')
    .option('--data <file>', 'CSV of prices or simple returns')
    .option('--column <name>', 'column to read (default close, or the only data column)')
    .addOption(new Option('--input <kind>', 'the column holds prices (→ simple returns) or simple returns').choices(['prices', 'returns', 'log-returns']).default('prices'))
    .option('--level <p>', 'confidence level p in (0, 1)', '0.95')
    .addOption(new Option('--method <m>', 'estimator').choices(['historical', 'gaussian', 'cornish-fisher', 'student-t']).default('historical'))
    .option('--json', 'print one JSON object')
    .action(async (opts: Record<string, string | boolean | undefined>) => (await import('./commands/risk.js')).runRisk(opts));

  program
    .command('first-passage')
    .description('P(stop first), P(target first), P(neither) within a horizon: GBM closed form, or Monte Carlo (gbm, student-t, garch-t) with standard errors')
    .option('--price <p>', 'current price')
    .option('--lower <l>', 'lower barrier (stop), below the price; may be omitted for a target alone')
    .option('--upper <u>', 'upper barrier (target), above the price; may be omitted for a stop alone')
    .option('--mu <m>', 'annual LOG-drift of the price (mu_S - sigma^2/2)')
    .option('--sigma <s>', 'annual volatility of ln price (garch-t: optional, sets the first variance to sigma^2/365)')
    .option('--horizon <t>', "horizon in years ('infinite' for the closed form)")
    .addOption(new Option('--model <m>', 'dynamics: gbm (closed form unless --paths), student-t or garch-t (simulated)').choices(['gbm', 'student-t', 'garch-t']).default('gbm'))
    .option('--paths <n>', 'simulate this many paths (default 100000 for student-t/garch-t)')
    .option('--steps <n>', 'simulation: grid steps over the horizon (default one per day; garch-t: always daily)')
    .option('--seed <k>', 'simulation: seed (default 1); the same seed gives the same numbers on any thread count')
    .option('--threads <n>', 'simulation: worker threads (default: all cores; 1 for runs under 4e6 path-steps)')
    .addOption(new Option('--monitoring <m>', 'gbm simulation: continuous (Brownian-bridge correction, default) or discrete (grid points)').choices(['continuous', 'discrete']))
    .option('--nu <v>', 'student-t: degrees of freedom > 2 (default 4); garch-t: of the innovations (with --omega --alpha --beta)')
    .option('--data <file>', 'student-t: fit nu to the log returns of this CSV; garch-t: fit GARCH(1,1)-t to them')
    .option('--column <name>', 'column of --data (default close, or the only data column)')
    .option('--omega <w>', 'garch-t: per-day variance constant')
    .option('--alpha <a>', 'garch-t: ARCH coefficient')
    .option('--beta <b>', 'garch-t: GARCH coefficient')
    .option('--json', 'print one JSON object')
    .action(async (opts: Record<string, string | boolean | undefined>) => (await import('./commands/first-passage.js')).runFirstPassage(opts));

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
    .option('--contract-size <n>', 'contract size: base units (linear) or quote units (inverse); default 1, or the instrument\'s with --venue')
    .option('--inverse', 'coin-margined inverse contract: equity and risk in the coin, quantity in contracts')
    .option('--lot <step>', 'lot step: the quantity is rounded down to a multiple of it')
    .option('--min-qty <q>', 'venue minimum quantity')
    .option('--max-qty <q>', 'venue maximum quantity')
    .option('--min-notional <amount>', 'venue minimum notional (quote)')
    .option('--kelly-fraction <f>', 'cap the position value at f × equity')
    .option('--vol-target <vol>', 'annualised volatility target for the position (0.5 = 50%)')
    .option('--vol <vol>', 'annualised volatility of the instrument (with --vol-target)')
    .option('--vol-data <file>', 'estimate the volatility from a CSV of prices, or read an implied-vol index (--vol-method implied)')
    .addOption(new Option('--vol-method <m>', 'estimator for --vol-data (implied: the latest value of an implied-vol index in percent, such as DVOL)').choices(['ewma', 'close', 'garch', 'garch-t', 'implied']).default('ewma'))
    .option('--vol-horizon <n>', 'with --vol-method garch/garch-t: forecast the average volatility over the next n periods')
    .option('--lambda <l>', 'EWMA decay for --vol-data', '0.94')
    .option('--column <name>', 'column of --vol-data (default close)')
    .option('--periods-per-year <n>', 'bars per year of --vol-data (default: inferred from timestamps, else 365)')
    .option('--venue <id>', `add the liquidation constraint on this venue (${VENUE_IDS.join(', ')}); quantity in base units (linear) or contracts (inverse)`)
    .option('--symbol <s>', 'with --venue: the bundled instrument (its lot step and minimum quantity apply unless --lot/--min-qty)')
    .option('--liq-buffer <frac>', 'with --venue: liquidation stays beyond the stop by this fraction of the stop distance (default 0.5)')
    .addOption(new Option('--margin-mode <mode>', 'with --venue: margin mode (default isolated; equity is the balance)').choices(['isolated', 'cross']))
    .option('--leverage <x>', 'with --venue: leverage setting (isolated margin = value / x; default --max-leverage); without it, isolated, the whole equity is the margin')
    .option('--max-hit-prob <p>', 'hit-probability constraint: P(reaching the stop or the liquidation price first) ≤ p (GBM closed form, σ from --vol/--vol-data)')
    .addOption(new Option('--hit-barrier <b>', 'with --max-hit-prob: the adverse level (default liquidation with --venue, else stop)').choices(['stop', 'liquidation']))
    .option('--target <price>', 'with --max-hit-prob: the target ("before the target")')
    .option('--horizon <years>', 'with --max-hit-prob: the horizon in years ("within the horizon")')
    .option('--mu <drift>', 'with --max-hit-prob: annual log-drift of the price (default 0)')
    .option('--regime-multiplier <m>', 'regime risk multiplier in (0, 1]: scales the risk budget and the Kelly and vol-target caps (see tradesize regime)')
    .option('--regime-name <name>', 'with --regime-multiplier: the regime label shown in the explanations')
    .option('--regime-data <file>', 'regime multiplier from a CSV of prices: Gaussian HMM (default) or EWMA-percentile classifier (see tradesize regime)')
    .addOption(new Option('--regime-method <m>', 'with --regime-data: hmm (default) or vol').choices(['hmm', 'vol']))
    .option('--regime-states <k>', 'with --regime-data and hmm: 2 (default) or 3 states')
    .option('--portfolio <file>', 'stress constraint: the existing book (docs/PORTFOLIO.md) must stay above maintenance in every grid scenario with the new position')
    .option('--stress-underlying <u>', 'with --portfolio: the new position is a perpetual on this underlying of the portfolio')
    .option('--stress-legs <file>', 'with --portfolio: the new position is this JSON array of legs (one contract; options, futures, perpetuals)')
    .option('--json', 'print one JSON object')
    .action(async (opts: Record<string, string | boolean | undefined>) => (await import('./commands/size.js')).runSize(opts));

  program
    .command('liquidation')
    .description('Liquidation price, margins and tier of a position on a venue, isolated or cross')
    .requiredOption('--venue <id>', `venue: ${VENUE_IDS.join(', ')}`)
    .addOption(new Option('--side <side>', 'position side').choices(['long', 'short']).makeOptionMandatory())
    .requiredOption('--entry <price>', 'entry price')
    .requiredOption('--quantity <q>', 'position size: base units (linear contracts) or contracts (inverse)')
    .addOption(new Option('--margin-mode <mode>', 'margin mode').choices(['isolated', 'cross']).makeOptionMandatory())
    .requiredOption('--collateral <amount>', "isolated: the position's margin; cross: the wallet balance (quote, or the coin for inverse contracts)")
    .option('--symbol <s>', 'bundled instrument (optional with --mmr, --tiers or hyperliquid --max-leverage)')
    .option('--mark <price>', 'mark price (default: the entry)')
    .option('--leverage <x>', "leverage setting for the initial margin (default: the tier's max; isolated on a table without one: value / collateral)")
    .option('--mmr <rate>', 'override: one tier with this maintenance margin rate')
    .option('--maintenance-amount <amount>', 'override: the maintenance amount subtracted (with --mmr; default 0)')
    .option('--max-leverage <x>', "override: the venue's max leverage (hyperliquid: maintenance rate 1/(2x))")
    .option('--tiers <file>', 'override: the tier table, ccxt fetchLeverageTiers JSON')
    .option('--positions <file>', 'cross: the other positions, JSON [{symbol, side, quantity, entryPrice, markPrice}] or ccxt Position[]')
    .option('--contract-size <n>', 'override the contract size: base units (linear) or quote units (inverse)')
    .option('--taker-fee <rate>', 'override (okx-swap): the taker fee rate OKX adds to the maintenance rate')
    .option('--json', 'print one JSON object')
    .action(async (opts: Record<string, string | boolean | undefined>) => (await import('./commands/liquidation.js')).runLiquidation(opts));

  program
    .command('stress')
    .description('Margin stress test of a portfolio: Deribit-style scenario grid (full revaluation vs delta-gamma), cross-margin account, largest adverse moves, Monte Carlo')
    .requiredOption('--portfolio <file>', 'portfolio JSON (docs/PORTFOLIO.md)')
    .option('--report <file>', 'also write a self-contained HTML report (table and SVG heat map)')
    .option('--mc-paths <n>', 'Monte Carlo paths', '10000')
    .option('--horizon <days>', 'Monte Carlo horizon in days (liquidation checked at every daily close)', '10')
    .option('--seed <k>', 'Monte Carlo seed', '1')
    .option('--nu <df>', 'Student-t degrees of freedom of the model-based Monte Carlo (> 2)', '4')
    .option('--history <pairs>', 'bootstrap the Monte Carlo from daily OHLCV files by date: BTC=btc-1d.csv,ETH=eth-1d.csv')
    .option('--block <n>', 'bootstrap block length in days', '5')
    .option('--mc-method <m>', 'student-t (from the portfolio vols; default), bootstrap (default with --history) or fitted-t (a multivariate t fitted to --history)')
    .option('--json', 'print one JSON object')
    .action(async (opts: Record<string, string | boolean | undefined>) => (await import('./commands/stress.js')).runStress(opts));

  program
    .command('greeks')
    .description('Price and Greeks of a European option: Black-Scholes-Merton (--spot), Black-76 or Deribit coin-settled inverse (--forward)')
    .option('--model <m>', 'black-scholes, black76 or inverse (value in coin)')
    .option('--type <t>', 'call or put')
    .option('--spot <S>', 'black-scholes: spot price')
    .option('--forward <F>', 'black76 / inverse: forward price')
    .option('--strike <K>', 'strike')
    .option('--expiry <T>', 'time to expiry in years (0 = at expiry: intrinsic value)')
    .option('--vol <sigma>', 'volatility, decimal per year (0.6 = 60%)')
    .option('--rate <r>', 'continuous risk-free rate (black76/inverse: discounts the price)')
    .option('--div <q>', 'black-scholes: continuous dividend / carry yield')
    .option('--json', 'print one JSON object')
    .action(async (opts: Record<string, string | boolean | undefined>) => (await import('./commands/greeks.js')).runGreeks(opts));

  program
    .command('iv')
    .description('Implied volatility of a European option price (quote, or coin for --model inverse)')
    .option('--model <m>', 'black-scholes, black76 or inverse (price in coin)')
    .option('--type <t>', 'call or put')
    .option('--price <P>', 'option price')
    .option('--spot <S>', 'black-scholes: spot price')
    .option('--forward <F>', 'black76 / inverse: forward price')
    .option('--strike <K>', 'strike')
    .option('--expiry <T>', 'time to expiry in years')
    .option('--rate <r>', 'continuous risk-free rate (black76/inverse: discounts the price)')
    .option('--div <q>', 'black-scholes: continuous dividend / carry yield')
    .option('--json', 'print one JSON object')
    .action(async (opts: Record<string, string | boolean | undefined>) => (await import('./commands/iv.js')).runIv(opts));

  program
    .command('regime')
    .description('Volatility regimes of a CSV series: Gaussian HMM (states, transition matrix, current state) or the EWMA vol percentile, and the sizing multiplier they imply')
    .option('--data <file>', 'CSV file (timestamp,open,high,low,close,volume, or one price/return column)')
    .option('--column <name>', 'column to read (default close, or the only data column)')
    .option('--input <kind>', 'the column holds prices or simple returns (default prices)')
    .option('--method <m>', 'hmm (default) or vol')
    .option('--states <k>', 'hmm: number of states, 2 (default) or 3')
    .option('--starts <n>', 'hmm: EM starts (the deterministic one plus n-1 seeded random ones; default 1)')
    .option('--seed <k>', 'hmm: seed of the random starts (default 1)')
    .option('--weighting <w>', 'hmm: multiplier weighted by the filtered probabilities (probability, default) or of the current state (current)')
    .option('--multipliers <table>', 'multiplier per regime, each in (0, 1]: hmm "1,0.6[,0.3]" (calm first); vol "low=1,normal=0.75,high=0.5"')
    .option('--lambda <l>', 'vol: EWMA decay (default 0.94)')
    .option('--window <n>', 'vol: trailing forecasts the current vol is ranked in (default 365)')
    .option('--periods-per-year <n>', 'bars per year (default: inferred from timestamps, else 365)')
    .option('--json', 'print one JSON object')
    .action(async (opts: Record<string, string | boolean | undefined>) => (await import('./commands/regime.js')).runRegime(opts));

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

