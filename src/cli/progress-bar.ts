/**
 * A one-line progress bar on stderr for long simulations: `[#####-----]  50%`, redrawn in place
 * with a carriage return and erased when done. Only on an interactive stderr (a TTY), never with
 * --json, so piped and machine-read output stays clean.
 */

/** Width of the bar in characters. */
const WIDTH = 30;

/** A progress callback that draws the bar, and `done()` to erase it. */
export interface ProgressBar {
  readonly update: (fraction: number) => void;
  readonly done: () => void;
}

/**
 * A bar on `stream` when it is a TTY and `enabled`, else null.
 *
 * @example
 * const bar = progressBar(process.stderr, !json);
 * await simulateFirstPassage(input, { onProgress: bar?.update });
 * bar?.done();
 */
export function progressBar(stream: NodeJS.WriteStream, enabled: boolean): ProgressBar | null {
  if (!enabled || stream.isTTY !== true) return null;
  let shown = -1;
  return {
    update(fraction: number): void {
      const pct = Math.floor(fraction * 100);
      if (pct === shown) return;
      shown = pct;
      const filled = Math.round(fraction * WIDTH);
      stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(pct).padStart(3)}%`);
    },
    done(): void {
      if (shown >= 0) stream.write(`\r${' '.repeat(WIDTH + 7)}\r`);
    },
  };
}
