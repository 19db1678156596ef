/**
 * The engine's durable command log in SQLite (better-sqlite3): every command that changes the
 * engine is committed, with its engine time, before it is applied and answered. The engine is
 * deterministic, so replaying the log rebuilds it exactly (same `stateHash`), events included.
 *
 * WAL journal with `synchronous=FULL`: a commit is on disk (fsync of the WAL) when it returns, so
 * a `kill -9` or power loss after an acknowledgement cannot lose it (SQLite, "Write-Ahead
 * Logging" and "PRAGMA synchronous"). Schema migrations are versioned in `PRAGMA user_version`.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { Command } from './commands.js';
import type { EngineEvent } from '../engine/engine.js';

/** Migrations in order; index i takes the database from version i to i + 1. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE commands (
     seq  INTEGER PRIMARY KEY,
     at   INTEGER NOT NULL,
     body TEXT    NOT NULL
   )`,
  // The engine's events, derived from the commands (so their seq is the same on every replay).
  `CREATE TABLE events (
     seq     INTEGER PRIMARY KEY,
     account TEXT,
     body    TEXT NOT NULL
   );
   CREATE INDEX events_by_account ON events (account, seq)`,
  // Engine snapshots (RiskEngine.snapshot) after a number of commands: a restart replays only the commands after the latest.
  `CREATE TABLE snapshots (
     commands INTEGER PRIMARY KEY,
     body     BLOB NOT NULL
   )`,
];

/** What the service needs from storage (a test may wrap it to inject failures). */
export interface CommandStore {
  /**
   * Commits commands (a batch in one transaction) and, in the same transaction, events derived
   * from earlier commands (kept once per seq); throws when it is not on disk.
   */
  append(commands: readonly Command[], events?: readonly EngineEvent[]): void;
  /** The stored events of an account (or all), oldest first. */
  events(account?: string): EngineEvent[];
  /** The highest stored event seq (0 when none). */
  lastEventSeq(): number;
  /** Every committed command after the first `after` (default 0: all), oldest first. */
  replay(after?: number): Iterable<Command>;
  /** Stores an engine snapshot taken after `commands` commands (and drops older ones). */
  saveSnapshot(commands: number, body: Uint8Array): void;
  /** The latest snapshot, or null. */
  latestSnapshot(): { commands: number; body: Uint8Array } | null;
  close(): void;
  readonly path: string;
}

/** Opens (creating and migrating as needed) `DIR/engine.sqlite`. */
export function openStore(dataDir: string): CommandStore {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, 'engine.sqlite');
  const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  migrate(db);
  const insert = db.prepare<[number, string]>('INSERT INTO commands (at, body) VALUES (?, ?)');
  const insertEvent = db.prepare<[number, string | null, string]>('INSERT OR IGNORE INTO events (seq, account, body) VALUES (?, ?, ?)');
  const appendAll = db.transaction((cmds: readonly Command[], events: readonly EngineEvent[]) => {
    for (const c of cmds) insert.run(c.at, JSON.stringify(c));
    for (const e of events) insertEvent.run(e.seq, 'account' in e ? e.account : null, JSON.stringify(e));
  });
  const byAccount = db.prepare<[string], { body: string }>('SELECT body FROM events WHERE account = ? ORDER BY seq');
  const all = db.prepare<[], { body: string }>('SELECT body FROM events ORDER BY seq');
  const last = db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM events');
  const putSnapshot = db.prepare<[number, Uint8Array]>('INSERT OR REPLACE INTO snapshots (commands, body) VALUES (?, ?)');
  const dropSnapshots = db.prepare<[number]>('DELETE FROM snapshots WHERE commands < ?');
  const latest = db.prepare<[], { commands: number; body: Uint8Array }>('SELECT commands, body FROM snapshots ORDER BY commands DESC LIMIT 1');
  const saveSnapshot = db.transaction((commands: number, body: Uint8Array) => {
    putSnapshot.run(commands, body);
    dropSnapshots.run(commands);
  });
  return {
    path,
    append: (cmds, events = []) => appendAll(cmds, events),
    events: (account) => (account === undefined ? all.all() : byAccount.all(account)).map((r) => JSON.parse(r.body) as EngineEvent),
    lastEventSeq: () => last.get()?.seq ?? 0,
    *replay(after = 0) {
      // Commands are numbered 1, 2, … (rowids; none is ever deleted), so "after n commands" is seq > n.
      for (const row of db.prepare<[number], { body: string }>('SELECT body FROM commands WHERE seq > ? ORDER BY seq').iterate(after)) yield JSON.parse(row.body) as Command;
    },
    saveSnapshot: (commands, body) => saveSnapshot(commands, body),
    latestSnapshot: () => latest.get() ?? null,
    close: () => db.close(),
  };
}

function migrate(db: BetterSqlite3.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) throw new Error(`engine.sqlite is at schema version ${version}, newer than this tradesize (${MIGRATIONS.length})`);
  db.transaction(() => {
    for (let v = version; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v] as string);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  })();
}
