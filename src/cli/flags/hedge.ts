/**
 * Flag tables of `tradesize hedge` (the hedge of a portfolio now) and `tradesize hedge-sim` (the
 * hedging simulator). `--policy` of hedge-sim repeats: one SPEC per flag (src/hedging/policy.ts).
 *
 * @example
 * addCommand(program, HEDGE, async () => (await import('../commands/hedge.js')).runHedge);
 */
import type { CommandSpec } from './types.js';

const BAND_POLICIES = { modes: [{ when: { key: 'policy', in: ['whalley-wilmott', 'zakamouline'] } }], why: 'applies to --policy whalley-wilmott and zakamouline' };

export const HEDGE: CommandSpec = {
  name: 'hedge',
  description: 'Delta hedge of a portfolio now: book delta, the perpetual/future quantity that neutralises it, the policy\'s no-trade band and whether to rebalance',
  flags: [
    { flags: '--portfolio <file>', description: 'portfolio JSON (docs/PORTFOLIO.md)', required: true },
    { flags: '--underlying <u>', description: 'the underlying to hedge (a key of the portfolio\'s underlyings)', required: true, paths: ['underlying'] },
    { flags: '--policy <p>', description: 'rebalancing policy', choices: ['interval', 'band', 'whalley-wilmott', 'zakamouline'], default: 'interval' },
    { flags: '--cost-rate <λ>', description: 'proportional cost per trade (fee + half spread, a decimal)', default: '0.0005', paths: ['costRate'], meaningful: BAND_POLICIES },
    { flags: '--risk-aversion <γ>', description: 'exponential-utility risk aversion per unit of the report currency (required by whalley-wilmott and zakamouline)', paths: ['riskAversion'], meaningful: BAND_POLICIES },
    { flags: '--band <X>', description: 'half-width of the fixed band, in units of the underlying (required by --policy band)', paths: ['band'], meaningful: { modes: [{ when: { key: 'policy', in: ['band'] } }], why: 'applies to --policy band' } },
    { flags: '--spot <price>', description: 'price of the underlying (default: the portfolio\'s)', paths: ['spot'] },
    { flags: '--hedge-settlement <s>', description: 'hedge instrument: linear (contract size in coins) or inverse (contract face in USD)', choices: ['linear', 'inverse'], default: 'linear' },
    { flags: '--contract-size <c>', description: 'coins (linear) or USD face (inverse) per hedge contract', default: '1', paths: ['contractSize'] },
    { flags: '--mark-price <p>', description: 'price of the hedge instrument (a future; default the spot: a perpetual)', paths: ['markPrice'] },
    { flags: '--json', description: 'print one JSON object' },
  ],
  examples: [
    'tradesize hedge --portfolio examples/portfolio-btc.json --underlying BTC',
    'tradesize hedge --portfolio examples/portfolio-btc.json --underlying BTC --policy whalley-wilmott --cost-rate 0.0005 --risk-aversion 0.0001 --json',
    'tradesize hedge --portfolio examples/portfolio-deribit-options.json --underlying BTC --policy band --band 0.05 --hedge-settlement inverse --contract-size 10',
  ],
};

export const HEDGE_SIM: CommandSpec = {
  name: 'hedge-sim',
  description: 'Hedging simulator: an option delta-hedged along GBM or GARCH-t paths calibrated to --data, or along its historical windows; hedging error, cost, turnover and trades per policy with standard errors',
  flags: [
    { flags: '--data <file>', description: 'OHLCV CSV of the underlying (its bar spacing is the hedging step)', required: true },
    { flags: '--policy <spec>', description: 'a policy SPEC, repeatable: interval:D (30m, 2h, 1d, or N steps), band:X, ww:[λ,]γ, zak:[λ,]γ', required: true, repeatable: true, paths: ['policy'] },
    { flags: '--paths <n>', description: 'simulated paths (historical: the number of windows, default all)', paths: ['paths'] },
    { flags: '--model <m>', description: 'gbm or garch-t (fitted to --data), or historical (windows of --data)', choices: ['gbm', 'garch-t', 'historical'], default: 'gbm' },
    { flags: '--days <d>', description: 'option expiry = hedging horizon, in days', default: '30' },
    { flags: '--type <t>', description: 'the option hedged', choices: ['call', 'put'], default: 'call' },
    { flags: '--quantity <q>', description: 'options held, signed (− short)', default: '-1', paths: ['positions.0.quantity'] },
    { flags: '--moneyness <m>', description: 'strike / spot at the start of each path', default: '1' },
    { flags: '--cost-rate <λ>', description: 'proportional cost of every trade (fee + half spread)', default: '0.0005', paths: ['costRate'] },
    { flags: '--vol <σ>', description: 'pricing vol (default: the realised vol of --data; historical: of the window before each one)', paths: ['vol'] },
    { flags: '--iv <file>', description: 'historical: an implied-vol index CSV in percent (Deribit DVOL) priced per window', meaningful: { modes: [{ when: { key: 'model', in: ['historical'] } }], why: 'applies to --model historical' } },
    { flags: '--seed <k>', description: 'seed (gbm, garch-t); the same seed gives the same numbers on any thread count', default: '1', paths: ['seed'], meaningful: { modes: [{ when: { key: 'model', in: ['gbm', 'garch-t'] } }], why: 'has no effect with --model historical (no random draws)' } },
    { flags: '--json', description: 'print one JSON object' },
  ],
  examples: [
    'tradesize hedge-sim --data examples/data/btc-usdt-2h.csv --days 7 --policy interval:2h --policy interval:1d --policy ww:0.001 --paths 4000',
    'tradesize hedge-sim --data examples/data/btc-usdt-2h.csv --days 7 --model historical --policy interval:2h --policy ww:0.001 --json',
  ],
};
