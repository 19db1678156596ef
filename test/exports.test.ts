/**
 * The public API is the set of names `src/index.ts` exports: values (what `import` gives at
 * run time) and types (what TypeScript users can name). Both are snapshotted, so a change to
 * the public surface shows up as a snapshot diff and is made on purpose
 * (`npx vitest run test/exports.test.ts -u` after deciding it is intended).
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import * as api from '../src/index.js';

const barrel = fileURLToPath(new URL('../src/index.ts', import.meta.url));

/** Every name the barrel exports, as TypeScript's checker resolves it, tagged value or type. */
function exportedNames(): string[] {
  const program = ts.createProgram([barrel], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(barrel);
  if (source === undefined) throw new Error('src/index.ts not found');
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (moduleSymbol === undefined) throw new Error('src/index.ts is not a module');
  return checker
    .getExportsOfModule(moduleSymbol)
    .map((s) => {
      const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
      return `${target.flags & ts.SymbolFlags.Value ? 'value' : 'type '} ${s.getName()}`;
    })
    .sort();
}

describe('public API of src/index.ts', () => {
  const names = exportedNames();

  it('exports exactly the snapshotted names', () => {
    expect(names).toMatchSnapshot();
  });

  it('agrees with the runtime module: every value name is importable, and nothing else is', () => {
    const values = names.filter((n) => n.startsWith('value ')).map((n) => n.slice('value '.length));
    expect(Object.keys(api).sort()).toEqual(values);
  });
});
