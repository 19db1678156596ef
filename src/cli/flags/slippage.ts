/**
 * Flag table of `tradesize slippage`: a market order walked through one book, or split across
 * several (`--book` and `--fee-rate` repeat; the i-th fee rate is the i-th book's taker fee).
 * `--quantity` prices an order; `--budget` finds the largest order within a slippage budget.
 *
 * @example
 * addCommand(program, SLIPPAGE, async () => (await import('../commands/slippage.js')).runSlippage);
 */
import type { CommandSpec } from './types.js';

export const SLIPPAGE: CommandSpec = {
  name: 'slippage',
  description: 'Slippage of a market order: walk an L2 book (average, worst price, bps from the mid, unfilled), the largest order within a budget, the cheapest split across venues',
  flags: [
    { flags: '--book <file>', description: 'order book CSV (side,price,quantity; or a Tardis / Bybit book file); repeat for several venues', required: true, repeatable: true, paths: ['venues'] },
    { flags: '--fee-rate <rate>', description: "taker fee rate of the matching --book (0.0005 = 5 bp); repeat once per book (default 0)", repeatable: true, paths: ['feeRate'] },
    { flags: '--side <side>', description: 'market order side: buy walks the asks, sell the bids', choices: ['buy', 'sell'], required: true },
    { flags: '--quantity <q>', description: "order quantity in the book's units", paths: ['quantity'] },
    { flags: '--budget <bps>', description: 'largest quantity whose average fill (fees included) stays within this many bps of the mid', paths: ['budgetBps'] },
    { flags: '--daily-vol <frac>', description: 'one book: daily volatility σ of the square-root impact that prices a --quantity, or extends a --budget, beyond the book', paths: ['impact.sigma'] },
    { flags: '--daily-volume <q>', description: "with --daily-vol: daily traded volume V in the book's units", paths: ['impact.dailyVolume'] },
    { flags: '--impact-y <y>', description: 'with --daily-vol: the square-root law constant Y (default: calibrated on real books, 1.155)', paths: ['impact.y'] },
    { flags: '--json', description: 'print one JSON object' },
  ],
  examples: [
    'tradesize slippage --book examples/data/book-btc-a.csv --side buy --quantity 5',
    'tradesize slippage --book examples/data/book-btc-a.csv --side buy --budget 3 --daily-vol 0.03 --daily-volume 200000 --json',
    'tradesize slippage --book examples/data/book-btc-a.csv --book examples/data/book-btc-b.csv --fee-rate 0.0005 --fee-rate 0.0002 --side buy --quantity 20',
  ],
};
