/**
 * Flag tables of `tradesize greeks` and `tradesize iv`: one European option on spot
 * (black-scholes, with --div) or on a forward (black76, inverse). --spot/--forward/--div outside
 * their model are refused by the command with the flag to use instead.
 *
 * @example
 * addCommand(program, GREEKS, async () => (await import('../commands/greeks.js')).runGreeks);
 */
import type { CommandSpec, FlagSpec } from './types.js';

/** Option models and types (options/schema.ts OPTION_MODELS, OPTION_TYPES; a test holds them equal). */
export const OPTION_MODEL_CHOICES = ['black-scholes', 'black76', 'inverse'] as const;
export const OPTION_TYPE_CHOICES = ['call', 'put'] as const;

const underlying: readonly FlagSpec[] = [
  { flags: '--spot <S>', description: 'black-scholes: spot price', paths: ['spot'] },
  { flags: '--forward <F>', description: 'black76 / inverse: forward price', paths: ['forward'] },
  { flags: '--strike <K>', description: 'strike', required: true, paths: ['strike'] },
];
const carry: readonly FlagSpec[] = [
  { flags: '--rate <r>', description: 'continuous risk-free rate (black76/inverse: discounts the price)', paths: ['rate'] },
  { flags: '--div <q>', description: 'black-scholes: continuous dividend / carry yield', paths: ['div'] },
  { flags: '--json', description: 'print one JSON object' },
];

export const GREEKS: CommandSpec = {
  name: 'greeks',
  description: 'Price and Greeks of a European option: Black-Scholes-Merton (--spot), Black-76 or Deribit coin-settled inverse (--forward)',
  flags: [
    { flags: '--model <m>', description: 'pricing model (inverse: value in coin)', choices: OPTION_MODEL_CHOICES, required: true, paths: ['model'] },
    { flags: '--type <t>', description: 'option type', choices: OPTION_TYPE_CHOICES, required: true, paths: ['type'] },
    ...underlying,
    { flags: '--expiry <T>', description: 'time to expiry in years (0 = at expiry: intrinsic value)', required: true, paths: ['expiry'] },
    { flags: '--vol <sigma>', description: 'volatility, decimal per year (0.6 = 60%)', required: true, paths: ['vol'] },
    ...carry,
  ],
  examples: [
    'tradesize greeks --model black-scholes --type call --spot 100 --strike 100 --expiry 1 --vol 0.2 --rate 0.05 --json',
    'tradesize greeks --model inverse --type call --forward 69909 --strike 72000 --expiry 0.0187 --vol 0.5',
    'tradesize greeks --model black76 --type put --forward 65000 --strike 60000 --expiry 0.25 --vol 0.6',
  ],
};

export const IV: CommandSpec = {
  name: 'iv',
  description: 'Implied volatility of a European option price (quote, or coin for --model inverse)',
  flags: [
    { flags: '--model <m>', description: 'pricing model (inverse: price in coin)', choices: OPTION_MODEL_CHOICES, required: true, paths: ['model'] },
    { flags: '--type <t>', description: 'option type', choices: OPTION_TYPE_CHOICES, required: true, paths: ['type'] },
    { flags: '--price <P>', description: 'option price', required: true, paths: ['price'] },
    ...underlying,
    { flags: '--expiry <T>', description: 'time to expiry in years', required: true, paths: ['expiry'] },
    ...carry,
  ],
  examples: [
    'tradesize iv --model inverse --type call --price 0.0121 --forward 69909 --strike 72000 --expiry 0.0187 --json',
    'tradesize iv --model black-scholes --type call --price 10.45 --spot 100 --strike 100 --expiry 1 --rate 0.05',
  ],
};
