/**
 * Organisations (academies, employers, commissioners and the platform): registering one, which waits for the
 * platform admin's approval, and finding them.
 */
import { asc, eq, like, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Database } from '../../../db/client';
import { memberships, organisations } from '../../../db/schema';
import type { OrgMembership } from '../../context';
import { AppError } from '../../errors';
import { newId, slugify } from '../../lib/ids';
import { auditInsert } from '../../lib/audit';

export type OrgKind = OrgMembership['kind'];
export type Organisation = typeof organisations.$inferSelect;

/** The statements of one db.batch (at least one). */
export type Batch = [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]];

/** Slugs that name site paths or the platform itself. */
const RESERVED_SLUGS = new Set(['platform', 'new', 'admin', 'api', 'org', 'orgs', 'static', 'dev']);

/** A slug for a new organisation: slugify(name), with -2, -3 ... added when taken or reserved. */
export async function uniqueSlug(db: Database, name: string): Promise<string> {
  const base = slugify(name);
  const taken = new Set(
    (
      await db
        .select({ slug: organisations.slug })
        .from(organisations)
        .where(like(organisations.slug, `${base}%`))
    ).map((r) => r.slug),
  );
  if (!taken.has(base) && !RESERVED_SLUGS.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** An organisation by its URL slug, or null. */
export async function getOrganisationBySlug(db: Database, slug: string): Promise<Organisation | null> {
  const rows = await db.select().from(organisations).where(eq(organisations.slug, slug)).limit(1);
  return rows[0] ?? null;
}

/** An organisation by id, or null. */
export async function getOrganisation(db: Database, id: string): Promise<Organisation | null> {
  const rows = await db.select().from(organisations).where(eq(organisations.id, id)).limit(1);
  return rows[0] ?? null;
}

/** Every organisation, pending first, then by name (platform admin). */
export async function listOrganisations(db: Database): Promise<Organisation[]> {
  return db
    .select()
    .from(organisations)
    .orderBy(sql`case ${organisations.status} when 'pending' then 0 else 1 end`, asc(organisations.name));
}

/** Creates an organisation, awaiting approval; the creator (if any) becomes its owner. */
export async function createOrganisation(
  db: Database,
  input: { name: string; kind: OrgKind; ownerUserId?: string | null; now: Date },
): Promise<Organisation> {
  const name = input.name.trim();
  if (name.length < 2)
    throw new AppError('validation_failed', 'Enter the organisation name', [
      { path: 'name', message: 'Enter the organisation name' },
    ]);
  // Two registrations of one name at the same moment can pick the same slug; the unique index refuses one, which tries again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await insertOrganisation(db, { ...input, name, slug: await uniqueSlug(db, name) });
    } catch (err) {
      if (attempt >= 3 || !(await slugTaken(db, name))) throw err;
    }
  }
}

async function slugTaken(db: Database, name: string): Promise<boolean> {
  return (await getOrganisationBySlug(db, slugify(name))) !== null;
}

async function insertOrganisation(
  db: Database,
  input: { name: string; slug: string; kind: OrgKind; ownerUserId?: string | null; now: Date },
): Promise<Organisation> {
  const name = input.name;
  const org: Organisation = {
    id: newId(),
    slug: input.slug,
    name,
    kind: input.kind,
    status: 'pending',
    refusalReason: null,
    areaCode: null,
    providerKind: 'training_provider',
    cstfAligned: false,
    approvedAt: null,
    approvedBy: null,
    createdAt: input.now.toISOString(),
  };
  const ops: Batch = [db.insert(organisations).values(org)];
  if (input.ownerUserId) {
    ops.push(
      db
        .insert(memberships)
        .values({ userId: input.ownerUserId, orgId: org.id, role: 'owner', createdAt: org.createdAt }),
    );
  }
  ops.push(
    auditInsert(db, {
      at: input.now,
      actorUserId: input.ownerUserId ?? null,
      actorOrgId: org.id,
      action: 'organisation.created',
      targetType: 'organisation',
      targetId: org.id,
      details: { name, kind: org.kind, slug: org.slug },
    }),
  );
  await db.batch(ops);
  return org;
}

/** An organisation by id; 404 when there is none. */
export async function requireOrg(db: Database, orgId: string): Promise<Organisation> {
  const org = await getOrganisation(db, orgId);
  if (!org) throw new AppError('not_found', 'No such organisation');
  return org;
}
