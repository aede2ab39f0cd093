/**
 * Bench tool: fills a migrated, catalogue-seeded database with a synthetic workforce (users, academies,
 * achievements, status lists, credentials, role history) fast, with multi-row inserts in write
 * transactions on the raw libSQL client. Not app code: JWT text is fake, ids come from a seeded PRNG,
 * and secondary indexes on credentials are dropped during the load and rebuilt afterwards.
 */
import type { Client, InValue } from '@libsql/client';
import Libsql from 'libsql';
import type { Database } from '../db/client';

export interface DatasetOptions {
  /** Consenting workers (plus `nonConsentingWorkers` who are not counted). */
  workers: number;
  credentialsPerWorker: number;
  /** How many areas (taken from the seeded `areas` table) or which area codes; workers are spread evenly. */
  areas: number | string[];
  nonConsentingWorkers?: number;
  academies?: number;
  /** Length of the fake signed text per credential (an OB 3.0 vc+jwt issued here is about 3.1 KB: bench `issue`). */
  jwtBytes?: number;
  /**
   * Write credentials and their signed texts straight to these libSQL files (the `libsql` engine the client wraps,
   * with one reused prepared statement), not through the client, which keeps native memory for every large statement it runs: at
   * millions of rows that exhausts this machine. `bodies` is a second file for the texts (as CREDENTIAL_BODIES_URL
   * sets up) or null to leave them out. Without `files`, texts go to the same database's `credential_bodies` table.
   */
  files?: { primary: string; bodies: string | null };
  seed?: number;
  /** Reference "now" for validity dates (default 2026-06-01). */
  now?: Date;
  /** Progress lines (phase timings). */
  log?: (line: string) => void;
}

export interface Dataset {
  areaCodes: string[];
  commissioner: { orgId: string; slug: string; userId: string };
  academyIds: string[];
  counts: { users: number; credentials: number; roleHistory: number; achievements: number; statusLists: number };
  ms: number;
}

/** mulberry32: small, fast, seeded; the bench must be reproducible. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

function uuid(r: Rand): string {
  const h = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += Math.floor(r() * 16).toString(16);
    return s;
  };
  return `${h(8)}-${h(4)}-4${h(3)}-${pick(r, ['8', '9', 'a', 'b'])}${h(3)}-${h(12)}`;
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const addMonths = (ms: number, months: number) => {
  const d = new Date(ms);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
};

/** Inserts rows with multi-row VALUES statements inside one write transaction. */
async function bulkInsert(client: Client, table: string, columns: string[], rows: InValue[][], rowsPerStatement = 400) {
  if (!rows.length) return;
  const tx = await client.transaction('write');
  try {
    const one = `(${columns.map(() => '?').join(',')})`;
    for (let i = 0; i < rows.length; i += rowsPerStatement) {
      const chunk = rows.slice(i, i + rowsPerStatement);
      await tx.execute({
        sql: `INSERT INTO ${table} (${columns.join(',')}) VALUES ${chunk.map(() => one).join(',')}`,
        args: chunk.flat(),
      });
    }
    await tx.commit();
  } finally {
    tx.close();
  }
}

