/**
 * The endpoint fuzzer shared by `npm test` (test/fuzz/endpoints.test.ts) and `npm run fuzz` (test/fuzz/run.ts).
 *
 * It reads the routes from `app.routes`, so routes added later are fuzzed without changes here, and builds field
 * names and enum values from every zod schema exported under schemas/, so new forms get plausible keys too.
 * For each route it generates query strings, path params, and bodies (JSON of arbitrary shape, form-encoded,
 * multipart with random files, raw bytes), sent as an anonymous visitor, a signed-in care worker, academy staff,
 * an employer, a platform admin or an academy API token, with or without the CSRF token and a same- or cross-site
 * Origin. The property: never a 5xx, never an exception escaping the app, and JSON answers that are errors use
 * the one error shape (or are a verification result).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { apiTokens, issuerKeys, memberships, organisations } from '../../db/schema';
import { ENVELOPED_VC_PREFIX } from '../../worker/credentials/presentation';
import type { ErrorCode } from '../../worker/errors';
import { holderSigner } from '../../worker/services/passport/holders';
import { issueCredentials, loadAchievement } from '../../worker/services/academy/issuance';
import { issueContext } from '../../worker/services/academy/issue-types';
import { createShare } from '../../worker/services/passport/shares';
import { signPresentationJwt } from '../../worker/credentials/presentation';
import { inviteMember } from '../../worker/services/organisations/invitations';
import { type TestEnv, TEST_ORIGIN, makeTestEnv } from '../helpers/app';
import { sessionFor } from '../helpers/accounts';
import { buildWorld, makeAchievement, type World } from '../helpers/world';
import { LIBRARY_WORDING } from '../helpers/wording';

const ERROR_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'payload_too_large',
  'unsupported_media_type',
  'csrf_failed',
  'gone',
  'internal',
]);

export const ACTORS = ['anonymous', 'worker', 'academy', 'employer', 'commissioner', 'admin', 'apiToken'] as const;
export type FuzzActor = (typeof ACTORS)[number];

export interface FuzzTarget {
  method: string;
  path: string;
  params: string[];
  /** Relative share of the input budget. */
  weight: number;
}

type BodySpec =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'form'; fields: [string, string][] }
  | {
      kind: 'multipart';
      fields: [string, string][];
      files: { field: string; name: string; type: string; content: string | Uint8Array }[];
    }
  | { kind: 'raw'; contentType: string | null; bytes: Uint8Array | string };

export interface FuzzInput {
  actor: FuzzActor;
  params: Record<string, string>;
  /** Query pairs, plus a raw tail appended as is (broken percent-encoding and the like). */
  query: [string, string][];
  rawQuery: string;
  body: BodySpec;
  csrf: 'header' | 'field' | 'none';
  origin: 'none' | 'same' | 'cross' | 'null';
  /** Sent as X-Forwarded-For (a list, possibly spoofed or malformed). */
  address: string;
  /** The socket's peer, as the Node server reports it; null for an in-process request without a socket. */
  peer: string | null;
}

export interface FuzzContext {
  env: TestEnv;
  world: World;
  targets: FuzzTarget[];
  sessions: Map<FuzzActor, { token: string; csrf: string }>;
  pools: Pools;
  heal(): Promise<void>;
  /** Exceptions and rejections that escaped while fuzzing. */
  escaped: string[];
  close(): void;
}

interface Pools {
  keys: string[];
  enumValues: string[];
  ids: string[];
  /** The same ids by table, so a path parameter can be given an id of the kind its route names. */
  idsByTable: Record<string, string[]>;
  /** Signing-key ids (issuer_keys.kid). */
  kids: string[];
  slugs: string[];
  tokens: string[];
  jwts: string[];
  emails: string[];
  passwords: string[];
}

// ------------------------------------------------------------------ discovery

