/** seedReference against a real libSQL database built from the real migrations. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client, createClient, type InStatement } from '@libsql/client';
import { and, eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Database, MAX_PARAMS, schema } from '../../db/client';
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
} from '../../db/seed/reference-data';
import { seedReference } from '../../db/seed/reference';

const EXPECTED: Record<string, number> = {
  frameworks: FRAMEWORKS.length,
  bands: BANDS.length,
  pay_points: PAY_POINTS.length,
  roles: ROLES.length,
  competencies: COMPETENCIES.length,
  role_requirements: ROLE_REQUIREMENTS.length,
  equivalences: EQUIVALENCES.length,
  progression_routes: PROGRESSION_ROUTES.length,
  areas: AREAS.length,
};

/** What the seed asked of the client: the widest statement and any interactive transaction. */
type Trace = { maxArgs: number; batches: number; transactions: number };

function argCount(stmt: InStatement): number {
  if (typeof stmt === 'string') return 0;
  const args = stmt.args ?? [];
  return Array.isArray(args) ? args.length : Object.keys(args).length;
}

/** Wraps the libSQL client so the test sees every statement the seed sends. */
function traced(client: Client, trace: Trace): Client {
  return new Proxy(client, {
    get(target, prop) {
      if (prop === 'batch') {
        return (stmts: InStatement[], mode?: Parameters<Client['batch']>[1]) => {
          trace.batches++;
          for (const s of stmts) trace.maxArgs = Math.max(trace.maxArgs, argCount(s));
          return target.batch(stmts, mode);
        };
      }
      if (prop === 'execute') {
        return (stmt: InStatement) => {
          trace.maxArgs = Math.max(trace.maxArgs, argCount(stmt));
          return target.execute(stmt);
        };
      }
      if (prop === 'transaction') trace.transactions++;
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

let dir: string;
let client: Client;
let db: Database;
let trace: Trace;

async function count(table: string): Promise<number> {
  const rs = await client.execute(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number(rs.rows[0]?.n);
}

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of Object.keys(EXPECTED)) out[table] = await count(table);
  return out;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'care-passport-seed-'));
  client = createClient({ url: `file:${join(dir, 'test.db')}` });
  await client.execute('PRAGMA foreign_keys = ON');
  trace = { maxArgs: 0, batches: 0, transactions: 0 };
  db = drizzle(traced(client, trace), { schema });
  await migrate(db, { migrationsFolder: 'db/migrations' });
});

