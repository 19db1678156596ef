/**
 * The crossing index of one market: the prices at which something about a position changes
 * (its liquidation price, an alert threshold, a protection, the edge of its recheck band), so
 * that a tick touches only the positions whose levels it crosses instead of revaluing every
 * position on every tick. Each level says which mark it is compared with (a long is valued at
 * the market's lowest valid price, a short at the highest: ./account.ts) and in which
 * direction it is crossed; a tick pops every level its marks reach and returns the accounts to
 * recheck. Entries carry the account's version at insertion: an account rechecked since has a
 * newer version and its old entries are dropped when they surface (lazy deletion).
 *
 * Four binary heaps over typed arrays (Williams 1964; Cormen et al., "Introduction to
 * Algorithms", §6.5 priority queues): push and pop are O(log n), a tick costs O(k log n) for the
 * k levels it crosses, and 16 bytes per entry.
 *
 * @example
 * const x = new CrossingIndex();
 * x.add('low', 'down', 59000, 7, 1);   // account slot 7 (version 1): recheck when low ≤ 59000
 * x.crossed(59500, 60100, (slot, version) => {}); // nothing
 * x.crossed(58990, 59010, (slot, version) => {}); // calls (7, 1)
 */

/** Which mark a level is compared with. */
export type Mark = 'low' | 'high';
/** `down`: crossed when the mark falls to or below the level; `up`: rises to or above it. */
export type Direction = 'down' | 'up';

/** A binary heap of (level, slot, version); `max` puts the largest level on top. */
export class LevelHeap {
  private level = new Float64Array(64);
  private slot = new Int32Array(64);
  private version = new Int32Array(64);
  size = 0;

  constructor(private readonly max: boolean) {}

  /** Whether `a` belongs above `b`. */
  private above(a: number, b: number): boolean {
    return this.max ? a > b : a < b;
  }

  push(level: number, slot: number, version: number): void {
    if (this.size === this.level.length) this.grow();
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = this.level[parent] as number;
      if (!this.above(level, p)) break;
      this.level[i] = p;
      this.slot[i] = this.slot[parent] as number;
      this.version[i] = this.version[parent] as number;
      i = parent;
    }
    this.level[i] = level;
    this.slot[i] = slot;
    this.version[i] = version;
  }

  /** The top level, or NaN when empty. */
  top(): number {
    return this.size === 0 ? NaN : (this.level[0] as number);
  }

  /** Removes the top entry and passes its slot and version to `visit`. */
  pop(visit: (slot: number, version: number) => void): void {
    const slot = this.slot[0] as number;
    const version = this.version[0] as number;
    const n = --this.size;
    if (n > 0) this.siftDownFrom(0, this.level[n] as number, this.slot[n] as number, this.version[n] as number);
    visit(slot, version);
  }

  private grow(): void {
    const n = this.level.length * 2;
    const level = new Float64Array(n);
    level.set(this.level);
    const slot = new Int32Array(n);
    slot.set(this.slot);
    const version = new Int32Array(n);
    version.set(this.version);
    this.level = level;
    this.slot = slot;
    this.version = version;
  }

  /** Keeps only the entries `live` accepts, then restores the heap order (Floyd's O(n) build). */
  compact(live: (slot: number, version: number) => boolean): void {
    let n = 0;
    for (let i = 0; i < this.size; i++) {
      const s = this.slot[i] as number;
      const v = this.version[i] as number;
      if (!live(s, v)) continue;
      this.level[n] = this.level[i] as number;
      this.slot[n] = s;
      this.version[n] = v;
      n++;
    }
    this.size = n;
    for (let i = (n >> 1) - 1; i >= 0; i--) {
      const level = this.level[i] as number;
      const slot = this.slot[i] as number;
      const version = this.version[i] as number;
      this.siftDownFrom(i, level, slot, version);
    }
  }

  private siftDownFrom(start: number, level: number, slot: number, version: number): void {
    const n = this.size;
    let i = start;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.above(this.level[c + 1] as number, this.level[c] as number)) c++;
      if (!this.above(this.level[c] as number, level)) break;
      this.level[i] = this.level[c] as number;
      this.slot[i] = this.slot[c] as number;
      this.version[i] = this.version[c] as number;
      i = c;
    }
    this.level[i] = level;
    this.slot[i] = slot;
    this.version[i] = version;
  }

  /** Bytes held by the typed arrays. */
  get bytes(): number {
    return this.level.byteLength + this.slot.byteLength + this.version.byteLength;
  }

  /** The entries as they lie in the heap (copies), for a snapshot. */
  state(): HeapState {
    return { level: this.level.slice(0, this.size), slot: this.slot.slice(0, this.size), version: this.version.slice(0, this.size) };
  }

  /** A heap holding exactly `state`'s entries in the same order. */
  static fromState(max: boolean, state: HeapState): LevelHeap {
    const h = new LevelHeap(max);
    const n = state.level.length;
    h.level = new Float64Array(Math.max(64, n));
    h.level.set(state.level);
    h.slot = new Int32Array(Math.max(64, n));
    h.slot.set(state.slot);
    h.version = new Int32Array(Math.max(64, n));
    h.version.set(state.version);
    h.size = n;
    return h;
  }
}