/** Every distinct route with a method, from the app itself; GETs without params are kept at a low weight. */
export function fuzzTargets(app: TestEnv['app']): FuzzTarget[] {
  const routes = new Map<string, { method: string; path: string; source: string }>();
  for (const r of app.routes) {
    if (r.method === 'ALL') continue;
    const key = `${r.method} ${r.path}`;
    const prev = routes.get(key);
    routes.set(key, { method: r.method, path: r.path, source: (prev?.source ?? '') + String(r.handler) });
  }
  const out: FuzzTarget[] = [];
  for (const { method, path, source } of routes.values()) {
    const params = [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
    // A GET without params only takes input through its query string; handlers that read one get a full share.
    const readsQuery = /\bquery\b|queryOf|noticeFrom|searchParams/.test(source);
    const weight = method !== 'GET' ? 3 : params.length ? 2 : readsQuery ? 1 : 0.25;
    out.push({ method, path, params, weight });
  }
  return out.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

/** Field names and enum values of every zod schema exported under schemas/ (so new forms get plausible input). */
export async function schemaVocabulary(): Promise<{ keys: string[]; values: string[] }> {
  const dir = new URL('../../schemas/', import.meta.url);
  const keys = new Set<string>();
  const values = new Set<string>();
  const seen = new WeakSet<object>();
  const walk = (node: unknown, depth: number): void => {
    if (!node || typeof node !== 'object' || depth > 12 || seen.has(node)) return;
    seen.add(node);
    const def = (node as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return;
    if (def.type === 'object' && def.shape && typeof def.shape === 'object') {
      for (const [k, v] of Object.entries(def.shape as Record<string, unknown>)) {
        keys.add(k);
        walk(v, depth + 1);
      }
    }
    if (def.type === 'enum' && def.entries) for (const v of Object.values(def.entries as object)) values.add(String(v));
    if (def.type === 'literal' && Array.isArray(def.values)) for (const v of def.values) values.add(String(v));
    for (const v of Object.values(def)) {
      if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
      else walk(v, depth + 1);
    }
  };
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const mod = (await import(pathToFileURL(join(dir.pathname, file)).href)) as Record<string, unknown>;
    for (const v of Object.values(mod)) walk(v, 0);
  }
  return { keys: [...keys], values: [...values] };
}

// ------------------------------------------------------------------ the world being fuzzed

/** Builds a fresh app over a fresh database with every kind of actor and some records to point at. */
export async function setupFuzz(): Promise<FuzzContext> {
  // The verifier's per-address limit is raised so the fuzzer reaches the pipeline instead of a 429 after 600 calls.
  const env = await makeTestEnv({ VERIFY_RATE_PER_MINUTE: '100000000', TRUSTED_PROXIES: '10.0.0.0/8, ::1' });
  const world = await buildWorld(env);
  const { db, config } = env.deps;
  const now = env.deps.clock();
  const achievement = await makeAchievement(env, world.academy.id, world.academyStaff.id);
  const loaded = await loadAchievement(db, world.academy.id, achievement.id);
  const issued = await issueCredentials({ ...issueContext(env.deps, world.academyStaff.id), now }, loaded, [
    { email: world.worker.email, name: 'Wendy Worker' },
    { email: 'learner.without.passport@example.test', name: 'New Learner' },
  ]);
  const share = await createShare(db, {
    userId: world.worker.id,
    credentialIds: [issued[0]!.credentialId],
    days: 30,
    now,
  });
  const holder = (await holderSigner(db, config, world.worker.id))!;
  const vp = await signPresentationJwt({
    holderDid: holder.did,
    kid: holder.kid,
    privateKey: holder.privateKey,
    credentialJwts: [issued[0]!.jwt],
    audience: TEST_ORIGIN,
    nonce: 'fuzz-nonce',
    validSeconds: 300,
    now,
  });
  const invitationToken = await inviteMember(env.deps, {
    org: world.academy,
    email: 'invitee@example.test',
    role: 'staff',
    invitedBy: { userId: world.academyStaff.id, role: 'owner', name: 'Asha Trainer' },
  });

  // When the cohort API exists, store one small cohort so batch routes have a real batch id to point at.
  if (env.app.routes.some((r) => r.method === 'POST' && r.path === '/api/v1/academies/:org/cohorts')) {
    await env.app.request(`${TEST_ORIGIN}/api/v1/academies/${world.academy.slug}/cohorts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${world.apiToken}` },
      body: JSON.stringify({
        achievementId: achievement.id,
        rows: [{ name: 'Cora Hort', email: 'cora@example.test', completion_date: '2026-05-01' }],
      }),
    });
  }
  const vocabulary = await schemaVocabulary();
  const statusListJwt = await (await env.app.request(`/status-lists/${await firstStatusList(env)}`)).text();
  const pools: Pools = {
    keys: [
      ...new Set([
        ...vocabulary.keys,
        '_csrf',
        'next',
        'notice',
        'q',
        'page',
        'token',
        'jwt',
        'file',
        'csv',
        'role',
        'credential',
        'id',
      ]),
    ],
    enumValues: vocabulary.values,
    ...(await knownIds(env)),
    kids: [...(await env.deps.db.select({ kid: issuerKeys.kid }).from(issuerKeys)).map((k) => k.kid), 'key-unknown'],
    slugs: [
      world.academy.slug,
      world.otherAcademy.slug,
      world.employer.slug,
      world.commissioner.slug,
      'platform',
      'no-such-org',
    ],
    tokens: [share.token, issued[1]!.claimToken ?? 'b'.repeat(32), invitationToken, world.apiToken],
    jwts: [
      issued[0]!.jwt,
      issued[1]!.jwt,
      vp,
      statusListJwt,
      `${ENVELOPED_VC_PREFIX}${issued[0]!.jwt}`,
      `${TEST_ORIGIN}/s/${share.token}`,
    ],
    emails: [
      'fuzz.one@example.test',
      'FUZZ.two@Example.Test',
      'new.person@example.org',
      'a@b',
      'not-an-email',
      ' spaced @example.test',
    ],
    passwords: ['correct horse battery staple', 'another long pass phrase 9', 'short', 'password'],
  };

  const sessions = new Map<FuzzActor, { token: string; csrf: string }>();
  const users: Partial<Record<FuzzActor, string>> = {
    worker: world.worker.id,
    academy: world.academyStaff.id,
    employer: world.employerStaff.id,
    commissioner: world.commissionerStaff.id,
    admin: world.admin.id,
  };
  const tokenId = (
    await db.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.orgId, world.academy.id))
  )[0]?.id;
  const ctx: FuzzContext = {
    env,
    world,
    targets: fuzzTargets(env.app),
    sessions,
    pools,
    escaped: [],
    // Undo what earlier inputs may have done to the actors (suspended org, revoked token, signed out), so every
    // route is fuzzed with working credentials rather than against a world the fuzzer itself broke.
    async heal() {
      const orgIds = [world.academy.id, world.otherAcademy.id, world.employer.id, world.commissioner.id];
      for (const id of orgIds)
        await db.update(organisations).set({ status: 'approved' }).where(eq(organisations.id, id));
      if (tokenId) await db.update(apiTokens).set({ revokedAt: null }).where(eq(apiTokens.id, tokenId));
      const owners: [string, string][] = [
        [world.academyStaff.id, world.academy.id],
        [world.otherAcademyStaff.id, world.otherAcademy.id],
        [world.employerStaff.id, world.employer.id],
        [world.commissionerStaff.id, world.commissioner.id],
      ];
      for (const [userId, orgId] of owners) {
        await db
          .insert(memberships)
          .values({ userId, orgId, role: 'owner', createdAt: now.toISOString() })
          .onConflictDoUpdate({ target: [memberships.userId, memberships.orgId], set: { role: 'owner' } });
      }
      sessions.clear();
      for (const [actor, userId] of Object.entries(users))
        sessions.set(actor as FuzzActor, await sessionFor(env, userId));
    },
    close: () => env.close(),
  };
  await ctx.heal();
  return ctx;
}

