/**
 * mulberry32 (Tommy Ettinger's public-domain 32-bit generator): a small seeded uniform generator
 * on [0, 1), and Box–Muller standard normals over it. For the project's scripts (example data,
 * benchmark inputs), where a reproducible stream matters and speed does not; the library's own
 * generator is src/stats/random.ts.
 *
 * @example
 * const u = mulberry32(1); u(); // => 0.6270739405881613
 */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normals by Box–Muller from the uniforms `u`. */
export function boxMuller(u) {
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}
