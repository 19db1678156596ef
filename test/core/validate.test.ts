import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TradesizeError } from '../../src/core/errors.js';
import { sizePosition } from '../../src/sizing/size-position.js';
import { sizeRequestSchema } from '../../src/sizing/request.js';

function errorOf(f: () => unknown): TradesizeError {
  try {
    f();
  } catch (e) {
    if (e instanceof TradesizeError) return e;
    throw e;
  }
  throw new Error('expected a TradesizeError');
}

describe('parseInput: details.issues', () => {
  it('lists every issue of a bad request, and the error path is the first one', () => {
    const e = errorOf(() => sizePosition({ equity: -1, entry: 100, stop: 90, risk: 2, contract: { kind: 'quanto' as 'linear', size: 1 } }));
    expect(e.code).toBe('INVALID_INPUT');
    const issues = e.details?.issues as { code: string; message: string; path: (string | number)[] }[];
    expect(issues.map((i) => i.path)).toEqual([['equity'], ['risk'], ['contract', 'kind']]);
    expect(issues.map((i) => i.code)).toEqual(['too_small', 'too_big', 'invalid_value']);
    for (const i of issues) expect(i.message.length).toBeGreaterThan(0);
    expect(e.path).toEqual(issues[0]?.path);
    expect(e.details?.reason).toBe(issues[0]?.message);
  });

  it('matches zod issue for issue on arbitrary bad requests', () => {
    const field = fc.oneof(fc.double(), fc.constantFrom(null, 'x', true, undefined));
    fc.assert(
      fc.property(fc.record({ equity: field, entry: field, stop: field, risk: field, slippage: field }), (raw) => {
        const zod = sizeRequestSchema().safeParse(raw);
        if (zod.success) return;
        const e = errorOf(() => sizePosition(raw as never));
        const issues = e.details?.issues as { code: string; path: (string | number)[] }[];
        expect(issues.map((i) => [i.code, i.path])).toEqual(zod.error.issues.map((i) => [i.code, i.path]));
        expect(e.path).toEqual(zod.error.issues[0]?.path);
      }),
      { numRuns: 1000 },
    );
  });
});
