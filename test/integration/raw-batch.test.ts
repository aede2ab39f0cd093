/**
 * Raw multi-row inserts (db/raw-batch.ts), on libSQL here and on D1 inside workerd: the rows stored are the rows
 * given, every statement keeps to D1's 100-parameter limit, and a batch is all or nothing.
 */
import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PARAMS } from '../../db/client';
import { insertRows, rawOf, runRawBatch } from '../../db/raw-batch';
import { auditEvents, outbox } from '../../db/schema';
import { auditInsert } from '../../worker/lib/audit';
import { type TestEnv, makeTestEnv } from '../helpers/app';

let env: TestEnv;
beforeAll(async () => {
  env = await makeTestEnv();
});
afterAll(() => env.close());

const mails = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${i}`,
    to: `${prefix}${i}@example.org`,
    subject: i % 2 ? `Subject ${i}` : 'Quote " and apostrophe \' and ? mark',
    body: `Body ${i}`,
    createdAt: `2026-12-05T00:00:${String(i % 60).padStart(2, '0')}.000Z`,
  }));

describe('raw multi-row inserts', () => {
  it('stores exactly the rows given, in statements of at most 100 parameters', async () => {
    const rows = mails('raw-a', 47);
    const statements = insertRows(outbox, rows);
    expect(statements.length).toBe(3); // 5 columns: 20 rows per statement
    for (const s of statements) expect(s.params.length).toBeLessThanOrEqual(MAX_PARAMS);
    await runRawBatch(env.deps.db, statements);
    const stored = await env.deps.db.select().from(outbox).where(like(outbox.id, 'raw-a-%'));
    expect(stored.sort((a, b) => Number(a.id.slice(6)) - Number(b.id.slice(6)))).toEqual(rows);
  });

  it('leaves out what a row leaves out, so the column default applies', async () => {
    await runRawBatch(
      env.deps.db,
      insertRows(outbox, [{ id: 'raw-default', to: 'd@example.org', subject: 's', body: 'b' }]),
    );
    const [row] = await env.deps.db.select().from(outbox).where(eq(outbox.id, 'raw-default'));
    expect(row?.createdAt).toMatch(/^\d{4}-\d\d-\d\d/);
  });

  it('runs query-builder statements in the same batch, and stores nothing when any statement fails', async () => {
    const at = new Date('2026-12-05T01:00:00.000Z');
    const audit = auditInsert(env.deps.db, {
      at,
      actorUserId: null,
      actorOrgId: null,
      action: 'raw.batch.test',
      targetType: 'outbox',
    });
    // The last statement repeats an id the first one stores: the primary key stops the batch.
    const clash = [...insertRows(outbox, mails('raw-b', 30)), rawOf(audit), ...insertRows(outbox, mails('raw-b', 1))];
    await expect(runRawBatch(env.deps.db, clash)).rejects.toThrow(/UNIQUE|constraint/i);
    expect(await env.deps.db.select().from(outbox).where(like(outbox.id, 'raw-b-%'))).toEqual([]);
    expect(await env.deps.db.select().from(auditEvents).where(eq(auditEvents.action, 'raw.batch.test'))).toEqual([]);

    await runRawBatch(env.deps.db, [...insertRows(outbox, mails('raw-b', 30)), rawOf(audit)]);
    expect(await env.deps.db.select().from(outbox).where(like(outbox.id, 'raw-b-%'))).toHaveLength(30);
    expect(await env.deps.db.select().from(auditEvents).where(eq(auditEvents.action, 'raw.batch.test'))).toHaveLength(
      1,
    );
  });

  it('refuses rows that do not all have the same columns', () => {
    const [first] = mails('raw-c', 1);
    expect(() => insertRows(outbox, [first!, { id: 'raw-c-x', to: 'x@example.org', subject: 's' } as never])).toThrow(
      /same columns/,
    );
  });
});
