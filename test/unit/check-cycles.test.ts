import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findCycles, type ImportGraph, importGraph, importSpecifiers } from '../../scripts/check-cycles';

const graph = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges));

describe('findCycles', () => {
  it('passes a graph without cycles, including a diamond', () => {
    expect(findCycles(graph({ a: ['b', 'c'], b: ['d'], c: ['d'], d: [] }))).toEqual([]);
  });

  it('finds a 2-cycle and a 3-cycle, each as a path back to its start', () => {
    const cycles = findCycles(
      graph({
        page: ['verify', 'layout'],
        verify: ['page'],
        layout: [],
        x: ['y'],
        y: ['z'],
        z: ['x', 'layout'],
      }),
    );
    expect(cycles).toHaveLength(2);
    expect(cycles).toContainEqual(['page', 'verify', 'page']);
    expect(cycles).toContainEqual(['x', 'y', 'z', 'x']);
  });

  it('finds a module importing itself', () => {
    expect(findCycles(graph({ a: ['a', 'b'], b: [] }))).toEqual([['a', 'a']]);
  });

  it('reports the shortest loop when a tangled group has several', () => {
    const cycles = findCycles(graph({ a: ['b'], b: ['c', 'a'], c: ['a'] }));
    expect(cycles).toEqual([['a', 'b', 'a']]);
  });
});

describe('importSpecifiers', () => {
  it('reads named, default, namespace, type, re-export, side-effect and dynamic imports', () => {
    const source = [
      "import { a, type B } from './a';",
      "import type {\n  C,\n  D,\n} from './c';",
      "import e, { f } from './e';",
      "import * as g from './g';",
      "export { h } from './h';",
      "export * from './i';",
      "import './j';",
      "const k = await import('./k');",
      "const text = 'import nothing from here';",
    ].join('\n');
    expect(importSpecifiers(source).sort()).toEqual(['./a', './c', './e', './g', './h', './i', './j', './k']);
  });
});

describe('importGraph', () => {
  const root = mkdtempSync(join(tmpdir(), 'cycles-'));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('resolves .ts, .tsx and folder index files, ignores packages, and finds the cycle across folders', () => {
    write('web/pages/a.tsx', "import { b } from './b';\nimport { Hono } from 'hono';");
    write('web/pages/b.ts', "import { lib } from '../../worker/lib';");
    write('worker/lib/index.ts', "import { a } from '../../web/pages/a';");
    write('worker/other.ts', "import { missing } from './missing';");
    const g = importGraph(root, ['web', 'worker', 'db']);
    expect(g.get('web/pages/a.tsx')).toEqual(['web/pages/b.ts']);
    expect(g.get('web/pages/b.ts')).toEqual(['worker/lib/index.ts']);
    expect(g.get('worker/other.ts')).toEqual([]);
    expect(findCycles(g)).toEqual([['web/pages/a.tsx', 'web/pages/b.ts', 'worker/lib/index.ts', 'web/pages/a.tsx']]);
  });
});
