/**
 * The loops of a venue feed: steps run again and again until the feed stops, each failure handed
 * to `onError` and retried after a pause, every pause cut short by `stop()`. A watch loop (a
 * websocket stream) gives up after `maxFailures` failures in a row, so the caller can fall back
 * to REST polling.
 */

/** A failure of one venue call, with the call's name. */
export class CallError extends Error {
  constructor(
    readonly operation: string,
    readonly error: unknown,
  ) {
    super(operation);
  }
}

/** Runs `f`, wrapping a failure in a {@link CallError} naming `operation`. */
export async function call<T>(operation: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw new CallError(operation, e);
  }
}

export class Loops {
  private readonly wakers = new Set<() => void>();
  private stopped = false;

  constructor(
    private readonly retryMs: number,
    private readonly onError: (e: unknown) => void,
  ) {}

  get running(): boolean {
    return !this.stopped;
  }

  /** Resolves after `ms`, or at once on {@link stop}. */
  sleep(ms: number): Promise<void> {
    return new Promise((done) => {
      const wake = (): void => {
        clearTimeout(t);
        this.wakers.delete(wake);
        done();
      };
      const t = setTimeout(wake, ms);
      t.unref();
      this.wakers.add(wake);
    });
  }

  /** Runs `step` until it succeeds (true) or the loops stop (false), retrying after retryMs. */
  async until(step: () => Promise<unknown>): Promise<boolean> {
    for (;;) {
      const ok = await this.attempt(step);
      if (ok !== false) return ok === true;
      await this.sleep(this.retryMs);
    }
  }

  /** Runs `step` again and again, `pauseMs` after each success, until the loops stop. */
  forever(step: () => Promise<unknown>, pauseMs: number): void {
    void (async () => {
      while (await this.until(step)) if (pauseMs > 0) await this.sleep(pauseMs);
    })();
  }

  /**
   * Runs `step` again and again while `wanted()`; after `maxFailures` failures in a row it
   * stops and calls `giveUp` (not when the loops were stopped).
   */
  watch(step: () => Promise<unknown>, wanted: () => boolean, maxFailures: number, giveUp: () => void): void {
    void (async () => {
      let failures = 0;
      while (this.running && wanted()) {
        const ok = await this.attempt(step);
        if (ok === undefined) return;
        if (ok) failures = 0;
        else if (++failures >= maxFailures) return giveUp();
        else await this.sleep(this.retryMs);
      }
    })();
  }

  stop(): void {
    this.stopped = true;
    for (const wake of [...this.wakers]) wake();
  }

  /** true: done; false: failed (reported); undefined: stopped. */
  private async attempt(step: () => Promise<unknown>): Promise<boolean | undefined> {
    if (this.stopped) return undefined;
    try {
      await step();
      return true;
    } catch (e) {
      if (this.stopped) return undefined;
      this.onError(e);
      return false;
    }
  }
}
