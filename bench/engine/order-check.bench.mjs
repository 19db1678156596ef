/**
 * Figures (issue #10 §11): the pre-trade check over HTTP on loopback, and the restart after
 * SIGKILL.
 *
 * - `POST /v1/accounts/{id}/orders/check` against the built `tradesize serve` in its own process
 *   (each check is a command committed to SQLite with synchronous=FULL before it is answered),
 *   driven by autocannon at a fixed rate of 2,000 requests/s for 10 s: p50/p99 latency. Then the
 *   rate is raised step by step until p99 passes 5 ms; the last rate that kept it is reported.
 * - Restart: the service is killed with SIGKILL and started again on the same data directory;
 *   the time from spawn to the ready line, with the command log it has to replay.
 *
 * Also reported: the fsync latency of the disk under the data directory (write 4 KB + fsync, 200
 * times), the floor under any durable answer's latency on that machine.
 *
 * Bounded in count and time, loopback only.
 */
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { closeSync, fsyncSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { report } from '../harness.mjs';

const bin = fileURLToPath(new URL('../../bin/tradesize.cjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tradesize-bench-serve-'));
const config = join(dir, 'config.json');
writeFileSync(config, JSON.stringify({ server: { rateLimitPerSecond: 1_000_000, advanceMs: 1000 } }));

function start() {
  const t0 = process.hrtime.bigint();
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--data-dir', join(dir, 'data'), '--config', config, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += String(d);
      if (out.includes('\n')) resolve({ child, url: JSON.parse(out.slice(0, out.indexOf('\n'))).url, ms: Number(process.hrtime.bigint() - t0) / 1e6 });
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
}

const { child, url } = await start();
const api = readFileSync(join(dir, 'data', 'api-token'), 'utf8').trim();
const admin = readFileSync(join(dir, 'data', 'admin-token'), 'utf8').trim();
const call = (method, path, body, token = api) =>
  fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());
await call('PUT', '/v1/accounts/bench', { equity: 100000, currency: 'USDT', limits: { maxLeverage: 10 } });
await call('PUT', '/v1/markets/BTCUSDT', { venue: 'binance-usdm', symbol: 'BTCUSDT' }, admin);
// keep the feed fresh during the run (three sources, every 250 ms)
const feed = setInterval(() => void call('POST', '/v1/prices', ['a', 'b', 'c'].map((source) => ({ market: 'BTCUSDT', source, price: 65000, time: Date.now() }))), 250);
await call('POST', '/v1/prices', ['a', 'b', 'c'].map((source) => ({ market: 'BTCUSDT', source, price: 65000, time: Date.now() })));
const body = JSON.stringify({ market: 'BTCUSDT', side: 'buy', stop: 63000, quantity: 0.01 });
const check = await call('POST', '/v1/accounts/bench/orders/check', JSON.parse(body));
if (check.decision !== 'allow') throw new Error(`unexpected check: ${JSON.stringify(check)}`);

function load(rate, seconds) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `${url}/v1/accounts/bench/orders/check`,
        method: 'POST',
        headers: { authorization: `Bearer ${api}`, 'content-type': 'application/json' },
        body,
        connections: 16,
        overallRate: rate,
        duration: seconds,
      },
      (err, r) => (err ? reject(err) : resolve(r)),
    );
  });
}

/** The disk under the data directory: write 4 KB and fsync, 200 times (every durable answer waits for at least one). */
function fsyncProbe() {
  const fd = openSync(join(dir, 'fsync-probe'), 'w');
  const page = Buffer.alloc(4096, 1);
  const t = [];
  for (let i = 0; i < 200; i++) {
    const t0 = process.hrtime.bigint();
    writeSync(fd, page);
    fsyncSync(fd);
    t.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  closeSync(fd);
  t.sort((a, b) => a - b);
  return { p50: Number(t[100].toFixed(3)), p99: Number(t[198].toFixed(3)) };
}

await load(1000, 2); // warm-up
const fsyncMs = fsyncProbe();
const at2000 = await load(2000, 10);
report({
  name: 'engine.orderCheck.http.p99ms',
  issue: 10,
  value: at2000.latency.p99,
  p50: at2000.latency.p50,
  p90: at2000.latency.p90,
  rps: at2000.requests.average,
  non2xx: at2000.non2xx,
  errors: at2000.errors,
  diskFsyncMs: fsyncMs,
  unit: 'ms p99 latency of POST /v1/accounts/{id}/orders/check at 2,000 requests/s for 10 s (autocannon, 16 connections, loopback; each check committed to SQLite, synchronous=FULL)',
  target: 5,
  pass: at2000.latency.p99 <= 5 && at2000.non2xx === 0,
});
let best = null;
for (const rate of [3000, 4000, 6000, 8000, 12000, 16000]) {
  const r = await load(rate, 5);
  if (!(r.latency.p99 <= 5) || r.non2xx > 0) break;
  best = { rate, achieved: r.requests.average, p99: r.latency.p99 };
}
report({ name: 'engine.orderCheck.http.maxRateP99Under5ms', issue: 10, value: best?.achieved ?? null, offered: best?.rate ?? null, p99: best?.p99 ?? null, unit: 'requests/s the engine sustained with p99 ≤ 5 ms (offered rates 3k–16k, 5 s each)' });
clearInterval(feed);

const state = await call('GET', '/v1/state', undefined, admin).catch(() => null);
child.kill('SIGKILL');
await new Promise((r) => child.once('exit', r));
const restarted = await start();
report({ name: 'engine.restartAfterKill9.ms', issue: 10, value: Math.round(restarted.ms), commands: state?.commands ?? null, unit: 'ms from spawn to the ready line after SIGKILL, replaying the whole command log (CLI start-up included)', target: 2000, pass: restarted.ms <= 2000 });
restarted.child.kill('SIGTERM');
await new Promise((r) => restarted.child.once('exit', r));
rmSync(dir, { recursive: true, force: true });
