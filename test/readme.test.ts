/**
 * README.md as a newcomer meets it: it starts with exactly two commands (install and start the
 * engine with its dashboard on the demo; the whole test suite), then a sizing example, and every
 * `$ tradesize ...` example prints what the README shows when run from the repository root of a
 * fresh clone (built dist/, sample data from examples/data/). A mismatch fails with a line diff; `npm run readme:examples -- --update`
 * rewrites the outputs after checking the diff is intended.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { README, ROOT, lineDiff, parseExamples, runExample, splitArgs, type Example } from '../scripts/readme-examples.js';
import { describeWithSharedData } from './helpers/shared-data.js';

const text = readFileSync(README, 'utf8');
const examples = parseExamples(text);

function checkExample(ex: Example): void {
  const { output } = runExample(ex);
  if (output !== ex.shown) {
    expect.fail(`README.md:${ex.line} prints something else (- README, + printed); if intended, run \`npm run readme:examples -- --update\`\n${lineDiff(ex.shown, output)}`);
  }
}

describe('README.md opening', () => {
  it('starts with exactly two commands: install and start the engine with its dashboard on the demo, then the test suite', async () => {
    const first = /^# tradesize\n\n```sh\n([^`]*)```/.exec(text);
    const commands = (first?.[1] ?? '').trim().split('\n');
    expect(commands).toHaveLength(2);
    expect(commands[0]).toBe('npm ci && node bin/tradesize.cjs serve --demo');
    expect(commands[1]).toBe('npm test');
    // The first command as written, on a free port and in a temporary data directory: the ready
    // lines the README quotes, and the dashboard answers at the printed URL.
    const args = splitArgs((commands[0] as string).replace(/^npm ci && node bin\/tradesize\.cjs /, ''));
    const dataDir = mkdtempSync(join(tmpdir(), 'tradesize-readme-'));
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'tradesize.cjs'), ...args, '--port', '0', '--data-dir', dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const lines = await new Promise<string[]>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += String(d);
          const got = out.split('\n').slice(0, -1);
          if (got.length >= 2) resolve(got);
        });
        child.once('exit', (code) => reject(new Error(`serve exited ${String(code)}`)));
      });
      expect(lines[0]).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
      const url = /^dashboard (http:\/\/127\.0\.0\.1:\d+\/)$/.exec(lines[1] as string)?.[1];
      expect(url, lines[1]).toBe(`${(lines[0] as string).slice('listening on '.length)}/`);
      const page = await fetch(url as string);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await page.text()).toContain('/assets/dashboard.js');
      expect(text).toContain('`listening on http://127.0.0.1:8787` and `dashboard http://127.0.0.1:8787/`');
    } finally {
      child.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);

  it('then shows sizing as the first CLI example', () => {
    const first = examples[0];
    expect(first?.command).toMatch(/^tradesize size /);
    expect(text.indexOf(`$ ${first?.command}`)).toBeLessThan(text.indexOf('\n## '));
    expect(first?.shown).toMatch(/^side {14}long$/m);
  });
});

describe('README.md examples', () => {
  it('has examples for every command a newcomer can run, none reading ../shared unless marked', () => {
    const commands = new Set(examples.map((e) => splitArgs(e.command)[1]));
    for (const c of ['size', 'kelly', 'liquidation', 'vol', 'risk', 'first-passage', 'regime', 'greeks', 'iv', 'stress']) expect(commands).toContain(c);
    const unmarked = examples.filter((e) => e.mark === undefined);
    for (const e of unmarked) expect(e.command, `README.md:${e.line}`).not.toMatch(/\.\.\/shared\//);
    for (const c of ['vol', 'risk', 'regime']) expect(unmarked.some((e) => splitArgs(e.command)[1] === c)).toBe(true);
    // Marks stay rare.
    expect(examples.length - unmarked.length).toBeLessThanOrEqual(2);
  });

  for (const ex of examples.filter((e) => e.mark === undefined)) {
    it(`README.md:${ex.line} $ ${ex.command}`, () => checkExample(ex));
  }

  for (const ex of examples.filter((e) => e.mark === 'needs-shared')) {
    const files = splitArgs(ex.command).filter((a) => a.startsWith('../shared/data/')).map((a) => a.slice('../shared/data/'.length));
    describeWithSharedData(`README.md:${ex.line} (needs ../shared/data)`, files, () => {
      it(`$ ${ex.command}`, () => checkExample(ex));
    });
  }
});

describe('examples/data', () => {
  it('is a small sample: at most 1,000 rows a file and 300 KB in all, each file described in its README', () => {
    const dir = join(ROOT, 'examples', 'data');
    const csvs = readdirSync(dir).filter((f) => f.endsWith('.csv'));
    const notes = readFileSync(join(dir, 'README.md'), 'utf8');
    let bytes = 0;
    for (const f of csvs) {
      const rows = readFileSync(join(dir, f), 'utf8').trim().split('\n').length - 1;
      expect(rows, f).toBeLessThanOrEqual(1000);
      expect(notes, f).toContain(`\`${f}\``);
      bytes += statSync(join(dir, f)).size;
    }
    expect(csvs.length).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(300 * 1024);
  });
});
