/**
 * `--book FILE`: reads an order book file (the generic `side,price,quantity` CSV or a venue's
 * snapshot format, told apart by `readBookText`) through the CLI's one file reader.
 */
import type { OrderBook } from '../liquidity/book.js';
import { readText } from './data.js';

/** The book in `file`; errors name `flag`. */
export async function readBookFile(file: string, flag = '--book'): Promise<OrderBook> {
  const text = await readText(file, flag);
  const { readBookText } = await import('../liquidity/read-book.js');
  return readBookText(text, file);
}
