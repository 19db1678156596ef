/**
 * Figure (issue #10 §11): a book of POSITIONS positions over 200 markets held by the engine,
 * driven by RATE ticks/s for SECONDS seconds; the latency from each tick's arrival to every
 * alert or state change it causes (p50/p99/max), the ticks/s sustained, the accounts rechecked
 * per tick, and the memory per position (heap + typed arrays after GC, over an empty engine).
 *
 * The book: 250,000 cross-margin accounts with four positions each on Binance USDⓈ-M BTCUSDT /
 * ETHUSDT instruments (markets M000..M199, each its own price path), 0.25–25× each (1–100× a
 * account in all), long or short, so that many accounts sit near a threshold. The feed: every market a random walk with fat-tailed steps (Student-t, 3 d.o.f.) from
 * three sources (annualised σ BOOK_VOL, default 100 %, crypto in a busy week); a tick "arrives" at its scheduled time, and the latency runs from then to the
 * emission of each event it causes. The measured run follows BOOK_WARMUP seconds (default 45) of
 * the same feed, whose latencies are reported apart (`warmup`): JIT compilation, and every market's
 * σ leaving the configured default for its EWMA after minVolatilitySamples (30) one-second samples,
 * which moves every liquidation-probability threshold at once. Env: BOOK_POSITIONS, BOOK_RATE,
 * BOOK_SECONDS, BOOK_WARMUP.
 *
 * The engine runs in this process (src/engine/, built dist/): the service's SQLite commit of each
 * tick batch is measured separately by order-check.bench.mjs. Also reported: the garbage
 * collector's pauses during the run (minor: scavenges; major: mark-compact steps), which stop the
 * engine's thread.
 */
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { RiskEngine } from '../../dist/engine/engine.js';
import { report } from '../harness.mjs';

const POSITIONS = Number(process.env.BOOK_POSITIONS ?? 1_000_000);
const RATE = Number(process.env.BOOK_RATE ?? 50_000);
const SECONDS = Number(process.env.BOOK_SECONDS ?? 60);
/** Seconds of feed before the measured run (BOOK_WARMUP). */
const WARMUP = Number(process.env.BOOK_WARMUP ?? 45);
/** Annualised σ of every market's path: high, so that a minute of ticks crosses many levels. */
const VOL = Number(process.env.BOOK_VOL ?? 1);
const MARKETS = 200;
const PER_ACCOUNT = 4;

let seed = 42;
const rand = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return (seed + 0.5) / 4294967296;
};
const gauss = () => Math.sqrt(-2 * Math.log(rand())) * Math.cos(2 * Math.PI * rand());
const student3 = () => gauss() / Math.sqrt((gauss() ** 2 + gauss() ** 2 + gauss() ** 2) / 3);

const gc = globalThis.gc ?? (() => {});
const memory = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

const t0 = Date.UTC(2026, 0, 5, 12);
let now = t0;
const engine = new RiskEngine({ prices: { staleAfterMs: 60_000 }, risk: { minVolatilitySamples: 30 } }, { keepEvents: false });
const before = memory();
const names = Array.from({ length: MARKETS }, (_, i) => `M${String(i).padStart(3, '0')}`);
const price = names.map((_, i) => (i % 2 === 0 ? 65000 : 3000) * (0.9 + 0.2 * rand()));
names.forEach((m, i) => {
  engine.putMarket(m, { venue: 'binance-usdm', symbol: i % 2 === 0 ? 'BTCUSDT' : 'ETHUSDT' }, now);
  engine.submitPrices(['a', 'b', 'c'].map((source) => ({ market: m, source, price: price[i], time: now })), now);
});

const setupStart = performance.now();
const accounts = Math.ceil(POSITIONS / PER_ACCOUNT);
for (let k = 0; k < accounts; k++) {
  const id = `a${k}`;
  engine.putAccount(id, { equity: 10000, currency: 'USDT', marginMode: 'cross', limits: { maxLeverage: 100, maxDailyLoss: 0.5, maxDrawdown: 0.6 } }, now);
  const used = new Set();
  for (let j = 0; j < PER_ACCOUNT && k * PER_ACCOUNT + j < POSITIONS; j++) {
    let i;
    do i = Math.floor(rand() * MARKETS);
    while (used.has(i));
    used.add(i);
    const lev = 1 + 99 * rand();
    const qty = Math.max(0.001, Math.floor(((lev * 10000) / PER_ACCOUNT / price[i]) * 1000) / 1000);
    engine.recordFill(id, { market: names[i], side: rand() < 0.5 ? 'buy' : 'sell', quantity: qty, price: price[i] }, now);
  }
}
const setupSeconds = (performance.now() - setupStart) / 1000;
const held = memory() - before;

