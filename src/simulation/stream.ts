/**
 * The random stream of one chunk of Monte Carlo paths: xoshiro128** seeded from (seed, chunk),
 * with uniform, normal, gamma and Student-t variates. Pure, dependency-free code (it also runs inside
 * the worker threads).
 *
 * Seeding: the chunk's 128-bit state is filled by splitmix32 (as `createRng` in
 * src/stats/random.ts) from the key k = fmix32(low ⊕ fmix32(high ⊕ fmix32(chunk ⊕ 0x6a09e667))),
 * low and high being the seed's 32-bit halves: for a fixed seed, chunk ↦ k is a bijection, so
 * no two chunks of one run start from the same state, and a chunk's stream depends only on
 * (seed, chunk) — never on which thread runs it. (Streams of 2¹²⁸ − 1 outputs started at
 * 2³² hashed points overlap with probability ≈ m²·L/2¹²⁸ for m chunks of L draws: nil.)
 *
 * Normals: the ziggurat of Marsaglia & Tsang with 128 layers, in Doornik's ZIGNOR arrangement:
 * one 32-bit output gives the layer (its low 7 bits) and, from its other 25 bits, a uniform
 * u ∈ (−1, 1) — disjoint bits, which avoids the layer/value correlation Doornik found in the
 * original 32-bit version; x = u·X_i is accepted at once when |u| < X_{i+1}/X_i (about 98.8 %
 * of draws), else the wedge test or, in the base layer, Marsaglia's tail method beyond R.
 *
 * Student-t: T = Z/√(χ²_ν/ν) with Z normal and χ²_ν = 2·G, G ~ Gamma(ν/2, 1) drawn by
 * Marsaglia and Tsang's method (d = α − ⅓, c = 1/√(9d): x normal, v = (1 + cx)³ > 0, accept d·v
 * when U < 1 − 0.0331x⁴ or ln U < x²/2 + d(1 − v + ln v); for α < 1, G_α = G_{α+1}·U^{1/α}) —
 * exact, and about three times faster here than a polar method that needs a power per draw.
 *
 * Sources: D. Blackman and S. Vigna, "Scrambled Linear Pseudorandom Number Generators", ACM TOMS
 * 47(4) (2021); G. Marsaglia and W. W. Tsang, "The Ziggurat Method for Generating Random
 * Variables", Journal of Statistical Software 5(8) (2000); J. A. Doornik, "An Improved Ziggurat
 * Method to Generate Normal Random Samples" (2005, ZIGNOR: R = 3.442619855899,
 * V = 9.91256303526217e-3); G. Marsaglia and W. W. Tsang, "A Simple Method for Generating
 * Gamma Variables", ACM Transactions on Mathematical Software 26(3) (2000) 363–372.
 */
import { fmix32, GOLDEN_GAMMA } from '../stats/random.js';

const TWO_32 = 4294967296;
const TWO_M24 = 1 / 16777216;
const TWO_M53 = 1 / 9007199254740992;

/** Ziggurat layer count, base-layer edge R and layer area V (Doornik 2005). */
const LAYERS = 128;
const R = 3.442619855899;
const V = 9.91256303526217e-3;

/** X_0 … X_128 (X_0 = V/f(R) the base layer's pseudo-width, X_1 = R, X_128 = 0) and X_{i+1}/X_i. */
function zigguratTables(): { x: Float64Array; ratio: Float64Array } {
  const x = new Float64Array(LAYERS + 1);
  let f = Math.exp(-0.5 * R * R);
  x[0] = V / f;
  x[1] = R;
  for (let i = 2; i < LAYERS; i++) {
    const xi = Math.sqrt(-2 * Math.log(V / (x[i - 1] as number) + f));
    x[i] = xi;
    f = Math.exp(-0.5 * xi * xi);
  }
  x[LAYERS] = 0;
  const ratio = new Float64Array(LAYERS);
  for (let i = 0; i < LAYERS; i++) ratio[i] = (x[i + 1] as number) / (x[i] as number);
  return { x, ratio };
}

