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
 * Two binary heaps per mark over typed arrays (Williams 1964; Cormen et al., "Introduction to
 * Algorithms", §6.5 priority queues): push and pop are O(log n), a tick costs O(k log n) for the
 * k levels it crosses, and 16 bytes per entry.
 *
 * @example
 * const x = new CrossingIndex();
 * x.add('low', 'down', 59000, 7, 1);   // account slot 7 (version 1): recheck when low ≤ 59000
 * x.crossed(59500, 60100, (slot, version) => {}); // nothing
 * x.crossed(58990, 59010, (slot, version) => {}); // calls (7, 1)
 */

/**
 * Which mark a level is compared with: the lowest or highest valid price, or that price scaled
 * by the market's current probability distance, low·e^{−d*} and high·e^{d*} (./levels.ts
 * `hitDistance`), so that a level on a liquidation price itself tells when the probability of
 * reaching it crosses its threshold, at whatever σ: a change of σ moves the scaled marks, not
 * the levels.
 */
export type Mark = 'low' | 'high' | 'lowScaled' | 'highScaled';
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

/** The marks, in the order of the heaps: a mark's down heap is at 2·i, its up heap at 2·i + 1. */
const MARKS: readonly Mark[] = ['low', 'high', 'lowScaled', 'highScaled'];

export class CrossingIndex {
  /** Per mark: crossed downward (a max-heap: the highest level is the first a falling mark reaches), then upward (a min-heap). */
  private heaps: LevelHeap[] = MARKS.flatMap(() => [new LevelHeap(true), new LevelHeap(false)]);

  /** The heaps' entries (per mark: down, up), for a snapshot. */
  state(): readonly HeapState[] {
    return this.heaps.map((h) => h.state());
  }

  /** An index holding exactly `state`'s entries. */
  static fromState(state: readonly HeapState[]): CrossingIndex {
    const x = new CrossingIndex();
    x.heaps = state.map((h, i) => LevelHeap.fromState(i % 2 === 0, h));
    return x;
  }

  add(mark: Mark, direction: Direction, level: number, slot: number, version: number): void {
    if (!(level > 0) || !Number.isFinite(level)) return;
    (this.heaps[2 * MARKS.indexOf(mark) + (direction === 'down' ? 0 : 1)] as LevelHeap).push(level, slot, version);
  }

  /** Pops every level that the marks reach, passing each entry to `visit` (the scaled marks default to the plain ones). */
  crossed(low: number, high: number, visit: (slot: number, version: number) => void, lowScaled = low, highScaled = high): void {
    const h = this.heaps;
    popWhile(h[0] as LevelHeap, low, true, visit);
    popWhile(h[1] as LevelHeap, low, false, visit);
    popWhile(h[2] as LevelHeap, high, true, visit);
    popWhile(h[3] as LevelHeap, high, false, visit);
    popWhile(h[4] as LevelHeap, lowScaled, true, visit);
    popWhile(h[5] as LevelHeap, lowScaled, false, visit);
    popWhile(h[6] as LevelHeap, highScaled, true, visit);
    popWhile(h[7] as LevelHeap, highScaled, false, visit);
  }

  /** Entries held (live and stale). */
  get size(): number {
    return this.heaps.reduce((n, h) => n + h.size, 0);
  }

  /** Drops stale entries (those `live` rejects). */
  compact(live: (slot: number, version: number) => boolean): void {
    for (const h of this.heaps) h.compact(live);
  }

  get bytes(): number {
    return this.heaps.reduce((n, h) => n + h.bytes, 0);
  }
}

/** Pops the levels a mark reaches: down heaps while top ≥ mark, up heaps while top ≤ mark. */
function popWhile(h: LevelHeap, mark: number, down: boolean, visit: (slot: number, version: number) => void): void {
  while (h.size > 0 && (down ? h.top() >= mark : h.top() <= mark)) h.pop(visit);
}
