/** Every integration test skipped inside workerd is named, with its reason, in the workers config's NODE_ONLY list. */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NODE_ONLY } from '../../vitest.workers.config';

describe('the Node-only list', () => {
  it('names every test that skips itself on workerd, and every name in it is a test that does', () => {
    const dir = new URL('../integration/', import.meta.url);
    const skipped: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.test.ts'))) {
      const source = readFileSync(new URL(file, dir), 'utf8');
      for (const m of source.matchAll(/it\.skipIf\(ON_WORKERD\)\(\s*(['"])(.*?)\1/gs)) {
        skipped.push(`test/integration/${file} > ${m[2]}`);
      }
    }
    const listed = NODE_ONLY.filter((n) => n.test).map((n) => `${n.file} > ${n.test}`);
    expect(skipped.sort()).toEqual(listed.sort());
    for (const n of NODE_ONLY) expect(n.why.length, n.file).toBeGreaterThan(20);
  });
});
