/**
 * Figures: CSV input of the CLI on a generated OHLCV file (hourly bars, `timestamp,open,high,low,
 * close,volume`, about 70 bytes a row; default 64 MB, `CSV_BENCH_MB` to change):
 *
 * - `throughputMBps`: file megabytes (10⁶ bytes) per second of `readSeries` (one column, the CLI's
 *   vol/risk/kelly path) and `readOhlc` (four columns, the range estimators and `stress
 *   --history`), read from disk and parsed, timestamps order-checked; median of 3 runs.
 * - `peakOverFile`: (peak RSS − RSS before the read) / file size, from a fresh process per read
 *   (`process.resourceUsage().maxRSS`), median of 3 runs: the memory the read needs per byte of
 *   file (the returned columns and timestamp strings included).
 *
 * The file is written to the OS temp directory and removed afterwards.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, report } from '../harness.mjs';

const RUNS = 3;

async function child(file, kind) {
  const { readOhlc, readSeries } = await import('../../dist/cli/data.js');
  const before = process.memoryUsage().rss;
  const t0 = process.hrtime.bigint();
  const out = kind === 'ohlc' ? await readOhlc(file, '--data') : await readSeries(file, '--data', undefined);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  process.stdout.write(JSON.stringify({ seconds, rows: out.rows, before, peak: process.resourceUsage().maxRSS * 1024 }));
}

/** An hourly random-walk OHLCV file of about `mb` megabytes with consistent bars. */
async function generate(file, mb) {
  const out = createWriteStream(file);
  let bytes = 0;
  let x = 0;
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed / 2147483648);
  let t = Date.UTC(2000, 0, 1);
  let open = 30000;
  let chunk = ['timestamp,open,high,low,close,volume'];
  while (bytes < mb * 1e6) {
    x = 0.999 * x + (rnd() - 0.5) * 0.02;
    const close = 30000 * Math.exp(x);
    const high = Math.max(open, close) * (1 + rnd() * 0.005);
    const low = Math.min(open, close) * (1 - rnd() * 0.005);
    const row = `${new Date(t).toISOString()},${open.toFixed(2)},${high.toFixed(2)},${low.toFixed(2)},${close.toFixed(2)},${(rnd() * 1000).toFixed(4)}`;
    bytes += row.length + 1;
    chunk.push(row);
    if (chunk.length === 10_000) {
      if (!out.write(`${chunk.join('\n')}\n`)) await new Promise((r) => out.once('drain', r));
      chunk = [];
    }
    open = close;
    t += 3_600_000;
  }
  out.end(chunk.length > 0 ? `${chunk.join('\n')}\n` : '');
  await new Promise((r) => out.on('finish', r));
}

async function main() {
  const mb = Number(process.env.CSV_BENCH_MB ?? 64);
  const dir = mkdtempSync(join(tmpdir(), 'tradesize-csv-bench-'));
  const file = join(dir, 'bars.csv');
  try {
    await generate(file, mb);
    const size = statSync(file).size;
    for (const kind of ['series', 'ohlc']) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', file, kind], { encoding: 'utf8' });
        if (r.status !== 0) throw new Error(r.stderr);
        runs.push(JSON.parse(r.stdout));
      }
      report({
        figure: `csv-read-${kind}`,
        fileMB: size / 1e6,
        rows: runs[0].rows,
        throughputMBps: median(runs.map((r) => size / 1e6 / r.seconds)),
        peakOverFile: median(runs.map((r) => (r.peak - r.before) / size)),
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4]);
else await main();
