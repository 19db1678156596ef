/**
 * README.md as a newcomer meets it: it starts with exactly two commands (install and run the
 * main job; the whole test suite), and every `$ tradesize ...` example prints what the README
 * shows when run from the repository root of a fresh clone (built dist/, sample data from
 * examples/data/). A mismatch fails with a line diff; `npm run readme:examples -- --update`
 * rewrites the outputs after checking the diff is intended.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
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
  it('starts with exactly two commands: install and size on the embedded default, then the test suite', () => {
    const first = /^# tradesize\n\n```sh\n([^`]*)```/.exec(text);
    const commands = (first?.[1] ?? '').trim().split('\n');
    expect(commands).toHaveLength(2);
    expect(commands[0]).toMatch(/^npm ci && node bin\/tradesize\.cjs size /);
    expect(commands[1]).toBe('npm test');
    const sizeArgs = splitArgs((commands[0] as string).replace(/^npm ci && node bin\/tradesize\.cjs /, ''));
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'tradesize.cjs'), ...sizeArgs], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^side {14}long$/m);
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
