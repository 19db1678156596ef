/**
 * Figure (issue #10 §11): restart after `kill -9` with a large book — the time from spawning
 * `tradesize serve` on the data directory to its ready line.
 *
 * A child process builds the book through the service (src/server/service.ts over SQLite, the
 * commands committed in group commits): RESTART_POSITIONS positions over 200 markets in
 * cross-margin accounts of four positions, then RESTART_TAIL price batches after the last
 * snapshot (server.snapshotEveryCommands, default 100,000), and kills itself with SIGKILL. The
 * restart then loads the latest snapshot and replays the commands after it. Also reported: the
 * snapshot's size and the time to take one.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { report } from '../harness.mjs';

const POSITIONS = Number(process.env.RESTART_POSITIONS ?? 1_000_000);
const TAIL = Number(process.env.RESTART_TAIL ?? 5_000);
const bin = fileURLToPath(new URL('../../bin/tradesize.cjs', import.meta.url));

if (process.argv[2] === 'build') {
  const dir = process.argv[3];
  const { Service } = await import('../../dist/server/service.js');
  const { openStore } = await import('../../dist/server/store.js');
  const service = new Service(openStore(dir), {}, {}, 100_000);
  const t0 = Date.UTC(2026, 0, 5, 12);
  const markets = Array.from({ length: 200 }, (_, i) => `M${String(i).padStart(3, '0')}`);
  const price = markets.map((_, i) => (i % 2 === 0 ? 65000 : 3000));
  let seed = 7;
  const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) + 0.5) / 4294967296;
  const batch = async (cmds) => Promise.all(cmds.map((c) => service.submit(c)));
  await batch(markets.map((m, i) => ({ type: 'market', at: t0, market: m, body: { venue: 'binance-usdm', symbol: i % 2 === 0 ? 'BTCUSDT' : 'ETHUSDT' } })));
  await batch([{ type: 'prices', at: t0, body: markets.flatMap((m, i) => ['a', 'b', 'c'].map((source) => ({ market: m, source, price: price[i], time: t0 }))) }]);
  const accounts = Math.ceil(POSITIONS / 4);
  const started = performance.now();
  for (let k = 0; k < accounts; k += 250) {
    const cmds = [];
    for (let j = k; j < Math.min(accounts, k + 250); j++) {
      cmds.push({ type: 'account', at: t0, id: `a${j}`, body: { equity: 10000, currency: 'USDT', limits: { maxLeverage: 100, maxDailyLoss: 0.5, maxDrawdown: 0.6 } } });
      const used = new Set();
      for (let p = 0; p < 4 && j * 4 + p < POSITIONS; p++) {
        let i;
        do i = Math.floor(rand() * 200);
        while (used.has(i));
        used.add(i);
        const qty = Math.max(0.001, Math.floor((((1 + 24 * rand()) * 2500) / price[i]) * 1000) / 1000);
        cmds.push({ type: 'fill', at: t0, id: `a${j}`, body: { market: markets[i], side: rand() < 0.5 ? 'buy' : 'sell', quantity: qty, price: price[i] } });
      }
    }
    await batch(cmds);
  }
  const built = (performance.now() - started) / 1000;
  const s0 = performance.now();
  service.snapshot();
  const snapshotMs = performance.now() - s0;
  const bytes = service.engine.snapshot().byteLength;
  for (let n = 0; n < TAIL; n++) {
    const at = t0 + 1000 + n;
    await batch([{ type: 'prices', at, body: markets.slice(0, 50).map((m, i) => ({ market: m, source: ['a', 'b', 'c'][n % 3], price: price[i] * (1 + 0.0005 * Math.sin(n + i)), time: at })) }]);
  }
  process.stdout.write(`${JSON.stringify({ built, snapshotMs, bytes, commands: service.state().commands })}\n`);
  process.kill(process.pid, 'SIGKILL');
} else {
  const dir = mkdtempSync(join(tmpdir(), 'tradesize-restart-'));
  const data = join(dir, 'data');
  const build = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=8192', fileURLToPath(import.meta.url), 'build', data], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.once('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(JSON.parse(out.trim())) : reject(new Error(`build exited ${code} ${signal}`))));
  });
  const t0 = performance.now();
  const ready = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=8192', bin, 'serve', '--port', '0', '--data-dir', data, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.once('data', () => {
      resolve(performance.now() - t0);
      child.kill('SIGKILL');
    });
    child.once('exit', (code, signal) => signal === null && reject(new Error(`serve exited ${code}`)));
  });
  if (process.env.RESTART_KEEP === undefined) rmSync(dir, { recursive: true, force: true });
  else process.stderr.write(`kept ${data}\n`);
  report({
    figure: 'engine restart after SIGKILL with a large book (snapshot + replay of the commands after it)',
    positions: POSITIONS,
    commands: build.commands,
    replayedAfterSnapshot: TAIL,
    bookBuildSeconds: Number(build.built.toFixed(1)),
    snapshotMs: Math.round(build.snapshotMs),
    snapshotMB: Number((build.bytes / 1e6).toFixed(1)),
    restartMs: Math.round(ready),
    target: 'serving again within 2 s',
  });
}