async function firstStatusList(env: TestEnv): Promise<string> {
  const rows = await env.deps.db.all<{ id: string }>(sql`SELECT id FROM status_lists LIMIT 1`);
  return rows[0]?.id ?? '00000000-0000-4000-8000-000000000000';
}

/** A sample of the `id` column of every table that has one (new tables are picked up automatically), also by table. */
async function knownIds(env: TestEnv): Promise<{ ids: string[]; idsByTable: Record<string, string[]> }> {
  const db = env.deps.db;
  const tables = await db.all<{ name: string }>(
    sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'`,
  );
  const ids = new Set<string>();
  const idsByTable: Record<string, string[]> = {};
  for (const { name } of tables) {
    const cols = await db.all<{ name: string }>(sql.raw(`PRAGMA table_info("${name}")`));
    if (!cols.some((c) => c.name === 'id')) continue;
    const rows = await db.all<{ id: unknown }>(sql.raw(`SELECT id FROM "${name}" ORDER BY random() LIMIT 12`));
    const own = rows.map((r) => r.id).filter((id): id is string => typeof id === 'string');
    idsByTable[name] = own;
    for (const id of own) ids.add(id);
  }
  return { ids: [...ids], idsByTable };
}

/**
 * The ids of the kind a path parameter names, from the path segment before it (`/credentials/:id` -> the
 * credentials table, `/batches/:batchId` -> issue_batches, `/members/:userId` -> users); empty when none matches.
 */
