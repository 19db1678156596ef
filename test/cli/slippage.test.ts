import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, hasNonFinite, json } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'tradesize-slippage-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
// Hand-worked book of test/liquidity/walk.test.ts: mid 100.5.
const A = file('a.csv', 'side,price,quantity\nbid,100,2\nbid,99,3\nbid,97,5\nask,101,1\nask,102,2\nask,104,4\n');
const B = file('b.csv', 'side,price,quantity\nbid,99.5,5\nask,101.5,5\n');

describe('tradesize slippage', () => {
  it('one book, --quantity: the walk with the contract keys', async () => {
    const run = await cli('slippage', '--book', A, '--side', 'buy', '--quantity', '5', '--json');
    expect(run.code).toBe(0);
    const out = json(run);
    expect(out.averagePrice).toBeCloseTo(102.6, 12);
    expect(out.worstPrice).toBe(104);
    expect(out.slippageBps).toBeCloseTo((2.1 / 100.5) * 1e4, 9);
    expect(out.filledQuantity).toBe(5);
    expect(out.unfilledQuantity).toBe(0);
    expect(hasNonFinite(run.stdout)).toBe(false);
  });

  it('reports what the book cannot fill, and warns in the text form', async () => {
    const out = json(await cli('slippage', '--book', A, '--side', 'buy', '--quantity', '10', '--json'));
    expect(out).toMatchObject({ filledQuantity: 7, unfilledQuantity: 3 });
    const text = await cli('slippage', '--book', A, '--side', 'buy', '--quantity', '10');
    expect(text.stdout).toMatch(/warning: the book shows only 7; 3 is left unfilled/);
  });

  it('--budget: maxQuantity solved exactly (150 bps → 3 + 1.0225/1.9925)', async () => {
    const out = json(await cli('slippage', '--book', A, '--side', 'buy', '--budget', '150', '--json'));
    expect(out.maxQuantity).toBeCloseTo(3 + 1.0225 / 1.9925, 12);
    expect(out.slippageBps).toBeCloseTo(150, 8);
    expect(out.limitedByDepth).toBe(false);
  });

  it('several books: split [{book, quantity, averagePrice, cost}] and totalCost, fee i for book i', async () => {
    // Fee-adjusted asks: A 101, 102, 104; B 101.5·1.01 = 102.515. Buy 4: A 1 + 2, then B 1 (102.515 < 104).
    const out = json(await cli('slippage', '--book', A, '--book', B, '--fee-rate', '0', '--fee-rate', '0.01', '--side', 'buy', '--quantity', '4', '--json'));
    const split = out.split as { book: string; quantity: number; averagePrice: number; cost: number }[];
    expect(split.map((p) => [p.book, p.quantity])).toEqual([[A, 3], [B, 1]]);
    expect(split[0]?.averagePrice).toBeCloseTo(305 / 3, 12);
    // Reference = (100.5 + 100.5)/2: A 305 − 301.5 = 3.5, B 102.515 − 100.5 = 2.015.
    expect(split[0]?.cost).toBeCloseTo(3.5, 12);
    expect(split[1]?.cost).toBeCloseTo(2.015, 12);
    expect(out.totalCost).toBeCloseTo(5.515, 12);
  });

  it('refuses a --fee-rate count that does not match the books, and --quantity with --budget', async () => {
    const a = await cli('slippage', '--book', A, '--book', B, '--fee-rate', '0.001', '--side', 'buy', '--quantity', '1', '--json');
    expect(a.code).toBe(2);
    expect(JSON.parse(a.stderr).error).toMatchObject({ code: 'CONFLICTING_OPTIONS', path: ['--fee-rate'] });
    const b = await cli('slippage', '--book', A, '--side', 'buy', '--quantity', '1', '--budget', '5', '--json');
    expect(JSON.parse(b.stderr).error.code).toBe('CONFLICTING_OPTIONS');
    const c = await cli('slippage', '--book', A, '--side', 'buy', '--json');
    expect(JSON.parse(c.stderr).error.code).toBe('MISSING_OPTION');
  });

  it('a bad book is an error naming the file and line; a fee rate out of range names --fee-rate', async () => {
    const bad = file('bad.csv', 'side,price,quantity\nbid,abc,1\n');
    const run = await cli('slippage', '--book', bad, '--side', 'buy', '--quantity', '1', '--json');
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stderr).error).toMatchObject({ code: 'PARSE_ERROR' });
    const fee = await cli('slippage', '--book', A, '--fee-rate', '0.5', '--side', 'buy', '--quantity', '1', '--json');
    expect(JSON.parse(fee.stderr).error).toMatchObject({ code: 'INVALID_INPUT', path: ['--fee-rate', 0] });
    const crossed = file('crossed.csv', 'side,price,quantity\nbid,101,1\nask,100,1\n');
    expect(JSON.parse((await cli('slippage', '--book', crossed, '--side', 'buy', '--quantity', '1', '--json')).stderr).error.code).toBe('INVALID_INPUT');
  });

  it('--quantity beyond the book with the law: the average includes the law\'s part, unfilledQuantity stays what the book cannot fill', async () => {
    // Y = 1, σ = 0.04, V = 10,000 (test/liquidity/walk.test.ts): the 3 beyond 7 cost 312.0331867…
    const out = json(await cli('slippage', '--book', A, '--side', 'buy', '--quantity', '10', '--daily-vol', '0.04', '--daily-volume', '10000', '--impact-y', '1', '--json'));
    expect(out).toMatchObject({ filledQuantity: 7, unfilledQuantity: 3, beyondBookQuantity: 3 });
    expect(out.averagePrice).toBeCloseTo((721 + 312.0331867196) / 10, 9);
    expect(out.cost).toBeCloseTo(721 + 312.0331867196 - 1005, 8);
    const text = await cli('slippage', '--book', A, '--side', 'buy', '--quantity', '10', '--daily-vol', '0.04', '--daily-volume', '10000', '--impact-y', '1');
    expect(text.stdout).toMatch(/the other 3 is priced by the square-root law/);
  });

  it('--budget with the law: maxQuantity goes beyond the book (400 bps → 536.9174…, 529.9174… of it from the law)', async () => {
    const run = await cli('slippage', '--book', A, '--side', 'buy', '--budget', '400', '--daily-vol', '0.04', '--daily-volume', '10000', '--impact-y', '1', '--json');
    expect(run.code).toBe(0);
    const out = json(run);
    expect(out.maxQuantity).toBeCloseTo(536.9174027078957, 9);
    expect(out.impactQuantity).toBeCloseTo(529.9174027078957, 9);
    expect(out).toMatchObject({ limitedByDepth: false, filledQuantity: 7 });
    expect(out.slippageBps).toBeLessThanOrEqual(400);
    expect(out.slippageBps).toBeCloseTo(400, 8);
    const plain = json(await cli('slippage', '--book', A, '--side', 'buy', '--budget', '400', '--json'));
    expect(plain).toMatchObject({ maxQuantity: 7, impactQuantity: 0, limitedByDepth: true });
  });

  it('--daily-vol with several books is refused', async () => {
    const run = await cli('slippage', '--book', A, '--book', B, '--side', 'buy', '--budget', '5', '--daily-vol', '0.03', '--daily-volume', '1000', '--json');
    expect(JSON.parse(run.stderr).error).toMatchObject({ code: 'CONFLICTING_OPTIONS', path: ['--daily-vol'] });
  });
});