const TABLES = zigguratTables();
/** Layer edges X_i of the ziggurat (read-only). */
export const ZIG_X: Float64Array = TABLES.x;
/** X_{i+1}/X_i: |u| below it is accepted without a density evaluation (read-only). */
export const ZIG_RATIO: Float64Array = TABLES.ratio;

/** One chunk's generator. `state` is public so hot loops can keep it in locals and write it back. */
export class Stream {
  /** xoshiro128** state, four 32-bit words (never all zero). */
  readonly state = new Int32Array(4);

  /**
   * @param seed - a safe integer (validated by the caller)
   * @param chunk - the chunk index, an integer in [0, 2³²)
   */
  constructor(seed: number, chunk: number) {
    const low = seed >>> 0;
    const high = Math.floor(seed / TWO_32) >>> 0;
    let sm = fmix32(low ^ fmix32(high ^ fmix32((chunk ^ 0x6a09e667) >>> 0)));
    for (let i = 0; i < 4; i++) {
      sm = (sm + GOLDEN_GAMMA) >>> 0;
      this.state[i] = fmix32(sm);
    }
  }

  /** The next raw output as a signed 32-bit integer (reinterpret with `>>> 0`). */
  int32(): number {
    // Inlined copy of `xoshiro128ss` (../stats/random.ts) in int32 arithmetic for the Monte Carlo benchmark (test/simulation/stream.test.ts checks identical streams).
    const s = this.state;
    const s0 = s[0] as number;
    const s1 = s[1] as number;
    const s2 = s[2] as number;
    const s3 = s[3] as number;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    s[1] = s1 ^ n2;
    s[0] = s0 ^ n3;
    s[2] = n2 ^ t;
    s[3] = (n3 << 11) | (n3 >>> 21);
    return result;
  }

  /** A uniform double in the open interval (0, 1), 53 random bits. */
  uniform(): number {
    const a = (this.int32() >>> 5) * 67108864;
    const b = this.int32() >>> 6;
    return (a + b + 0.5) * TWO_M53;
  }

  /** A standard normal variate (ziggurat; see the module doc). */
  normal(): number {
    const r = this.int32();
    const i = r & 127;
    const u = ((r >> 7) + 0.5) * TWO_M24;
    if (Math.abs(u) < (ZIG_RATIO[i] as number)) return u * (ZIG_X[i] as number);
    return this.normalSlow(i, u);
  }

  /**
   * The rare branch of the ziggurat for a draw (layer i, u) that the rectangle test rejected:
   * the tail beyond R in the base layer, else the wedge test, retrying with fresh draws.
   */
  normalSlow(layer: number, u0: number): number {
    let i = layer;
    let u = u0;
    for (;;) {
      if (Math.abs(u) < (ZIG_RATIO[i] as number)) return u * (ZIG_X[i] as number);
      if (i === 0) {
        let x: number;
        let y: number;
        do {
          x = Math.log(this.uniform()) / R;
          y = Math.log(this.uniform());
        } while (-2 * y < x * x);
        return u < 0 ? x - R : R - x;
      }
      const xi = ZIG_X[i] as number;
      const xn = ZIG_X[i + 1] as number;
      const x = u * xi;
      const f0 = Math.exp(-0.5 * (xi * xi - x * x));
      const f1 = Math.exp(-0.5 * (xn * xn - x * x));
      if (f1 + this.uniform() * (f0 - f1) < 1) return x;
      const r = this.int32();
      i = r & 127;
      u = ((r >> 7) + 0.5) * TWO_M24;
    }
  }

  /** A Gamma(α, 1) variate, α > 0 (Marsaglia–Tsang; see the module doc). */
  gamma(alpha: number): number {
    if (alpha < 1) return this.gamma(alpha + 1) * Math.pow(this.uniform(), 1 / alpha);
    const d = alpha - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniform();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return d * v;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /** A Student-t variate with ν > 0 degrees of freedom: Z/√(2G/ν), G ~ Gamma(ν/2, 1). */
  studentT(nu: number): number {
    const z = this.normal();
    return z * Math.sqrt(nu / (2 * this.gamma(0.5 * nu)));
  }
}