afterEach(() => {
  client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('seedReference', () => {
  it('loads the whole catalogue, then a second run changes nothing', async () => {
    const first = await seedReference(db);
    expect(first.inserted).toEqual(EXPECTED);
    expect(await counts()).toEqual(EXPECTED);

    const second = await seedReference(db);
    expect(Object.values(second.inserted).every((n) => n === 0)).toBe(true);
    expect(await counts()).toEqual(EXPECTED);

    const fkErrors = await client.execute('PRAGMA foreign_key_check');
    expect(fkErrors.rows).toEqual([]);
  });

  it('stays within D1 limits: one batch, no transaction, at most 100 parameters per statement', async () => {
    const batchesBefore = trace.batches;
    await seedReference(db);
    expect(trace.batches - batchesBefore).toBe(1);
    expect(trace.transactions).toBe(0);
    expect(trace.maxArgs).toBeGreaterThan(0);
    expect(trace.maxArgs).toBeLessThanOrEqual(MAX_PARAMS);
  });

  it('writes all or nothing: a failing statement leaves no catalogue rows', async () => {
    // Areas are the last table in the batch; make them fail.
    await client.execute("CREATE TRIGGER areas_fail BEFORE INSERT ON areas BEGIN SELECT RAISE(ABORT, 'boom'); END");
    await expect(seedReference(db)).rejects.toThrow();
    expect(await count('frameworks')).toBe(0);
    expect(await count('role_requirements')).toBe(0);
  });

  it('holds the expected facts', async () => {
    await seedReference(db);

    const b3 = await db.query.payPoints.findMany({
      where: (p, { and: all, eq: is }) => all(is(p.bandId, 'afc-band-3'), is(p.year, '2025/26')),
      orderBy: (p, { asc }) => asc(p.point),
    });
    expect(b3.map((p) => p.amountGbp)).toEqual([24937, 26598]);
    expect(b3.map((p) => p.stepYears)).toEqual([0, 2]);
    expect(b3.every((p) => !p.computed)).toBe(true);

    // 2026/27 is the published award (3.3%, confirmed 12 Feb 2026), not a computed table.
    const computed = await db.query.payPoints.findMany({ where: (p, { eq: is }) => is(p.computed, true) });
    expect(computed).toHaveLength(0);
    const y2627 = await db.query.payPoints.findMany({ where: (p, { eq: is }) => is(p.year, '2026/27') });
    expect(y2627).toHaveLength(11);
    expect(y2627.every((p) => /published 3\.3% award/.test(p.source))).toBe(true);

    // Rules and levels reach the database as the data file writes them.
    const sga2 = await db.query.competencies.findFirst({ where: (c, { eq: is }) => is(c.id, 'cstf-sga-l2') });
    expect(sga2).toMatchObject({ level: '2', levelOf: 'cstf-sga' });
    const nhsRule = await db.query.roleRequirements.findFirst({
      where: (r, { eq: is }) => is(r.id, 'nhs-healthcare-assistant--cstf-fire'),
    });
    expect(JSON.parse(nhsRule?.acceptance ?? '{}').providers).toEqual(['nhs_body', 'cstf_aligned']);
    const includes = await db.query.equivalences.findFirst({
      where: (e, { eq: is }) => is(e.id, 'eqc-cstf-sga-l3--cstf-sga-l2'),
    });
    expect(includes).toMatchObject({ relation: 'includes', strength: 'indicative' });

    const ipc2 = await db.query.competencies.findFirst({ where: (c, { eq: is }) => is(c.code, 'CSTF-IPC-L2') });
    expect(ipc2?.refreshMonths).toBe(12);
    expect(ipc2?.verified).toBe(false);

    const wales = await db.query.roles.findMany({ where: (r, { eq: is }) => is(r.frameworkId, 'wales-ppf') });
    expect(wales).toHaveLength(5);
    expect(wales.filter((r) => r.title === null)).toHaveLength(1);
    expect(wales.every((r) => r.verified === false)).toBe(true);

    const senior = await db
      .select({
        kind: schema.competencies.kind,
        requirement: schema.roleRequirements.requirement,
        code: schema.competencies.code,
      })
      .from(schema.roleRequirements)
      .innerJoin(schema.competencies, eq(schema.competencies.id, schema.roleRequirements.competencyId))
      .innerJoin(schema.roles, eq(schema.roles.id, schema.roleRequirements.roleId))
      .where(and(eq(schema.roles.frameworkId, 'dhsc-role-map'), eq(schema.roles.title, 'Senior care worker')));
    const requiredCc = senior.filter((r) => r.kind === 'care_certificate' && r.requirement === 'required');
    expect(requiredCc.length).toBeGreaterThanOrEqual(8);
    expect(senior.find((r) => r.code === 'OMMT-TIER1')?.requirement).toBe('required');
    expect(senior.find((r) => r.code === 'RQF-L3-DIP-ADULT-CARE')?.requirement).toBe('recommended');

    const seniorRole = await db.query.roles.findFirst({
      where: (r, { eq: is }) => is(r.id, 'dhsc-senior-care-worker'),
    });
    expect(seniorRole?.bandId).toBe('afc-band-3');
  });

  it('keeps an admin edit to a role requirement, unless asked to reset', async () => {
    await seedReference(db);
    const id = 'dhsc-senior-care-worker--rqf-l3-dip-adult-care';
    // As /admin/roles saves an edit: the requirement, and the role marked as edited.
    await db
      .update(schema.roleRequirements)
      .set({ requirement: 'required', basis: 'Employer policy' })
      .where(eq(schema.roleRequirements.id, id));
    await db.insert(schema.customisedRoles).values({
      roleId: 'dhsc-senior-care-worker',
      editedAt: '2026-06-01T09:00:00.000Z',
      note: 'Employer policy',
    });

    await seedReference(db);
    let row = await db.query.roleRequirements.findFirst({ where: (r, { eq: is }) => is(r.id, id) });
    expect(row?.requirement).toBe('required');

    const reset = await seedReference(db, { resetRoleRequirements: true });
    expect(reset.inserted.role_requirements).toBe(0);
    row = await db.query.roleRequirements.findFirst({ where: (r, { eq: is }) => is(r.id, id) });
    expect(row?.requirement).toBe('recommended');
    expect(await count('role_requirements')).toBe(ROLE_REQUIREMENTS.length);
  });

  it('brings corrected requirements to roles nobody edited: changed, removed and added ones', async () => {
    await seedReference(db);
    const id = 'nhs-senior-healthcare-support-worker--rqf-l3-dip-healthcare-support';
    // A database seeded from an older data file: one requirement was recommended, and another stored under an old id.
    await db
      .update(schema.roleRequirements)
      .set({ requirement: 'recommended' })
      .where(eq(schema.roleRequirements.id, id));
    await client.execute("DELETE FROM role_requirements WHERE id = 'nhs-senior-healthcare-support-worker--cstf-fire'");
    await db.insert(schema.roleRequirements).values({
      id: 'nhs-senior-healthcare-support-worker--stale',
      roleId: 'nhs-senior-healthcare-support-worker',
      competencyId: 'cstf-fire',
      requirement: 'recommended',
      basis: 'an older reading',
    });

    await seedReference(db);
    const row = await db.query.roleRequirements.findFirst({ where: (r, { eq: is }) => is(r.id, id) });
    expect(row?.requirement).toBe('required');
    const ids = (
      await db.query.roleRequirements.findMany({
        where: (r, { eq: is }) => is(r.roleId, 'nhs-senior-healthcare-support-worker'),
      })
    ).map((r) => r.id);
    expect(ids.sort()).toEqual(
      ROLE_REQUIREMENTS.filter((r) => r.roleId === 'nhs-senior-healthcare-support-worker')
        .map((r) => r.id)
        .sort(),
    );
    expect(await count('role_requirements')).toBe(ROLE_REQUIREMENTS.length);
  });

  it('pushes corrected reference facts on re-run', async () => {
    await seedReference(db);
    await client.execute("UPDATE competencies SET refresh_months = 99, name = 'stale' WHERE id = 'cstf-fire'");
    await seedReference(db);
    const fire = await db.query.competencies.findFirst({ where: (c, { eq: is }) => is(c.id, 'cstf-fire') });
    expect(fire?.refreshMonths).toBe(24);
    expect(fire?.name).toBe('Fire safety');
  });
});
