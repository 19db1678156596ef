/**
 * The engine behind the API: every command is committed to the log before the engine applies
 * it, so nothing is answered or broadcast that is not on disk. When a commit fails (disk full,
 * I/O error) the service stops taking commands: mutations and order checks answer 503
 * STORAGE_ERROR (a decision that cannot be persisted is never acknowledged), reads go on.
 *
 * Group commit: the commands that arrive within one turn of the event loop (`submit`) are
 * committed in one transaction, one fsync for all of them, then applied in order and answered
 * (the classic group commit of database logs; SQLite, "Transactions" and WAL, where each commit
 * with synchronous=FULL costs one fsync).
 *
 * Snapshots: every `server.snapshotEveryCommands` commands and on close, the engine's state
 * (RiskEngine.snapshot) is stored with the number of commands it covers; a restart takes the
 * latest one taken under the same configuration and replays only the commands after it, so
 * restarting does not take longer as the log grows.
 */
import { isTradesizeError } from '../core/errors.js';
import { RiskEngine, type EngineEvent, type EngineOptions } from '../engine/engine.js';
import { applyCommand, type Command } from './commands.js';
import { HTTP_ERROR_CODES, type HttpErrorCode } from './http-codes.js';
import type { CommandStore } from './store.js';

/** An error with an HTTP status, written as `{"error": {code, message, path}}`. */
export class HttpError extends Error {
  readonly status: number;

  constructor(
    readonly code: HttpErrorCode,
    message: string,
    readonly path: readonly (string | number)[] = [],
  ) {
    super(message);
    this.status = HTTP_ERROR_CODES[code][0];
  }
}

export class Service {
  readonly engine: RiskEngine;
  private failure: Error | null = null;
  /** Commands applied so far (replayed and live): the log position the engine is at. */
  private applied = 0;
  /** Commands waiting for the next group commit, with their callers. */
  private readonly queue: { cmd: Command; resolve: (v: unknown) => void; reject: (e: unknown) => void }[] = [];
  private flushing = false;
  /** Events applied but not stored yet (they go with the next commit). */
  private pending: EngineEvent[] = [];

  /** Commands applied when the last snapshot was stored. */
  private snapshotAt = 0;

  constructor(
    private readonly store: CommandStore,
    config: unknown,
    options: EngineOptions = {},
    /** Store an engine snapshot every this many commands (0: only on close). */
    private readonly snapshotEvery = 0,
  ) {
    // Start from the latest snapshot taken under this configuration, then replay the commands after it.
    const snap = store.latestSnapshot();
    const restored = snap === null ? null : RiskEngine.fromSnapshot(snap.body, config, { ...options, keepEvents: false });
    this.engine = restored ?? new RiskEngine(config, { ...options, keepEvents: false });
    if (restored !== null && snap !== null) this.applied = this.snapshotAt = snap.commands;
    // Events are stored with the next commit; on a replay only those not stored yet are kept.
    const stored = store.lastEventSeq();
    this.engine.subscribe((e) => {
      if (e.seq > stored) this.pending.push(e);
    });
    for (const c of store.replay(this.applied)) {
      this.applied++;
      try {
        applyCommand(this.engine, c);
      } catch (e) {
        if (!isTradesizeError(e)) throw e; // the same bad input was refused live too
      }
    }
  }

  /** The storage failure that stopped the service, if any. */
  get failed(): Error | null {
    return this.failure;
  }

  /** Commits `cmd` now, then applies it; throws an HttpError for a failed commit, or the engine's error for bad input. */
  execute(cmd: Command): unknown {
    this.commit([cmd]);
    this.applied++;
    const out = applyCommand(this.engine, cmd);
    this.maybeSnapshot();
    return out;
  }

  /**
   * Stores a snapshot of the engine as of the commands applied so far (every command before it
   * is committed, since commands are committed before they are applied). It blocks while the
   * state is serialised; a snapshot that cannot be stored loses nothing (the log has it all).
   */
  snapshot(): void {
    if (this.failure !== null || this.applied === this.snapshotAt) return;
    try {
      this.store.saveSnapshot(this.applied, this.engine.snapshot());
      this.snapshotAt = this.applied;
    } catch {
      // the command log is complete without it; the next snapshot tries again
    }
  }

  private maybeSnapshot(): void {
    if (this.snapshotEvery > 0 && this.applied - this.snapshotAt >= this.snapshotEvery) this.snapshot();
  }

  /** Queues `cmd` for the next group commit; resolves with the engine's answer once it is on disk and applied. */
  submit(cmd: Command): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.queue.push({ cmd, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushing = false;
    const batch = this.queue.splice(0);
    try {
      this.commit(batch.map((b) => b.cmd));
    } catch (e) {
      for (const b of batch) b.reject(e);
      return;
    }
    for (const b of batch) {
      this.applied++;
      try {
        b.resolve(applyCommand(this.engine, b.cmd));
      } catch (e) {
        b.reject(e);
      }
    }
    this.maybeSnapshot();
  }

  private commit(cmds: readonly Command[]): void {
    if (this.failure !== null) throw new HttpError('STORAGE_ERROR', `storage failed earlier (${this.failure.message}): no new commands until restart`);
    try {
      this.store.append(cmds, this.pending);
      this.pending = [];
    } catch (e) {
      this.failure = e instanceof Error ? e : new Error(String(e));
      throw new HttpError('STORAGE_ERROR', `could not persist the command (${this.failure.message}); the engine takes no new risk`);
    }
  }

  /** Commands applied so far: it changes exactly when the engine may have (a cheap change check for views). */
  get commands(): number {
    return this.applied;
  }

  /** Where the engine is: commands applied and the state hash (equal after a restart that replayed them). */
  state(): { commands: number; hash: string } {
    return { commands: this.applied, hash: this.engine.stateHash() };
  }

  subscribe(fn: (e: EngineEvent) => void): () => void {
    return this.engine.subscribe(fn);
  }

  /** Every event of an account (or all), oldest first: the stored ones and those still pending. */
  events(account?: string): EngineEvent[] {
    const pending = account === undefined ? this.pending : this.pending.filter((e) => 'account' in e && e.account === account);
    return [...this.store.events(account), ...pending];
  }

  close(): void {
    if (this.failure === null && this.pending.length > 0) this.store.append([], this.pending);
    this.snapshot();
    this.store.close();
  }
}