function idsForParam(p: Pools, path: string, name: string): string[] {
  const segments = path.split('/');
  const at = segments.indexOf(`:${name}`);
  const before = (at > 0 ? segments[at - 1] : '') ?? '';
  const stem = before
    .replace(/-/g, '_')
    .replace(/(ies)$/, 'y')
    .replace(/s$/, '');
  const byName = /^user/i.test(name) ? ['users'] : [];
  const tables = Object.keys(p.idsByTable).filter(
    (t) => byName.includes(t) || (stem.length >= 3 && t.replace(/s$/, '').endsWith(stem)),
  );
  return tables.flatMap((t) => p.idsByTable[t] ?? []);
}

// ------------------------------------------------------------------ generators

const hugeString = fc
  .integer({ min: 1_000, max: 300_000 })
  .chain((n) => fc.constantFrom('x', 'é', '\u0000', '<', '9').map((ch) => ch.repeat(n)));

/** Strings an attacker or a confused client would send. */
function stringArb(p: Pools): fc.Arbitrary<string> {
  const jwtLike = fc.oneof(
    fc.constantFrom(...p.jwts),
    fc.tuple(fc.constantFrom(...p.jwts), fc.nat(), fc.string({ minLength: 1, maxLength: 3 })).map(([j, i, s]) => {
      const k = i % j.length;
      return j.slice(0, k) + s + j.slice(k + s.length);
    }),
    fc
      .array(fc.base64String({ maxLength: 60 }), { minLength: 1, maxLength: 5 })
      .map((parts) => parts.join('.').replace(/\+/g, '-').replace(/\//g, '_')),
  );
  return fc.oneof(
    { weight: 5, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
    { weight: 4, arbitrary: fc.constantFrom(...p.enumValues, ...p.slugs, ...p.emails, ...p.passwords, ...p.tokens) },
    { weight: 4, arbitrary: fc.constantFrom(...p.ids) },
    { weight: 1, arbitrary: fc.uuid().map(String) },
    { weight: 3, arbitrary: jwtLike },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '',
        ' ',
        '0',
        '-1',
        '1e309',
        'NaN',
        'true',
        'null',
        '[]',
        '{}',
        '2026-02-30',
        '2026-06-01',
        '9999-12-31',
        '../../etc/passwd',
        '%00',
        '<script>alert(1)</script>',
        "' OR 1=1 --",
        '\u202e',
        '\ud800',
        'a\u0000b',
      ),
    },
    { weight: 1, arbitrary: fc.integer().map(String) },
    { weight: 1, arbitrary: hugeString },
  );
}

/** JSON of arbitrary shape whose object keys are mostly the app's own field names. */
function jsonArb(p: Pools): fc.Arbitrary<unknown> {
  const key = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...p.keys) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype') },
  );
  const leaf = fc.oneof(
    { weight: 6, arbitrary: stringArb(p) },
    { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null)) },
  );
  const { tree } = fc.letrec((tie) => ({
    tree: fc.oneof({ maxDepth: 4, depthIdentifier: 'json' }, leaf, tie('object'), tie('array')),
    object: fc.dictionary(key, tie('tree'), { maxKeys: 7, depthIdentifier: 'json' }),
    array: fc.array(tie('tree'), { maxLength: 5, depthIdentifier: 'json' }),
  }));
  return fc.oneof(
    { weight: 6, arbitrary: fc.dictionary(key, tree, { maxKeys: 8 }) },
    { weight: 1, arbitrary: tree },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}

