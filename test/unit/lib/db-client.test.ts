import { getTableColumns } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { MAX_PARAMS, insertChunks, rowsChanged } from '../../../db/client';
import { credentials, roleRequirements } from '../../../db/schema';

describe('rowsChanged', () => {
  it('reads libSQL and D1 write results alike', () => {
    expect(rowsChanged({ rowsAffected: 3 })).toBe(3);
    expect(rowsChanged({ success: true, meta: { changes: 2 }, results: [] })).toBe(2);
    expect(rowsChanged({ rowsAffected: 0, meta: { changes: 5 } })).toBe(0);
    expect(rowsChanged({ success: true, meta: {} })).toBe(0);
    expect(rowsChanged(undefined)).toBe(0);
  });
});

describe('insertChunks', () => {
  it('keeps each multi-row insert within D1’s bound-value limit, counting every column of the table', () => {
    const rows = Array.from({ length: 250 }, (_, i) => ({ id: String(i) }));
    for (const table of [roleRequirements, credentials]) {
      const width = Object.keys(getTableColumns(table)).length;
      const chunks = insertChunks(table, rows);
      expect(chunks.flat()).toEqual(rows);
      expect(chunks.length).toBeGreaterThan(1);
      for (const c of chunks) expect(c.length * width).toBeLessThanOrEqual(MAX_PARAMS);
    }
  });
});
