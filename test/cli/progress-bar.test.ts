import { describe, expect, it } from 'vitest';
import { progressBar } from '../../src/cli/progress-bar.js';

/** A stand-in for process.stderr that records what is written. */
function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const stream = { isTTY, write: (s: string) => (written.push(s), true) } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe('progress bar', () => {
  it('draws on a TTY, once per whole percent, and erases itself when done', () => {
    const { stream, written } = fakeStream(true);
    const bar = progressBar(stream, true);
    expect(bar).not.toBeNull();
    bar?.update(0.5);
    bar?.update(0.501);
    bar?.update(1);
    bar?.done();
    expect(written).toEqual([`\r[${'#'.repeat(15)}${'-'.repeat(15)}]  50%`, `\r[${'#'.repeat(30)}] 100%`, `\r${' '.repeat(37)}\r`]);
  });

  it('is absent when stderr is not a TTY or when disabled (--json, short runs)', () => {
    expect(progressBar(fakeStream(false).stream, true)).toBeNull();
    expect(progressBar(fakeStream(true).stream, false)).toBeNull();
  });
});