/** CSV-ish text: a header from the cohort columns (or junk) and rows of pool values, with CSV edge cases. */
function csvArb(p: Pools): fc.Arbitrary<string> {
  const cell = fc.oneof(
    stringArb(p),
    fc.constantFrom('"quoted, with comma"', '"unterminated', 'a""b', '=HYPERLINK("x")', '2026-05-01', '01/05/2026'),
  );
  const header = fc.shuffledSubarray(
    ['name', 'email', 'completion_date', 'assessor_name', 'assessed_on', 'score', 'notes', 'Name ', 'EMAIL', 'extra'],
    { minLength: 0 },
  );
  return fc
    .tuple(
      header,
      fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 30 }),
      fc.constantFrom('\n', '\r\n', '\r'),
      fc.boolean(),
    )
    .map(([h, rows, eol, bom]) => (bom ? '\ufeff' : '') + [h.join(','), ...rows.map((r) => r.join(','))].join(eol));
}

function fieldsArb(p: Pools): fc.Arbitrary<[string, string][]> {
  return fc.array(
    fc.tuple(
      fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...p.keys) },
        { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
      ),
      stringArb(p),
    ),
    { maxLength: 8 },
  );
}

function bodyArb(p: Pools, method: string): fc.Arbitrary<BodySpec> {
  if (method === 'GET' || method === 'HEAD') return fc.constant({ kind: 'none' });
  const file = fc.record({
    field: fc.constantFrom('file', 'csv', 'jwt', 'upload', ...p.keys.slice(0, 5)),
    name: fc.oneof(
      fc.constantFrom(
        'cohort.csv',
        'cert.jwt',
        'cert.json',
        'notes.txt',
        'photo.jpg',
        'x.CSV',
        '.csv',
        'a'.repeat(300) + '.csv',
        '../../x.csv',
      ),
      fc.string({ maxLength: 20 }),
    ),
    type: fc.constantFrom('text/csv', 'application/octet-stream', 'application/json', 'text/plain', 'image/jpeg', ''),
    content: fc.oneof(
      csvArb(p),
      stringArb(p),
      fc.uint8Array({ maxLength: 4096 }),
      fc.integer({ min: 60_000, max: 400_000 }).map((n) => 'e,'.repeat(n / 2)),
    ),
  });
  return fc.oneof(
    { weight: 5, arbitrary: jsonArb(p).map((value) => ({ kind: 'json' as const, value })) },
    { weight: 5, arbitrary: fieldsArb(p).map((fields) => ({ kind: 'form' as const, fields })) },
    {
      weight: 3,
      arbitrary: fc
        .record({ fields: fieldsArb(p), files: fc.array(file, { maxLength: 2 }) })
        .map((r) => ({ kind: 'multipart' as const, ...r })),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({
          contentType: fc.constantFrom(
            null,
            'application/json',
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data',
            'multipart/form-data; boundary=x',
            'application/vc+jwt',
            'text/csv',
          ),
          bytes: fc.oneof(fc.uint8Array({ maxLength: 3000 }), stringArb(p)),
        })
        .map((r) => ({ kind: 'raw' as const, ...r })),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
  );
}

function paramArb(p: Pools, path: string, name: string): fc.Arbitrary<string> {
  const ofKind = idsForParam(p, path, name);
  const preferred = /org|slug/i.test(name)
    ? p.slugs
    : /token/i.test(name)
      ? p.tokens
      : /kid/i.test(name)
        ? p.kids
        : ofKind.length
          ? ofKind
          : p.ids;
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...preferred) },
    { weight: 2, arbitrary: fc.constantFrom(...p.ids, ...p.slugs) },
    {
      weight: 3,
      arbitrary: stringArb(p)
        .filter((s) => s.length > 0 && s.length < 5000)
        .map((s) => encodeURIComponent(s.toWellFormed())),
    },
    // Left raw: broken percent-encoding and dot segments reach the router and the param decoder.
    { weight: 1, arbitrary: fc.constantFrom('%', '%zz', '%E0%A4%A', '%C0%AF', '..', '.', '%2e%2e', '%00', 'a%2Fb') },
  );
}

