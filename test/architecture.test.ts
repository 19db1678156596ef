/**
 * docs/ARCHITECTURE.md is the map a newcomer follows: it must draw the layers in the order that
 * .dependency-cruiser.cjs enforces, and list every file under src/ (and nothing that is gone):
 * the TypeScript modules and the WebAssembly text sources (.wat), not the NAME.wasm.ts modules
 * that scripts/build-wasm.mjs generates from them (not committed).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const doc = readFileSync(join(root, 'docs/ARCHITECTURE.md'), 'utf8');

/** Folders in the order of the `layer-<folder>` rules, the top folder last (it has no rule of its own). */
function configuredLayers(): string[] {
  const config = createRequire(import.meta.url)(join(root, '.dependency-cruiser.cjs')) as { forbidden: { name: string; to: { path?: string } }[] };
  const rules = config.forbidden.filter((r) => r.name.startsWith('layer-'));
  const names = rules.map((r) => r.name.slice('layer-'.length));
  const above = /^\^src\/\((.*)\)\/$/.exec(rules.at(-1)?.to.path ?? '')?.[1]?.split('|') ?? [];
  return [...names, ...above];
}

/** Folder names in the "Layers" drawing, read from the bottom line up. */
function drawnLayers(): string[] {
  const block = /## Layers[\s\S]*?```\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
  const lines = block.split('\n').filter((l) => l.trim() !== '').reverse();
  return lines.flatMap((l) => [...l.matchAll(/\b([a-z-]+)\/(?=\s|,|$)/g)].map((m) => m[1] as string));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    const source = (e.name.endsWith('.ts') && !e.name.endsWith('.wasm.ts')) || e.name.endsWith('.wat');
    return e.isDirectory() ? sourceFiles(p) : source ? [relative(join(root, 'src'), p)] : [];
  });
}

/** Files named in the folder table: each row `| \`src/<folder>/\` | … | \`file.ts\` … |` names files (.ts, .wat) relative to its folder, one at the head of each `; `-separated entry (a backticked path later in an entry is a cross-reference). */
function listedFiles(): string[] {
  const out: string[] = [];
  for (const line of doc.split('\n')) {
    const row = /^\|\s*`src\/([a-z-]+)\/`\s*\|[^|]*\|(.*)\|\s*$/.exec(line);
    if (row === null) continue;
    for (const entry of (row[2] as string).split('; ')) {
      const file = /^\s*`([\w./-]+\.(?:ts|wat))`/.exec(entry)?.[1];
      if (file !== undefined) out.push(`${row[1]}/${file}`);
    }
  }
  if (/^\|\s*`src\/index\.ts`/m.test(doc)) out.push('index.ts');
  return out;
}

describe('docs/ARCHITECTURE.md', () => {
  it('draws the layers in the order .dependency-cruiser.cjs enforces', () => {
    const layers = configuredLayers();
    expect(layers.length).toBeGreaterThan(10);
    expect(drawnLayers()).toEqual(layers);
  });

  it('lists every file under src/, and only files that exist', () => {
    const actual = sourceFiles(join(root, 'src')).sort();
    const listed = [...new Set(listedFiles())].sort();
    expect(actual.filter((f) => !listed.includes(f)), 'files missing from docs/ARCHITECTURE.md').toEqual([]);
    expect(listed.filter((f) => !actual.includes(f)), 'files listed in docs/ARCHITECTURE.md that do not exist').toEqual([]);
  });
});
