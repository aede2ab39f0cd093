/**
 * Writes in bulk without the query builder's per-value work: multi-row INSERT statements whose SQL text is built once
 * per table, column set and row count, run as one atomic batch on the database's own driver (libSQL, native or over
 * HTTP, and D1). Issuing a cohort builds tens of thousands of bound values; the query builder spends more time
 * assembling them than SQLite spends storing them. Statements still keep to D1's 100-parameter limit.
 */
import { type SQLWrapper, getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { type Database, chunkForInsert } from './client';

/** A statement as the drivers take it: SQL with `?` placeholders, and its values in order. */
export interface RawStatement {
  sql: string;
  params: unknown[];
}

/** A query-builder statement (an audit insert, a conditional update) as a raw statement, to run in the same batch. */
export function rawOf(query: SQLWrapper & { toSQL(): { sql: string; params: unknown[] } }): RawStatement {
  const { sql, params } = query.toSQL();
  return { sql, params };
}

const insertTexts = new Map<string, string>();

function insertText(table: string, columns: readonly string[], rows: number): string {
  const key = `${table}|${columns.join(',')}|${rows}`;
  let text = insertTexts.get(key);
  if (!text) {
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${Array(rows).fill(tuple).join(', ')}`;
    insertTexts.set(key, text);
  }
  return text;
}

/**
 * INSERT statements for rows of `table`, each row with the same keys (table property names, as for the query
 * builder's `values`). Columns a row leaves out take their SQL default; values go through each column's own
 * mapping to the driver, as the query builder does.
 */
export function insertRows<T extends SQLiteTable>(table: T, rows: readonly T['$inferInsert'][]): RawStatement[] {
  const first = rows[0];
  if (!first) return [];
  const all = getTableColumns(table);
  const keys = Object.keys(first).filter((k) => (first as Record<string, unknown>)[k] !== undefined);
  const columns = keys.map((k) => {
    const column = all[k];
    if (!column) throw new Error(`${getTableName(table)} has no column ${k}`);
    return column;
  });
  // A default computed in code (drizzle's $defaultFn) is the query builder's to apply: refuse rather than skip it.
  for (const [k, column] of Object.entries(all))
    if (!keys.includes(k) && (column as { defaultFn?: unknown }).defaultFn)
      throw new Error(`${getTableName(table)}.${column.name} has a default computed in code; give it a value`);
  const names = columns.map((c) => c.name);
  const statements: RawStatement[] = [];
  for (const part of chunkForInsert([...rows], keys.length)) {
    const params: unknown[] = [];
    for (const row of part) {
      const values = row as Record<string, unknown>;
      for (let c = 0; c < keys.length; c++) {
        const value = values[keys[c] as string];
        if (value === undefined) throw new Error(`Every row of one insert has the same columns (${keys[c]} missing)`);
        params.push(value === null ? null : (columns[c] as (typeof columns)[number]).mapToDriverValue(value));
      }
    }
    statements.push({ sql: insertText(getTableName(table), names, part.length), params });
  }
  return statements;
}

interface D1Like {
  prepare(sql: string): { bind(...values: unknown[]): unknown };
  batch(statements: unknown[]): Promise<unknown>;
}
interface LibsqlLike {
  batch(statements: { sql: string; args: unknown[] }[], mode: 'write'): Promise<unknown>;
}

/** Runs the statements as one atomic batch (all or nothing) on the database's driver. */
export async function runRawBatch(db: Database, statements: readonly RawStatement[]): Promise<void> {
  if (!statements.length) return;
  const client = (db as unknown as { $client: D1Like | LibsqlLike }).$client;
  if ('prepare' in client) {
    await client.batch(statements.map((s) => client.prepare(s.sql).bind(...s.params)));
    return;
  }
  await client.batch(
    statements.map((s) => ({ sql: s.sql, args: s.params })),
    'write',
  );
}