/** Which actor a path is for, by its first segment (the one its guard lets in), if any. */
const OWNER_BY_PREFIX: [RegExp, FuzzActor][] = [
  [/^\/academy\//, 'academy'],
  [/^\/api\/v1\/academies\//, 'apiToken'],
  [/^\/employer\//, 'employer'],
  [/^\/api\/v1\/employers\//, 'apiToken'],
  [/^\/(commissioner|api\/v1\/commissioner)\b/, 'commissioner'],
  [/^\/admin\b/, 'admin'],
  [/^\/(passport|account)\b/, 'worker'],
];

/**
 * Every actor, with the one the route is for three times as likely, so most inputs get past the guard and test
 * what lies behind it while every other actor still probes the guard.
 */
function actorArb(path: string): fc.Arbitrary<FuzzActor> {
  const owner = OWNER_BY_PREFIX.find(([re]) => re.test(path))?.[1];
  if (!owner) return fc.constantFrom(...ACTORS);
  return fc.oneof({ weight: 3, arbitrary: fc.constant(owner) }, { weight: 1, arbitrary: fc.constantFrom(...ACTORS) });
}

/** One request for a target. */
export function inputArb(p: Pools, target: FuzzTarget): fc.Arbitrary<FuzzInput> {
  const params = fc.record(
    Object.fromEntries(target.params.map((n) => [n, paramArb(p, target.path, n)])) as Record<
      string,
      fc.Arbitrary<string>
    >,
  );
  return fc.record({
    actor: actorArb(target.path),
    params,
    query: fc.array(
      fc.tuple(
        fc.oneof(fc.constantFrom(...p.keys), fc.string({ maxLength: 8 })),
        stringArb(p).filter((s) => s.length < 20_000),
      ),
      { maxLength: 5 },
    ),
    rawQuery: fc.oneof(
      { weight: 8, arbitrary: fc.constant('') },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '&%',
          '&q=%E0%A4%A',
          '&=&&=',
          '&a[b]=1&a[b]=2',
          '&page=-1',
          '&page=99999999999999999999',
        ),
      },
    ),
    body: bodyArb(p, target.method),
    csrf: fc.constantFrom('header', 'header', 'field', 'field', 'none'),
    origin: fc.constantFrom('none', 'none', 'same', 'same', 'cross', 'null'),
    address: fc.oneof(
      fc.ipV4(),
      fc.constantFrom('local', '127.0.0.1'),
      fc
        .array(fc.oneof(fc.ipV4(), fc.ipV6(), fc.string({ maxLength: 12 })), { minLength: 1, maxLength: 4 })
        .map((a) => a.join(', ')),
    ),
    // Requests through the Node server carry the socket's peer: a trusted proxy (10.0.0.0/8), a client, or junk.
    peer: fc.oneof(
      { weight: 3, arbitrary: fc.constant(null) },
      { weight: 2, arbitrary: fc.oneof(fc.constantFrom('10.0.0.7', '::ffff:10.0.0.8', '::1'), fc.ipV4(), fc.ipV6()) },
      { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
    ),
  });
}

// ------------------------------------------------------------------ sending and judging

/** The URL path of a target with its params filled in. */
export function pathFor(target: FuzzTarget, input: FuzzInput): string {
  return target.path.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => input.params[name] ?? 'x');
}

/** Sends one input; returns the status and, if the property does not hold, what went wrong. */
export async function sendInput(
  ctx: FuzzContext,
  target: FuzzTarget,
  input: FuzzInput,
): Promise<{ status: number; problem: string | null }> {
  const headers = new Headers();
  headers.set('x-forwarded-for', input.address);
  const session = ctx.sessions.get(input.actor);
  if (input.actor === 'apiToken') headers.set('authorization', `Bearer ${ctx.world.apiToken}`);
  else if (session) headers.set('cookie', `cp_session=${session.token}`);
  if (session && input.csrf === 'header') headers.set('x-csrf-token', session.csrf);
  if (input.origin === 'same') headers.set('origin', TEST_ORIGIN);
  if (input.origin === 'cross') headers.set('origin', 'https://evil.example');
  if (input.origin === 'null') headers.set('origin', 'null');
  headers.set('accept', input.query.length % 2 ? 'application/json' : 'text/html,application/xhtml+xml');

  const qs = new URLSearchParams(input.query).toString();
  const query = qs || input.rawQuery ? `?${qs}${input.rawQuery}` : '';
  const url = `${TEST_ORIGIN}${pathFor(target, input)}${query}`;
  const csrfField: [string, string][] = session && input.csrf === 'field' ? [['_csrf', session.csrf]] : [];
  let body: BodyInit | undefined;
  const b = input.body;
  if (b.kind === 'json') {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(b.value);
  } else if (b.kind === 'form') {
    headers.set('content-type', 'application/x-www-form-urlencoded');
    body = new URLSearchParams([...b.fields, ...csrfField]).toString();
  } else if (b.kind === 'multipart') {
    const form = new FormData();
    for (const [k, v] of [...b.fields, ...csrfField]) form.append(k, v);
    for (const f of b.files) form.append(f.field, new File([f.content as BlobPart], f.name, { type: f.type }));
    body = form;
  } else if (b.kind === 'raw') {
    if (b.contentType) headers.set('content-type', b.contentType);
    body = b.bytes as BodyInit;
  }

  let res: Response;
  try {
    const bindings = input.peer === null ? undefined : { incoming: { socket: { remoteAddress: input.peer } } };
    res = await ctx.env.app.request(url, { method: target.method, headers, body }, bindings);
  } catch (err) {
    // A URL the platform itself cannot represent is not the app's fault; anything else escaped the app.
    if (err instanceof TypeError && /Invalid URL/i.test(String(err))) return { status: 0, problem: null };
    return { status: 0, problem: `exception escaped the app: ${String((err as Error)?.stack ?? err)}` };
  }
  const text = await res.text();
  // Signing out (or a password change) ends the actor's session; give it a new one for the next input.
  if (res.status < 400 && session && /sign-out|password|account\/delete|\/remove$|\/role$/.test(target.path))
    await refreshSession(ctx, input.actor);
  if (res.status >= 500) return { status: res.status, problem: `status ${res.status}: ${text.slice(0, 300)}` };
  const wording = LIBRARY_WORDING.exec(text);
  if (wording)
    return { status: res.status, problem: `schema-library wording shown: "${wording[0]}" in ${text.slice(0, 300)}` };
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { status: res.status, problem: `invalid JSON with content-type ${type}: ${text.slice(0, 200)}` };
    }
    const oauth = (target.path.includes('/oid4vci/') || target.path.startsWith('/oid4vp/')) && isWalletErrorShape(json);
    if (res.status >= 400 && !isErrorShape(json) && !isVerificationResult(json) && !oauth) {
      return { status: res.status, problem: `JSON ${res.status} without the error shape: ${text.slice(0, 300)}` };
    }
  }
  return { status: res.status, problem: null };
}

