/**
 * Loads the reference catalogue (db/seed/reference-data.ts) into the database.
 * Written to Cloudflare D1's limits: one `db.batch` (atomic on D1 and libSQL; no interactive
 * transactions) and at most 100 bound parameters per statement.
 */
import { and, getTableColumns, inArray, notInArray, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { chunkForInsert, type Database, insertChunks } from '../client';
import {
  areas,
  auditEvents,
  bands,
  competencies,
  customisedRoles,
  equivalences,
  frameworks,
  payPoints,
  progressionRoutes,
  roleRequirements,
  roles,
} from '../schema';
import {
  AREAS,
  BANDS,
  COMPETENCIES,
  EQUIVALENCES,
  FRAMEWORKS,
  PAY_POINTS,
  PROGRESSION_ROUTES,
  ROLE_REQUIREMENTS,
  ROLES,
} from './reference-data';

export type SeedReferenceOptions = {
  /**
   * Role requirements are editable by a platform admin, so by default the seed leaves roles an admin
   * has edited (customised_roles) alone; every other catalogue role's requirements are set to exactly
   * the data file, so a corrected requirement reaches existing databases. With this flag the edited
   * roles are reset too (admin edits are lost and no role counts as customised any more).
   */
  resetRoleRequirements?: boolean;
};

export type SeedReferenceResult = {
  /**
   * Net rows added per table (SQL table name): the full catalogue on an empty database, all zero
   * when it was already there (updated rows are not counted).
   */
  inserted: Record<string, number>;
};

/** The audit action of a relation a platform admin deleted; the seed does not add such a reference relation back. */
export const RELATION_DELETED = 'catalogue.relation_deleted';

/**
 * Removes the reference relations a platform admin deleted (their audit events are the record), after the upsert
 * would have put them back. Admin relations (`eqa-` ids) are left alone: one deleted and added again stays.
 */
export function deletedRelationsStatement(db: Database) {
  return db
    .delete(equivalences)
    .where(
      sql`${equivalences.id} NOT LIKE 'eqa-%' AND ${equivalences.id} IN (SELECT ${auditEvents.targetId} FROM ${auditEvents} WHERE ${auditEvents.action} = ${RELATION_DELETED} AND ${auditEvents.targetType} = 'equivalence')`,
    );
}

/** The catalogue tables in foreign-key order, with their rows and primary key. */
const PLAN = [
  { name: 'frameworks', table: frameworks, rows: FRAMEWORKS, key: frameworks.id },
  { name: 'bands', table: bands, rows: BANDS, key: bands.id },
  { name: 'pay_points', table: payPoints, rows: PAY_POINTS, key: payPoints.id },
  { name: 'roles', table: roles, rows: ROLES, key: roles.id },
  { name: 'competencies', table: competencies, rows: COMPETENCIES, key: competencies.id },
  { name: 'role_requirements', table: roleRequirements, rows: ROLE_REQUIREMENTS, key: roleRequirements.id },
  { name: 'equivalences', table: equivalences, rows: EQUIVALENCES, key: equivalences.id },
  { name: 'progression_routes', table: progressionRoutes, rows: PROGRESSION_ROUTES, key: progressionRoutes.id },
  { name: 'areas', table: areas, rows: AREAS, key: areas.code },
] as const;

/** `SET col = excluded.col` for every column except the primary key. */
function setFromExcluded(table: SQLiteTable, key: SQLiteColumn): Record<string, SQL> {
  const set: Record<string, SQL> = {};
  for (const [prop, column] of Object.entries(getTableColumns(table))) {
    if (column.name !== key.name) set[prop] = sql.raw(`excluded."${column.name}"`);
  }
  return set;
}

/**
 * Insert statements for one table, chunked under D1's parameter limit. Reference facts are
 * upserted (the data file is their source of truth); role requirements are added where missing
 * (the roles that follow the data file have had theirs removed first).
 */
function insertStatements(
  db: Database,
  step: (typeof PLAN)[number],
  mode: 'upsert' | 'add-missing',
  skip: (row: Record<string, unknown>) => boolean = () => false,
): BatchItem<'sqlite'>[] {
  const table = step.table as SQLiteTable;
  const rows = (step.rows as readonly Record<string, unknown>[]).filter((r) => !skip(r));
  return insertChunks(table, rows).map((chunk) => {
    // Drizzle cannot type an insert over a union of tables; each chunk is rows of `table`.
    const insert = db.insert(table).values(chunk as never);
    return mode === 'upsert'
      ? insert.onConflictDoUpdate({ target: step.key, set: setFromExcluded(table, step.key) })
      : insert.onConflictDoNothing();
  });
}

/** Loads or refreshes the reference catalogue; running it again leaves the same rows. */
export async function seedReference(db: Database, options: SeedReferenceOptions = {}): Promise<SeedReferenceResult> {
  const statements: BatchItem<'sqlite'>[] = [];

  let customised = new Set<string>();
  if (options.resetRoleRequirements) {
    const roleIds = ROLES.map((r) => r.id);
    for (const ids of chunkForInsert(roleIds, 1)) {
      statements.push(db.delete(roleRequirements).where(inArray(roleRequirements.roleId, ids)));
      statements.push(db.delete(customisedRoles).where(inArray(customisedRoles.roleId, ids)));
    }
  } else {
    customised = new Set((await db.select({ id: customisedRoles.roleId }).from(customisedRoles)).map((r) => r.id));
    // Roles nobody edited follow the data file: their requirements are replaced in the same batch (all or nothing).
    // Whether a role was edited is asked inside the batch too, so an edit saved meanwhile is never deleted.
    const edited = db.select({ id: customisedRoles.roleId }).from(customisedRoles);
    for (const ids of chunkForInsert(
      ROLES.map((r) => r.id),
      1,
    )) {
      statements.push(
        db
          .delete(roleRequirements)
          .where(and(inArray(roleRequirements.roleId, ids), notInArray(roleRequirements.roleId, edited))),
      );
    }
  }
  for (const step of PLAN) {
    if (step.table === roleRequirements) {
      statements.push(...insertStatements(db, step, 'add-missing', (r) => customised.has(r.roleId as string)));
    } else statements.push(...insertStatements(db, step, 'upsert'));
  }
  statements.push(deletedRelationsStatement(db));

  const before = await countRows(db);
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
  const after = await countRows(db);

  const inserted: Record<string, number> = {};
  for (const { name } of PLAN) inserted[name] = (after[name] ?? 0) - (before[name] ?? 0);
  return { inserted };
}

async function countRows(db: Database): Promise<Record<string, number>> {
  const counts = await Promise.all(PLAN.map((step) => db.$count(step.table)));
  return Object.fromEntries(PLAN.map((step, i) => [step.name, counts[i] ?? 0]));
}