describe('tradesize size --book', () => {
  const BASE = ['size', '--equity', '10000', '--entry', '100', '--stop', '90', '--risk', '0.01'];
  const BOOK = file('size.csv', 'side,price,quantity\nbid,99,5\nbid,98,10\nask,101,5\nask,102,10\n');

  it('stop-risk counts the exit walked at the stop, riskAtStop included; --max-slippage-bps adds slippage', async () => {
    const out = json(await cli(...BASE, '--book', BOOK, '--max-slippage-bps', '150', '--json'));
    const limits = out.constraints as { name: string; maxQuantity: number }[];
    expect(limits.map((c) => c.name)).toEqual(['stop-risk', 'leverage', 'slippage']);
    expect(limits.find((c) => c.name === 'stop-risk')?.maxQuantity).toBeCloseTo(104.5 / 11.8, 12);
    expect(limits.find((c) => c.name === 'slippage')?.maxQuantity).toBeCloseTo(10, 12);
    expect(out.binding).toBe('stop-risk');
    expect(out.riskAtStop).toBeCloseTo(100, 9);
    expect(out.riskAtStop).toBeLessThanOrEqual(100);
  });

  it('--max-slippage-bps and --stop-depth need --book', async () => {
    const run = await cli(...BASE, '--max-slippage-bps', '5', '--json');
    expect(JSON.parse(run.stderr).error).toMatchObject({ code: 'CONFLICTING_OPTIONS', path: ['--max-slippage-bps'] });
    const bad = await cli(...BASE, '--book', BOOK, '--stop-depth', '2', '--json');
    expect(JSON.parse(bad.stderr).error).toMatchObject({ code: 'INVALID_INPUT', path: ['--stop-depth'] });
  });
});