async function refreshSession(ctx: FuzzContext, actor: FuzzActor) {
  const ids: Partial<Record<FuzzActor, string>> = {
    worker: ctx.world.worker.id,
    academy: ctx.world.academyStaff.id,
    employer: ctx.world.employerStaff.id,
    commissioner: ctx.world.commissionerStaff.id,
    admin: ctx.world.admin.id,
  };
  const id = ids[actor];
  if (id) ctx.sessions.set(actor, await sessionFor(ctx.env, id));
}

function isErrorShape(v: unknown): boolean {
  const e = (v as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return !!e && typeof e.code === 'string' && ERROR_CODES.has(e.code as ErrorCode) && typeof e.message === 'string';
}

/** The wallet endpoints (issuance, presentation response) answer in the OAuth shape: `{error, error_description}`. */
function isWalletErrorShape(v: unknown): boolean {
  const e = v as { error?: unknown; error_description?: unknown } | null;
  return !!e && typeof e.error === 'string' && /^[a-z_]+$/.test(e.error) && typeof e.error_description === 'string';
}

function isVerificationResult(v: unknown): boolean {
  const r = v as { verified?: unknown; errors?: unknown; checks?: unknown } | null;
  return !!r && r.verified === false && Array.isArray(r.errors) && Array.isArray(r.checks);
}

// ------------------------------------------------------------------ running

export interface TargetReport {
  route: string;
  inputs: number;
  statuses: Record<string, number>;
  failure: { problem: string; counterexample: string; seed: number; path: string | undefined } | null;
}

/** Splits `total` inputs over the targets by weight (each gets at least one). */
export function budget(targets: FuzzTarget[], total: number): number[] {
  const sum = targets.reduce((s, t) => s + t.weight, 0);
  return targets.map((t) => Math.max(1, Math.round((total * t.weight) / sum)));
}

/** Fuzzes one route with fast-check (shrinking a failure to a minimal counterexample). */
export async function fuzzTarget(
  ctx: FuzzContext,
  target: FuzzTarget,
  numRuns: number,
  seed: number,
): Promise<TargetReport> {
  await ctx.heal();
  const report: TargetReport = { route: `${target.method} ${target.path}`, inputs: 0, statuses: {}, failure: null };
  let lastProblem = '';
  const property = fc.asyncProperty(inputArb(ctx.pools, target), async (input) => {
    report.inputs++;
    const before = ctx.escaped.length;
    const { status, problem } = await sendInput(ctx, target, input);
    report.statuses[status] = (report.statuses[status] ?? 0) + 1;
    // Let any stray rejection from this request surface before judging it.
    await new Promise((r) => setImmediate(r));
    const escaped = ctx.escaped.slice(before);
    if (problem || escaped.length) {
      lastProblem = problem ?? `escaped: ${escaped.join('; ')}`;
      return false;
    }
    return true;
  });
  const details = await fc.check(property, {
    numRuns,
    seed,
    endOnFailure: false,
    interruptAfterTimeLimit: 120_000,
    markInterruptAsFailure: false,
  });
  if (details.failed && details.counterexample) {
    report.failure = {
      problem: lastProblem || String(details.errorInstance ?? 'property failed'),
      counterexample: describeInput(target, details.counterexample[0] as FuzzInput),
      seed: details.seed,
      path: details.counterexamplePath ?? undefined,
    };
  }
  return report;
}

/** A readable, size-capped rendering of one input (for reports). */
export function describeInput(target: FuzzTarget, input: FuzzInput): string {
  const cap = (s: string) => (s.length > 400 ? `${s.slice(0, 400)}... (${s.length} chars)` : s);
  const body =
    input.body.kind === 'json'
      ? cap(JSON.stringify(input.body.value))
      : input.body.kind === 'raw'
        ? `${input.body.contentType} ${cap(typeof input.body.bytes === 'string' ? JSON.stringify(input.body.bytes) : `bytes[${input.body.bytes.length}]`)}`
        : input.body.kind === 'none'
          ? ''
          : cap(JSON.stringify(input.body));
  return `${target.method} ${pathFor(target, input)}?${new URLSearchParams(input.query)}${input.rawQuery} actor=${input.actor} csrf=${input.csrf} origin=${input.origin} body(${input.body.kind})=${body}`;
}

/** Records exceptions and rejections that escape while fuzzing; returns the function that removes the hooks. */
export function trapEscapes(ctx: FuzzContext): () => void {
  const onRejection = (reason: unknown) =>
    ctx.escaped.push(`unhandledRejection: ${String((reason as Error)?.stack ?? reason)}`);
  const onException = (err: unknown) => ctx.escaped.push(`uncaughtException: ${String((err as Error)?.stack ?? err)}`);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}

/** Logged lines that mark an unhandled error inside the app (they would also be 500s). */
export function unhandledLogLines(ctx: FuzzContext): string[] {
  return ctx.env.logs.filter((l) => l.includes('"unhandled"'));
}
