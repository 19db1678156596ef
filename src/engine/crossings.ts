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
 * Two heaps per mark over typed arrays (Williams 1964; Cormen et al., "Introduction to
 * Algorithms", §6.5 priority queues; 4-ary, as below): push and pop are O(log n), a tick costs
 * O(k log n) for the k levels it crosses, and 16 bytes per entry.
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

/** Versions are kept modulo 2^28 in an entry; slots below 2^25. */
export const VERSION_MODULUS = 2 ** 28;
const SLOTS = 2 ** 25;

/**
 * A 4-ary heap of (level, slot, version) entries; `max` puts the largest level on top. Each
 * entry is two adjacent doubles, its level and slot·2^28 + version (exact below 2^53), so a step
 * of a sift touches one cache line, and a node's four children share one (LaMarca and Ladner,
 * "The influence of caches on the performance of heaps", ACM JEA 1, 1996): half the depth of a
 * binary heap, a third of its memory reads.
 */
export class LevelHeap {
  private data = new Float64Array(128);
  size = 0;

  constructor(private readonly max: boolean) {}

  push(level: number, slot: number, version: number): void {
    if (slot < 0 || slot >= SLOTS) throw new RangeError(`slot ${slot} outside the crossing index's range`);
    if (2 * this.size === this.data.length) this.grow();
    const d = this.data;
    const max = this.max;
    const packed = slot * VERSION_MODULUS + (version % VERSION_MODULUS);
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const p = d[2 * parent] as number;
      if (max ? !(level > p) : !(level < p)) break;
      d[2 * i] = p;
      d[2 * i + 1] = d[2 * parent + 1] as number;
      i = parent;
    }
    d[2 * i] = level;
    d[2 * i + 1] = packed;
  }

  /** The top level, or NaN when empty. */
  top(): number {
    return this.size === 0 ? NaN : (this.data[0] as number);
  }

  /** Removes the top entry and passes its slot and version to `visit`. */
  pop(visit: (slot: number, version: number) => void): void {
    const packed = this.data[1] as number;
    const n = --this.size;
    if (n > 0) this.siftDownFrom(0, this.data[2 * n] as number, this.data[2 * n + 1] as number);
    const slot = Math.floor(packed / VERSION_MODULUS);
    visit(slot, packed - slot * VERSION_MODULUS);
  }

  private grow(): void {
    const data = new Float64Array(this.data.length * 2);
    data.set(this.data);
    this.data = data;
  }

  /** Keeps only the entries `live` accepts, then restores the heap order (Floyd's O(n) build). */
  compact(live: (slot: number, version: number) => boolean): void {
    const d = this.data;
    let n = 0;
    for (let i = 0; i < this.size; i++) {
      const packed = d[2 * i + 1] as number;
      const slot = Math.floor(packed / VERSION_MODULUS);
      if (!live(slot, packed - slot * VERSION_MODULUS)) continue;
      d[2 * n] = d[2 * i] as number;
      d[2 * n + 1] = packed;
      n++;
    }
    this.size = n;
    for (let i = ((n - 2) >> 2); i >= 0; i--) this.siftDownFrom(i, d[2 * i] as number, d[2 * i + 1] as number);
  }

  private siftDownFrom(start: number, level: number, packed: number): void {
    const d = this.data;
    const n = this.size;
    const max = this.max;
    let i = start;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      // The child that belongs on top among the (up to) four.
      let c = first;
      let best = d[2 * first] as number;
      const last = Math.min(first + 4, n);
      for (let k = first + 1; k < last; k++) {
        const x = d[2 * k] as number;
        if (max ? x > best : x < best) {
          best = x;
          c = k;
        }
      }
      if (max ? !(best > level) : !(best < level)) break;
      d[2 * i] = best;
      d[2 * i + 1] = d[2 * c + 1] as number;
      i = c;
    }
    d[2 * i] = level;
    d[2 * i + 1] = packed;
  }

  /** Bytes held by the typed array. */
  get bytes(): number {
    return this.data.byteLength;
  }

  /** The entries as they lie in the heap (copies), for a snapshot. */
  state(): HeapState {
    const n = this.size;
    const level = new Float64Array(n);
    const slot = new Int32Array(n);
    const version = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      level[i] = this.data[2 * i] as number;
      const packed = this.data[2 * i + 1] as number;
      const s = Math.floor(packed / VERSION_MODULUS);
      slot[i] = s;
      version[i] = packed - s * VERSION_MODULUS;
    }
    return { level, slot, version };
  }

  /** A heap holding exactly `state`'s entries in the same order. */
  static fromState(max: boolean, state: HeapState): LevelHeap {
    const h = new LevelHeap(max);
    const n = state.level.length;
    h.data = new Float64Array(Math.max(128, 2 * n));
    for (let i = 0; i < n; i++) {
      h.data[2 * i] = state.level[i] as number;
      h.data[2 * i + 1] = (state.slot[i] as number) * VERSION_MODULUS + (state.version[i] as number);
    }
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
