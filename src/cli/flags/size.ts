/**
 * Flag table of `tradesize size`: each flag with the request (or constraint) path its value
 * becomes, so a library error at `contract.size` is reported at --contract-size. Flags that only
 * mean something beside another one (the venue, hit-probability, stress and regime groups) are
 * refused by the command with MISSING_OPTION naming the missing parent; the volatility-file
 * flags without --vol-data (or off their --vol-method) here.
 *
 * @example
 * addCommand(program, SIZE, async () => (await import('../commands/size.js')).runSize);
 */
import { VENUE_IDS } from '../../venues/types.js';
import type { CommandSpec } from './types.js';

const KELLY_MU = { modes: [{ with: ['kellyMu'] }], why: 'has no effect without --kelly-mu' };
const FUNDING = { modes: [{ with: ['kellyMu'] }, { with: ['venue'] }], why: 'has no effect without --kelly-mu or --venue' };
const FUNDING_FILE = { modes: [{ with: ['fundingData'] }], why: 'has no effect without --funding-data' };
const VOL_FILE = { modes: [{ with: ['volData'] }], why: 'has no effect without --vol-data' };

export const SIZE: CommandSpec = {
  name: 'size',
  description: 'Size a position: the largest quantity that every constraint allows, explained',
  flags: [
    { flags: '--equity <amount>', description: 'account equity (settlement currency: quote, or coin with --inverse)', required: true, paths: ['equity', 'balance'] },
    { flags: '--entry <price>', description: 'entry price', required: true, paths: ['entry'] },
    { flags: '--stop <price>', description: 'stop price', required: true, paths: ['stop'] },
    { flags: '--risk <frac>', description: 'risk budget: fraction of equity lost at the stop (0.01 = 1%)', paths: ['risk'] },
    { flags: '--risk-amount <amount>', description: 'risk budget as an amount of the settlement currency', paths: ['riskAmount'] },
    { flags: '--side <side>', description: 'trade direction', choices: ['long', 'short'], default: 'long', paths: ['side'] },
    { flags: '--fee-rate <rate>', description: 'fee rate on entry and exit (0.0005 = 5 bp)', default: '0', paths: ['fees.entry'] },
    { flags: '--exit-fee-rate <rate>', description: 'fee rate at the stop exit, if different from --fee-rate', paths: ['fees.exit'] },
    { flags: '--slippage <frac>', description: 'slippage allowance at the stop, fraction of the stop price', default: '0', paths: ['slippage'] },
    { flags: '--max-leverage <x>', description: 'maximum leverage (default 1: unlevered)', paths: ['maxLeverage'] },
    { flags: '--contract-size <n>', description: "contract size: base units (linear) or quote units (inverse); default 1, or the instrument's with --venue", paths: ['contract.size'] },
    { flags: '--inverse', description: 'coin-margined inverse contract: equity and risk in the coin, quantity in contracts' },
    { flags: '--lot <step>', description: 'lot step: the quantity is rounded down to a multiple of it', paths: ['venue.lotStep'] },
    { flags: '--min-qty <q>', description: 'venue minimum quantity', paths: ['venue.minQty'] },
    { flags: '--max-qty <q>', description: 'venue maximum quantity', paths: ['venue.maxQty'] },
    { flags: '--min-notional <amount>', description: 'venue minimum notional (quote)', paths: ['venue.minNotional'] },
    { flags: '--kelly-fraction <f>', description: 'cap the position value at f × equity', paths: ['kellyFraction'] },
    { flags: '--vol-target <vol>', description: 'annualised volatility target for the position (0.5 = 50%)', paths: ['volTarget.target'] },
    { flags: '--vol <vol>', description: 'annualised volatility of the instrument (with --vol-target)', paths: ['volTarget.sigma', 'sigma'] },
    { flags: '--vol-data <file>', description: 'estimate the volatility from a CSV of prices, or read an implied-vol index (--vol-method implied)' },
    {
      flags: '--vol-method <m>', description: 'estimator for --vol-data (implied: the latest value of an implied-vol index in percent, such as DVOL)',
      choices: ['ewma', 'close', 'garch', 'garch-t', 'implied'], default: 'ewma', meaningful: VOL_FILE,
    },
    {
      flags: '--vol-horizon <n>', description: 'with --vol-method garch/garch-t: forecast the average volatility over the next n periods',
      meaningful: { modes: [{ with: ['volData'], when: { key: 'volMethod', in: ['garch', 'garch-t'] } }], why: 'applies to --vol-data with --vol-method garch or garch-t' },
    },
    {
      flags: '--lambda <l>', description: 'EWMA decay for --vol-data', default: '0.94',
      meaningful: { modes: [{ with: ['volData'], when: { key: 'volMethod', in: ['ewma'] } }], why: 'applies to --vol-data with --vol-method ewma' },
    },
    {
      flags: '--column <name>', description: 'column of --vol-data (default close)',
      meaningful: { modes: [{ with: ['volData'] }, { with: ['regimeData'] }], why: 'has no effect without --vol-data or --regime-data' },
    },
    { flags: '--periods-per-year <n>', description: 'bars per year of --vol-data (default: inferred from timestamps, else 365)', meaningful: VOL_FILE },
    { flags: '--venue <id>', description: 'add the liquidation constraint on this venue; quantity in base units (linear) or contracts (inverse)', listed: VENUE_IDS, paths: ['contract.kind'] },
    { flags: '--symbol <s>', description: 'with --venue: the bundled instrument (its lot step and minimum quantity apply unless --lot/--min-qty)' },
    { flags: '--liq-buffer <frac>', description: 'with --venue: liquidation stays beyond the stop by this fraction of the stop distance (default 0.5)', paths: ['buffer'] },
    { flags: '--margin-mode <mode>', description: 'with --venue: margin mode (default isolated; equity is the balance)', choices: ['isolated', 'cross'], paths: ['marginMode'] },
    { flags: '--leverage <x>', description: 'with --venue: leverage setting (isolated margin = value / x; default --max-leverage); without it, isolated, the whole equity is the margin', paths: ['leverage'] },
    { flags: '--max-hit-prob <p>', description: 'hit-probability constraint: P(reaching the stop or the liquidation price first) ≤ p (GBM closed form, σ from --vol/--vol-data)', paths: ['maxProbability'] },
    { flags: '--hit-barrier <b>', description: 'with --max-hit-prob: the adverse level (default liquidation with --venue, else stop)', choices: ['stop', 'liquidation'] },
    { flags: '--target <price>', description: 'with --max-hit-prob: the target ("before the target")', paths: ['target'] },
    { flags: '--horizon <years>', description: 'with --max-hit-prob: the horizon in years ("within the horizon")', paths: ['horizon'] },
    { flags: '--mu <drift>', description: 'with --max-hit-prob: annual log-drift of the price (default 0)', paths: ['mu'] },
    { flags: '--regime-multiplier <m>', description: 'regime risk multiplier in (0, 1]: scales the risk budget and the Kelly and vol-target caps (see tradesize regime)', paths: ['regime.multiplier'] },
    { flags: '--regime-name <name>', description: 'with --regime-multiplier: the regime label shown in the explanations', paths: ['regime.name'] },
    { flags: '--regime-data <file>', description: 'regime multiplier from a CSV of prices: Gaussian HMM (default) or EWMA-percentile classifier (see tradesize regime)' },
    { flags: '--regime-method <m>', description: 'with --regime-data: hmm (default) or vol', choices: ['hmm', 'vol'] },
    { flags: '--regime-states <k>', description: 'with --regime-data and hmm: 2 (default) or 3 states', choices: ['2', '3'] },
    { flags: '--portfolio <file>', description: 'stress constraint: the existing book (docs/PORTFOLIO.md) must stay above maintenance in every grid scenario with the new position' },
    { flags: '--stress-underlying <u>', description: 'with --portfolio: the new position is a perpetual on this underlying of the portfolio' },
    { flags: '--stress-legs <file>', description: 'with --portfolio: the new position is this JSON array of legs (one contract; options, futures, perpetuals)' },
    { flags: '--kelly-mu <drift>', description: 'funding-kelly constraint: annual arithmetic drift mu; value <= m x (mu - funding)/sigma^2 x equity (sigma from --vol/--vol-data)', paths: ['mu'] },
    { flags: '--kelly-multiplier <m>', description: 'with --kelly-mu: fractional Kelly multiplier m', default: '1', paths: ['multiplier'], meaningful: KELLY_MU },
    { flags: '--funding-rate <rate>', description: 'with --kelly-mu or --venue: expected funding paid by a long, annual (or per --funding-interval hours)', paths: ['fundingRate'], meaningful: FUNDING },
    { flags: '--funding-interval <hours>', description: 'with --funding-rate: the rate is per this many hours (8: 0.0001 = 10.95% a year)', paths: ['intervalHours'], meaningful: { modes: [{ with: ['fundingRate'] }], why: 'has no effect without --funding-rate' } },
    { flags: '--funding-data <file>', description: 'with --kelly-mu or --venue: expected funding from a funding CSV (timestamp,rate)', meaningful: FUNDING },
    {
      flags: '--holding-days <days>', description: 'with --venue (isolated) and a funding: the liquidation price after this many days of funding paid from the margin', default: '30',
      meaningful: { modes: [{ with: ['venue'], when: { key: 'marginMode', in: [undefined, 'isolated'] } }], why: 'applies to --venue in isolated margin' },
    },
    { flags: '--funding-method <m>', description: 'with --funding-data: time-weighted mean or EWMA', choices: ['mean', 'ewma'], default: 'mean', meaningful: FUNDING_FILE },
    { flags: '--funding-half-life <days>', description: 'with --funding-method ewma: half-life in days', default: '7', paths: ['halfLifeDays'], meaningful: { modes: [{ with: ['fundingData'], when: { key: 'fundingMethod', in: ['ewma'] } }], why: 'applies to --funding-data with --funding-method ewma' } },
    { flags: '--book <file>', description: "order book CSV (side,price,quantity, or a Tardis / Bybit book file): the stop's exit walks it (stop-risk counts its slippage), quantities in contracts × contract size" },
    { flags: '--max-slippage-bps <b>', description: 'with --book: slippage constraint, the entry walks the book at most b bps from the mid', paths: ['maxSlippageBps'], meaningful: { modes: [{ with: ['book'] }], why: 'needs --book' } },
    { flags: '--stop-depth <frac>', description: "with --book: the book at the stop has this fraction of today's depth (default 1)", paths: ['stopDepthFactor'], meaningful: { modes: [{ with: ['book'] }], why: 'needs --book' } },
    { flags: '--json', description: 'print one JSON object' },
  ],
  examples: [
    'tradesize size --equity 10000 --entry 65000 --stop 63000 --risk 0.01 --fee-rate 0.0005 --max-leverage 20 --lot 0.001',
    'tradesize size --inverse --contract-size 100 --equity 0.5 --entry 65000 --stop 67000 --side short --risk 0.02 --max-leverage 10 --lot 1 --json',
    'tradesize size --equity 1000 --entry 65000 --stop 62000 --risk 0.5 --venue binance-usdm --symbol BTCUSDT --max-leverage 20 --max-hit-prob 0.1 --vol 0.6 --target 72000 --horizon 0.25',
  ],
};