/** Multi-row inserts into one table of a libSQL file through a direct connection, one transaction per call. */
function directWriter(path: string, table: string, columns: string[], rowsPerStatement: number) {
  const file = new Libsql(path);
  // The generator inserts credentials before the status lists they name, as the client path does with keys off.
  file.exec('PRAGMA foreign_keys=OFF');
  file.exec('PRAGMA busy_timeout=5000');
  file.exec('PRAGMA synchronous=OFF');
  const one = `(${columns.map(() => '?').join(',')})`;
  const statementFor = (n: number) =>
    file.prepare(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${Array(n).fill(one).join(',')}`);
  const full = statementFor(rowsPerStatement);
  return {
    write(rows: InValue[][]) {
      if (!rows.length) return;
      file.exec('BEGIN');
      try {
        for (let i = 0; i < rows.length; i += rowsPerStatement) {
          const chunk = rows.slice(i, i + rowsPerStatement);
          const statement = chunk.length === rowsPerStatement ? full : statementFor(chunk.length);
          statement.run(...chunk.flat());
        }
        file.exec('COMMIT');
      } catch (error) {
        file.exec('ROLLBACK');
        throw error;
      }
    },
    close: () => file.close(),
  };
}

/** Generates the dataset; the database must be migrated and hold the reference catalogue. */
export async function generateDataset(db: Database, opts: DatasetOptions): Promise<Dataset> {
  const started = performance.now();
  let phase = started;
  const log = (what: string) => {
    const t = performance.now();
    opts.log?.(`${what}: ${Math.round(t - phase)} ms`);
    phase = t;
  };
  const client = (db as unknown as { $client: Client }).$client;
  const r = prng(opts.seed ?? 20260601);
  const now = (opts.now ?? new Date('2026-06-01T09:00:00Z')).getTime();
  const jwtBytes = opts.jwtBytes ?? 3100;
  const academyCount = opts.academies ?? 20;

  // Catalogue, by kind and framework kind (not by exact ids).
  const allAreas = (await client.execute('SELECT code FROM areas ORDER BY code')).rows.map((x) => String(x.code));
  const areaCodes = typeof opts.areas === 'number' ? allAreas.slice(0, opts.areas) : opts.areas;
  if (!areaCodes.length) throw new Error('no areas: seed the reference catalogue first');
  const comps = (
    await client.execute('SELECT id, kind, level, refresh_months FROM competencies ORDER BY framework_id, sort_order')
  ).rows.map((x) => ({
    id: String(x.id),
    kind: String(x.kind),
    level: x.level === null ? null : String(x.level),
    refresh: x.refresh_months === null ? null : Number(x.refresh_months),
  }));
  const training = comps.filter((c) => c.kind === 'mandatory_training' && c.refresh);
  const delegated = comps.filter((c) => c.kind === 'delegated_task');
  const quals = comps.filter((c) => c.kind === 'qualification' && c.level && /^[2-5]/.test(c.level));
  const careCert = comps.filter((c) => c.kind === 'care_certificate');
  const roles = (
    await client.execute(
      `SELECT r.id, f.sort_order FROM roles r JOIN frameworks f ON f.id = r.framework_id WHERE f.kind = 'ladder' ORDER BY f.sort_order, r.rank`,
    )
  ).rows.map((x) => String(x.id));

  await client.execute('PRAGMA foreign_keys=OFF');
  // A big page cache keeps the random-order primary-key index of a million credentials in memory while loading;
  // synchronous=OFF skips fsyncs (a bench database is thrown away if the machine crashes). Both restored below.
  const before = (await client.execute('PRAGMA cache_size')).rows[0]?.[0] ?? -2000;
  await client.execute('PRAGMA cache_size=-524288');
  await client.execute('PRAGMA synchronous=OFF');
  // Secondary indexes on credentials are rebuilt after the load (much faster than maintaining them per row).
  const credIndexes = (
    await client.execute(
      `SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name='credentials' AND sql IS NOT NULL`,
    )
  ).rows.map((x) => ({ name: String(x.name), sql: String(x.sql) }));
  for (const ix of credIndexes) await client.execute(`DROP INDEX ${ix.name}`);

  // ---- organisations: academies and a commissioner for the areas
  const orgRows: InValue[][] = [];
  const academyIds: string[] = [];
  for (let i = 0; i < academyCount; i++) {
    const id = uuid(r);
    academyIds.push(id);
    orgRows.push([
      id,
      `bench-academy-${i + 1}`,
      `Bench Academy ${i + 1}`,
      'academy',
      'approved',
      pick(r, areaCodes),
      iso(now - 900 * DAY),
    ]);
  }
  const commissionerId = uuid(r);
  const commissionerSlug = 'bench-commissioner';
  orgRows.push([
    commissionerId,
    commissionerSlug,
    'Bench Commissioner',
    'commissioner',
    'approved',
    areaCodes[0] ?? null,
    iso(now - 900 * DAY),
  ]);
  await bulkInsert(
    client,
    'organisations',
    ['id', 'slug', 'name', 'kind', 'status', 'area_code', 'created_at'],
    orgRows,
  );
  await bulkInsert(
    client,
    'organisation_areas',
    ['org_id', 'area_code'],
    areaCodes.map((a) => [commissionerId, a]),
  );

  // ---- achievements: one per catalogue item per academy, plus a mandatory-training day bundle and a Care Certificate
  type Ach = { id: string; org: string; aligned: string[]; months: number | null; level: string | null };
  const achievements: Ach[] = [];
  const bundleSubjects = training.slice(0, 5).map((c) => c.id);
  for (const org of academyIds) {
    for (const c of [...training, ...delegated, ...quals]) {
      achievements.push({ id: uuid(r), org, aligned: [c.id], months: c.refresh, level: c.level });
    }
    achievements.push({ id: uuid(r), org, aligned: bundleSubjects, months: 12, level: null });
    achievements.push({
      id: uuid(r),
      org,
      aligned: careCert.filter((c) => c.id.startsWith('cc25')).map((c) => c.id),
      months: null,
      level: null,
    });
  }
  await bulkInsert(
    client,
    'achievements',
    [
      'id',
      'org_id',
      'name',
      'description',
      'criteria',
      'achievement_type',
      'level',
      'validity_months',
      'assessment_method',
      'created_at',
    ],
    achievements.map((a, i) => [
      a.id,
      a.org,
      `Bench achievement ${i}`,
      'Synthetic',
      'Synthetic',
      'Certificate',
      a.level,
      a.months,
      'classroom',
      iso(now - 800 * DAY),
    ]),
  );
  await bulkInsert(
    client,
    'achievement_alignments',
    ['achievement_id', 'competency_id'],
    achievements.flatMap((a) => a.aligned.map((c) => [a.id, c])),
  );
  const byOrg = new Map<string, { single: Map<string, Ach>; bundle: Ach; cert: Ach }>();
  for (const a of achievements) {
    let e = byOrg.get(a.org);
    if (!e) {
      e = { single: new Map(), bundle: a, cert: a };
      byOrg.set(a.org, e);
    }
    if (a.aligned.length === 1) e.single.set(a.aligned[0] as string, a);
    else if (a.aligned.length === bundleSubjects.length && a.months === 12) e.bundle = a;
    else e.cert = a;
  }

  // ---- users
  const total = opts.workers + (opts.nonConsentingWorkers ?? 0);
  const users: { id: string; area: string; role: string | null; consent: boolean }[] = [];
  const userRows: InValue[][] = [];
  for (let i = 0; i < total; i++) {
    const consent = i < opts.workers;
    const u = {
      id: uuid(r),
      area: areaCodes[i % areaCodes.length] as string,
      role: r() < 0.9 ? pick(r, roles) : null,
      consent,
    };
    users.push(u);
    userRows.push([
      u.id,
      `bench.worker.${i}@example.invalid`,
      '$scrypt$bench$not-a-real-hash',
      `Bench Worker ${i}`,
      u.area,
      u.role,
      consent ? 1 : 0,
      consent ? iso(now - 200 * DAY) : null,
      iso(now - 1000 * DAY),
    ]);
  }
  const commissionerUser = uuid(r);
  userRows.push([
    commissionerUser,
    'bench.commissioner@example.invalid',
    '$scrypt$bench$not-a-real-hash',
    'Bench Commissioner',
    null,
    null,
    0,
    null,
    iso(now - 1000 * DAY),
  ]);
  await bulkInsert(
    client,
    'users',
    [
      'id',
      'email',
      'password_hash',
      'display_name',
      'area_code',
      'current_role_id',
      'workforce_consent',
      'workforce_consent_at',
      'created_at',
    ],
    userRows,
    200,
  );
  log(`organisations, achievements, ${userRows.length} users`);
  await bulkInsert(
    client,
    'memberships',
    ['user_id', 'org_id', 'role', 'created_at'],
    [[commissionerUser, commissionerId, 'owner', iso(now)]],
  );

  // ---- status lists: a revocation and a suspension list per academy per 131,072 credentials
  const LIST_SIZE = 131_072;
  const lists = new Map<string, { rev: string; sus: string; used: number }>();
  const listRows: InValue[][] = [];
  const newLists = (org: string) => {
    const l = { rev: uuid(r), sus: uuid(r), used: 0 };
    listRows.push(
      [l.rev, org, 'revocation', LIST_SIZE, 0, iso(now - 900 * DAY)],
      [l.sus, org, 'suspension', LIST_SIZE, 0, iso(now - 900 * DAY)],
    );
    lists.set(org, l);
    return l;
  };

  // ---- credentials, inserted in chunks so memory stays flat
  const jwtText = 'eyJhbGciOiJFZERTQSIsImtpZCI6ImJlbmNoIn0'.repeat(Math.ceil(jwtBytes / 40)).slice(0, jwtBytes - 40);
  const credColumns = [
    'id',
    'issuer_org_id',
    'achievement_id',
    'subject_user_id',
    'subject_did',
    'kid',
    'valid_from',
    'valid_until',
    'status',
    'revocation_list_id',
    'suspension_list_id',
    'status_index',
    'replaces_id',
    'replaced_by_id',
    'aligned_ids',
    'issued_at',
  ];
  let credRows: InValue[][] = [];
  let bodyRows: InValue[][] = [];
  let credCount = 0;
  const historyRows: InValue[][] = [];
  const credWriter = opts.files ? directWriter(opts.files.primary, 'credentials', credColumns, 200) : null;
  const bodyFile = opts.files ? opts.files.bodies : undefined;
  const bodyWriter = bodyFile ? directWriter(bodyFile, 'credential_bodies', ['key', 'body'], 200) : null;
  const flush = async () => {
    if (credWriter) credWriter.write(credRows);
    else await bulkInsert(client, 'credentials', credColumns, credRows, 200);
    if (bodyWriter) bodyWriter.write(bodyRows);
    else if (bodyFile === undefined) await bulkInsert(client, 'credential_bodies', ['key', 'body'], bodyRows, 200);
    credRows = [];
    bodyRows = [];
  };
  for (const u of users) {
    // The newest credential per achievement; an older one is marked replaced (a renewal chain).
    const newest = new Map<string, { row: InValue[]; from: number }>();
    // Most training comes from one academy (the employer's); some from others, skewed to the larger ones.
    const home = academyIds[Math.floor(r() * academyIds.length)] as string;
    for (let k = 0; k < opts.credentialsPerWorker; k++) {
      const org = r() < 0.7 ? home : (academyIds[Math.floor(r() ** 1.6 * academyIds.length)] as string);
      const a = byOrg.get(org);
      if (!a) continue;
      const roll = r();
      const ach =
        roll < 0.6
          ? (a.single.get((pick(r, training) as { id: string }).id) as Ach)
          : roll < 0.7
            ? a.bundle
            : roll < 0.78
              ? (a.single.get((pick(r, delegated) as { id: string }).id) as Ach)
              : roll < 0.9
                ? (a.single.get((pick(r, quals) as { id: string }).id) as Ach)
                : a.cert;
      const from = now - Math.floor(r() * 4 * 365) * DAY;
      const until = ach.months ? addMonths(from, ach.months) : null;
      const l = lists.get(org) ?? newLists(org);
      const slot = l.used < LIST_SIZE ? l : newLists(org);
      const id = uuid(r);
      const row: InValue[] = [
        id,
        org,
        ach.id,
        u.id,
        null,
        // The key's fragment, as issuing stores it (key-<date>-<8 hex>).
        `key-20240101-${org.slice(0, 8)}`,
        iso(from),
        until === null ? null : iso(until),
        r() < 0.01 ? 'revoked' : 'active',
        slot.rev,
        slot.sus,
        slot.used++,
        null,
        null,
        JSON.stringify(ach.aligned),
        iso(from),
      ];
      const prev = newest.get(ach.id);
      if (prev && prev.from <= from) {
        prev.row[13] = id;
        row[12] = prev.row[0] ?? null;
        newest.set(ach.id, { row, from });
      } else if (prev) {
        row[13] = prev.row[0] ?? null;
      } else newest.set(ach.id, { row, from });
      credRows.push(row);
      bodyRows.push([id, `${jwtText}.${id}`]);
      credCount++;
    }
    if (u.consent && u.role && r() < 0.15) {
      const from = r() < 0.5 ? pick(r, roles) : null;
      historyRows.push([
        uuid(r),
        u.id,
        u.area,
        from,
        u.role,
        r() < 0.8 ? 1 : 0,
        iso(now - Math.floor(r() * 730) * DAY),
      ]);
    }
    if (credRows.length >= 50_000) await flush();
  }
  await flush();
  credWriter?.close();
  bodyWriter?.close();
  log(`credentials (${credCount})`);
  await bulkInsert(client, 'status_lists', ['id', 'org_id', 'purpose', 'size', 'version', 'created_at'], listRows);
  await bulkInsert(
    client,
    'role_history',
    ['id', 'user_id', 'area_code', 'from_role_id', 'to_role_id', 'band_up', 'at'],
    historyRows,
  );

  log('status lists and role history');
  // Rebuilt through the same direct connection when the files are named (the client's memory again).
  const indexer = opts.files ? new Libsql(opts.files.primary) : null;
  for (const ix of credIndexes) {
    if (indexer) indexer.exec(ix.sql);
    else await client.execute(ix.sql);
    log(`index ${ix.name}`);
  }
  indexer?.close();
  await client.execute('PRAGMA foreign_keys=ON');
  await client.execute(`PRAGMA cache_size=${Number(before)}`);
  await client.execute('PRAGMA synchronous=NORMAL');

  return {
    areaCodes,
    commissioner: { orgId: commissionerId, slug: commissionerSlug, userId: commissionerUser },
    academyIds,
    counts: {
      users: userRows.length,
      credentials: credCount,
      roleHistory: historyRows.length,
      achievements: achievements.length,
      statusLists: listRows.length,
    },
    ms: Math.round(performance.now() - started),
  };
}
