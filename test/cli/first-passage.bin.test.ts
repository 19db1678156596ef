/**
 * The Monte Carlo worker threads from the BUILT artefacts (npm test builds first): the bundled
 * CLI starts dist/bin/monte-carlo-worker.cjs, the compiled library dist/simulation/worker.js.
 * Both must give the numbers of the in-thread simulation of the sources.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { simulateFirstPassageSync } from '../../src/simulation/index.js';

const bin = fileURLToPath(new URL('../../bin/tradesize.cjs', import.meta.url));
const dist = new URL('../../dist/index.js', import.meta.url).href;
const input = { price: 100, lower: 92, upper: 110, mu: -0.1, sigma: 0.7, horizon: 0.1, paths: 12_000, seed: 31 };
const expected = simulateFirstPassageSync(input);

describe('Monte Carlo workers from the build', () => {
  it('bin/tradesize.cjs first-passage --threads 2 (bundled worker)', () => {
    const r = spawnSync(process.execPath, [bin, 'first-passage', '--price', '100', '--lower', '92', '--upper', '110', '--mu', '-0.1', '--sigma', '0.7',
      '--horizon', '0.1', '--paths', '12000', '--seed', '31', '--threads', '2', '--json'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ pLowerFirst: expected.pLowerFirst, pUpperFirst: expected.pUpperFirst, pNeither: expected.pNeither, stdError: expected.stdError, threads: 2 });
  });

  it('dist/index.js simulateFirstPassage on 2 threads (compiled worker)', () => {
    const code = `import(${JSON.stringify(dist)}).then(async (m) => { const r = await m.simulateFirstPassage(${JSON.stringify(input)}, { threads: 2 }); process.stdout.write(JSON.stringify(r)); });`;
    const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(expected)));
  });
});
