/**
 * A small, fast, seeded pseudorandom number generator: xoshiro128** 1.1, whose 128-bit state is
 * filled from the seed by splitmix32. The same seed gives the same stream on every platform and
 * run (pure 32-bit integer arithmetic through `Math.imul` and unsigned shifts).
 *
 *   output  = rotl(s1 · 5, 7) · 9                (mod 2³²)
 *   update  = xor-shift-rotate linear engine of period 2¹²⁸ − 1
 *
 * Doubles in [0, 1) take 53 random bits from two outputs, (a·2²⁶ + b)/2⁵³; integers in [0, n)
 * use rejection sampling on 32-bit outputs, so they carry no modulo bias.
 *
 * Sources: D. Blackman and S. Vigna, "Scrambled Linear Pseudorandom Number Generators", ACM
 * Transactions on Mathematical Software 47(4) (2021), and the reference C code
 * https://prng.di.unimi.it/xoshiro128starstar.c; G. L. Steele, D. Lea and C. H. Flood, "Fast
 * Splittable Pseudorandom Number Generators", OOPSLA 2014 (SplitMix), here with the 32-bit
 * MurmurHash3 `fmix32` finaliser (A. Appleby, MurmurHash3, 2011) as its mixing function.
 */
import { require } from '../core/errors.js';

/** A seeded generator of uniform variates. */
export interface Rng {
  /** A uniform double in [0, 1) with 53 random bits. */
  next(): number;
  /** A uniform integer in [0, n) for an integer 1 ≤ n ≤ 2³², without modulo bias. */
  nextInt(n: number): number;
  /** The next raw 32-bit output, an integer in [0, 2³²). */
  nextUint32(): number;
}

const TWO_32 = 4294967296;
/** SplitMix's increment, ⌊2³²/φ⌋ (the golden ratio), used to fill a state from a seed. */
export const GOLDEN_GAMMA = 0x9e3779b9;

/** MurmurHash3's 32-bit finaliser: a bijective avalanche mix of a 32-bit word. */
export function fmix32(h: number): number {
  let z = h | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Advances a xoshiro128** state (four 32-bit words, not all zero) in place and returns the
 * next output. A kernel: no validation.
 *
 * @example
 * const s = new Uint32Array([1, 2, 3, 4]);
 * xoshiro128ss(s); // => 11520 (the reference C code gives 11520, 0, 5927040, 70819200, …)
 */
export function xoshiro128ss(s: Uint32Array): number {
  const s0 = s[0] as number;
  const s1 = s[1] as number;
  const s2 = s[2] as number;
  const s3 = s[3] as number;
  const m = Math.imul(s1, 5);
  const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
  const t = s1 << 9;
  const n2 = s2 ^ s0;
  const n3 = s3 ^ s1;
  s[1] = s1 ^ n2;
  s[0] = s0 ^ n3;
  s[2] = n2 ^ t;
  s[3] = (n3 << 11) | (n3 >>> 21);
  return result;
}

/**
 * Creates a generator from an integer seed. The seed's low and high 32-bit halves both enter
 * the splitmix32 stream that fills the state, so every safe integer gives its own stream.
 *
 * @throws TradesizeError INVALID_INPUT when the seed is not a safe integer.
 * @example
 * const rng = createRng(42);
 * rng.next();      // => a double in [0, 1), the same on every run
 * rng.nextInt(6);  // => an integer in {0, …, 5}
 */
export function createRng(seed: number): Rng {
  require(Number.isSafeInteger(seed), 'createRng: seed must be a safe integer', ['seed']);
  const low = seed >>> 0;
  const high = Math.floor(seed / TWO_32) >>> 0;
  let sm = (low ^ fmix32(high)) >>> 0;
  const state = new Uint32Array(4);
  for (let i = 0; i < 4; i++) {
    sm = (sm + GOLDEN_GAMMA) >>> 0;
    state[i] = fmix32(sm);
  }
  // fmix32 is a bijection of a non-repeating sequence, so the four words are never all zero.
  const nextUint32 = (): number => xoshiro128ss(state);
  return {
    nextUint32,
    next(): number {
      const a = nextUint32() >>> 5;
      const b = nextUint32() >>> 6;
      return (a * 67108864 + b) / 9007199254740992;
    },
    nextInt(n: number): number {
      require(Number.isInteger(n) && n >= 1 && n <= TWO_32, 'nextInt: n must be an integer in [1, 2^32]', ['n']);
      // Accept only outputs below the largest multiple of n, so every residue is equally likely.
      const limit = TWO_32 - (TWO_32 % n);
      for (;;) {
        const u = nextUint32();
        if (u < limit) return u % n;
      }
    },
  };
}