/** A heap's entries in heap order. */
export interface HeapState {
  readonly level: Float64Array;
  readonly slot: Int32Array;
  readonly version: Int32Array;
}

export class CrossingIndex {
  /** Crossed downward: max-heaps (the highest level is the first a falling mark reaches). */
  private lowDown = new LevelHeap(true);
  private highDown = new LevelHeap(true);
  /** Crossed upward: min-heaps. */
  private lowUp = new LevelHeap(false);
  private highUp = new LevelHeap(false);

  /** The four heaps' entries, for a snapshot. */
  state(): readonly HeapState[] {
    return [this.lowDown.state(), this.lowUp.state(), this.highDown.state(), this.highUp.state()];
  }

  /** An index holding exactly `state`'s entries. */
  static fromState(state: readonly HeapState[]): CrossingIndex {
    const x = new CrossingIndex();
    const [lowDown, lowUp, highDown, highUp] = state as [HeapState, HeapState, HeapState, HeapState];
    x.lowDown = LevelHeap.fromState(true, lowDown);
    x.lowUp = LevelHeap.fromState(false, lowUp);
    x.highDown = LevelHeap.fromState(true, highDown);
    x.highUp = LevelHeap.fromState(false, highUp);
    return x;
  }

  add(mark: Mark, direction: Direction, level: number, slot: number, version: number): void {
    if (!(level > 0) || !Number.isFinite(level)) return;
    const heap = mark === 'low' ? (direction === 'down' ? this.lowDown : this.lowUp) : direction === 'down' ? this.highDown : this.highUp;
    heap.push(level, slot, version);
  }

  /** Pops every level that the marks `low` and `high` reach, passing each entry to `visit`. */
  crossed(low: number, high: number, visit: (slot: number, version: number) => void): void {
    while (this.lowDown.size > 0 && this.lowDown.top() >= low) this.lowDown.pop(visit);
    while (this.lowUp.size > 0 && this.lowUp.top() <= low) this.lowUp.pop(visit);
    while (this.highDown.size > 0 && this.highDown.top() >= high) this.highDown.pop(visit);
    while (this.highUp.size > 0 && this.highUp.top() <= high) this.highUp.pop(visit);
  }

  /** Entries held (live and stale). */
  get size(): number {
    return this.lowDown.size + this.lowUp.size + this.highDown.size + this.highUp.size;
  }

  /** Drops stale entries (those `live` rejects). */
  compact(live: (slot: number, version: number) => boolean): void {
    for (const h of [this.lowDown, this.lowUp, this.highDown, this.highUp]) h.compact(live);
  }

  get bytes(): number {
    return this.lowDown.bytes + this.lowUp.bytes + this.highDown.bytes + this.highUp.bytes;
  }
}