// The feed: ticks scheduled at RATE per second; each loop turn submits those due as one batch.
let arrival = 0;
let latencies = [];
let events = 0;
let kinds = {};
engine.subscribe((e) => {
  kinds[e.type] = (kinds[e.type] ?? 0) + 1;
  if (e.type === 'alert' || e.type === 'alert-cleared' || e.type === 'state') {
    events++;
    latencies.push(performance.now() - arrival);
  }
});
const stepSigma = VOL / Math.sqrt(365 * 86400 * (RATE / MARKETS / 3)); // one source in three moves the path
const sources = ['a', 'b', 'c'];
let sent = 0;
let batches = 0;
let clock = 1000;
/** Drives the feed for `seconds` at RATE, from where it stands. */
const drive = (seconds) => {
  const start = performance.now();
  const first = sent;
  const total = first + RATE * seconds;
  return new Promise((resolve) => {
    const turn = () => {
      const elapsed = performance.now() - start;
      const due = Math.min(total, first + Math.floor((elapsed / 1000) * RATE));
      if (due > sent) {
        const batch = [];
        // The batch's ticks arrived over the last turn; latency is measured from the oldest one's arrival.
        arrival = start + ((sent - first) / RATE) * 1000;
        now = t0 + clock + Math.floor(elapsed);
        for (; sent < due; sent++) {
          const i = sent % MARKETS;
          const source = sources[Math.floor(sent / MARKETS) % 3];
          if (source === 'a') price[i] *= Math.exp(stepSigma * 0.58 * student3()); // t(3) has variance 3
          batch.push({ market: names[i], source, price: price[i] * (1 + 1e-5 * (rand() - 0.5)), time: now });
        }
        engine.submitPrices(batch, now);
        batches++;
        if (batches % 1000 === 0) engine.advance(now);
      }
      if (sent >= total) {
        clock += Math.floor(performance.now() - start) + 1;
        resolve((performance.now() - start) / 1000);
      } else setImmediate(turn);
    };
    turn();
  });
};
const q = (xs, p) => (xs.length === 0 ? 0 : xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]);
// Warm-up at the same rate (module doc): reported apart.
await drive(WARMUP);
const warm = latencies.sort((x, y) => x - y);
const warmup = { seconds: WARMUP, events, latencyMs: { p50: Number(q(warm, 0.5).toFixed(3)), p99: Number(q(warm, 0.99).toFixed(3)), max: Number(q(warm, 1).toFixed(3)) } };
latencies = [];
events = 0;
kinds = {};
batches = 0;
const rechecksBefore = engine.indexStats().rechecks;
const sentBefore = sent;
// Garbage-collection pauses during the run (they stop the engine's thread, so they add to the latency of the ticks in flight).
const pauses = { minor: { count: 0, totalMs: 0, maxMs: 0 }, major: { count: 0, totalMs: 0, maxMs: 0 } };
const gcObserver = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const k = e.detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR ? pauses.minor : pauses.major;
    k.count++;
    k.totalMs += e.duration;
    k.maxMs = Math.max(k.maxMs, e.duration);
  }
});
gcObserver.observe({ entryTypes: ['gc'] });
const runSeconds = await drive(SECONDS);
const total = sent - sentBefore;
gcObserver.disconnect();
const round = (g) => ({ count: g.count, totalMs: Math.round(g.totalMs), maxMs: Number(g.maxMs.toFixed(1)) });
latencies.sort((a, b) => a - b);
report({
  figure: 'engine book: crossing latency under a tick stream (in process)',
  positions: POSITIONS,
  markets: MARKETS,
  accounts,
  setupSeconds: Number(setupSeconds.toFixed(1)),
  bytesPerPosition: Math.round(held / POSITIONS),
  targetTicksPerSecond: RATE,
  sustainedTicksPerSecond: Math.round(total / runSeconds),
  seconds: Number(runSeconds.toFixed(1)),
  batches,
  rechecksPerTick: Number(((engine.indexStats().rechecks - rechecksBefore) / total).toFixed(4)),
  indexBytesPerPosition: Math.round(engine.indexStats().bytes / POSITIONS),
  events,
  eventsByType: kinds,
  gcPauses: { minor: round(pauses.minor), major: round(pauses.major) },
  latencyMs: { p50: Number(q(latencies, 0.5).toFixed(3)), p99: Number(q(latencies, 0.99).toFixed(3)), max: Number(q(latencies, 1).toFixed(3)) },
  warmup,
  target: 'p99 <= 2 ms at 50,000 ticks/s over 1,000,000 positions',
});
