/**
 * Per-worker summaries for workforce intelligence: a pure reduction of one consenting worker's credentials
 * to a few numbers, a packed column-wise copy for fast aggregation, and the loader that streams credentials
 * from the database.
 *
 * Nothing identifying leaves this module except the user id, which stays inside the service (it is the
 * cache key) and never reaches a page, an export or the JSON API.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { type WorkforceCatalogue, parseLevelRange } from './catalogue';

// ---------------------------------------------------------------- one worker's summary

/** One credential as the summary needs it. Dates are ISO-8601 UTC strings. */
export interface CredentialFacts {
  aligned: readonly string[];
  validFrom: string;
  validUntil: string | null;
  /** Issuing organisation for credentials issued here; null for imported ones (not counted as issuing volume). */
  issuerOrgId: string | null;
  /** Not revoked and not replaced by a renewal. */
  live: boolean;
  /** The level recorded on the credential's achievement, for qualifications whose catalogue level is a range. */
  level?: number | null;
}

/** What the aggregates need about one consenting worker; no names, emails or other personal details. */
export interface WorkerSummary {
  id: string;
  area: string;
  roleId: string | null;
  /** Highest qualification level held (2-5, or higher from ranges); 0 when none. */
  level: number;
  /**
   * For each mandatory-training subject (catalogue order): the end date (epoch ms) of the worker's newest live
   * credential for it; Infinity when that credential does not expire; NaN when there is none.
   */
  subjects: number[];
  /** The same for delegated healthcare activities. */
  tasks: number[];
  /** Credentials issued to the worker here (any status): issuing organisation ids and, at the same index, counts. */
  issuerIds: string[];
  issuerCounts: number[];
}

/** What one set of aligned ids counts for; compiled once per distinct set (a credential's aligned_ids). */
export interface Alignment {
  subjects: number[];
  tasks: number[];
  /** The qualification level range it shows (the highest), or null. */
  level: { min: number; max: number } | null;
}

/** Compiles aligned catalogue ids into what they count for. */
export function alignmentOf(cat: WorkforceCatalogue, aligned: readonly string[]): Alignment {
  const out: Alignment = { subjects: [], tasks: [], level: null };
  for (const id of aligned) {
    const s = cat.subjectIndex.get(id);
    if (s !== undefined) out.subjects.push(s);
    const t = cat.taskIndex.get(id);
    if (t !== undefined) out.tasks.push(t);
    const r = cat.qualLevels.get(id);
    if (r && (!out.level || r.max > out.level.max || (r.max === out.level.max && r.min > out.level.min))) out.level = r;
  }
  return out;
}

/** True when the level of a qualification credential must come from its achievement (a legacy range). */
export function needsRecordedLevel(cat: WorkforceCatalogue, aligned: readonly string[]): boolean {
  const l = alignmentOf(cat, aligned).level;
  return !!l && l.max > l.min;
}

/**
 * Reduces one worker's credentials, fed one at a time: newest live credential per subject and task (by
 * valid_from, then the later end date), highest qualification level, credentials issued per organisation.
 * Reused across workers so a million credentials allocate nothing per credential.
 */
export class WorkerAccumulator {
  private subjectFrom: number[];
  private taskFrom: number[];
  private subjects: number[] = [];
  private tasks: number[] = [];
  private issuerIds: string[] = [];
  private issuerCounts: number[] = [];
  private level = 0;
  private worker: { id: string; area: string; roleId: string | null } = { id: '', area: '', roleId: null };

  constructor(private readonly cat: WorkforceCatalogue) {
    this.subjectFrom = new Array<number>(cat.subjects.length).fill(Number.NEGATIVE_INFINITY);
    this.taskFrom = new Array<number>(cat.tasks.length).fill(Number.NEGATIVE_INFINITY);
  }

  start(worker: { id: string; area: string; roleId: string | null }) {
    this.worker = worker;
    this.subjects = new Array<number>(this.cat.subjects.length).fill(Number.NaN);
    this.tasks = new Array<number>(this.cat.tasks.length).fill(Number.NaN);
    this.subjectFrom.fill(Number.NEGATIVE_INFINITY);
    this.taskFrom.fill(Number.NEGATIVE_INFINITY);
    this.issuerIds = [];
    this.issuerCounts = [];
    this.level = 0;
  }

  /** One credential; `from` and `end` are epoch ms (`end` Infinity when it does not expire). */
  add(
    a: Alignment,
    from: number,
    end: number,
    issuerOrgId: string | null,
    live: boolean,
    recordedLevel?: number | null,
  ) {
    if (issuerOrgId) {
      const i = this.issuerIds.indexOf(issuerOrgId);
      if (i < 0) {
        this.issuerIds.push(issuerOrgId);
        this.issuerCounts.push(1);
      } else this.issuerCounts[i] = (this.issuerCounts[i] ?? 0) + 1;
    }
    if (!live) return;
    for (const s of a.subjects) {
      const seen = this.subjectFrom[s] as number;
      if (from > seen || (from === seen && end > (this.subjects[s] as number))) {
        this.subjectFrom[s] = from;
        this.subjects[s] = end;
      }
    }
    for (const t of a.tasks) {
      const seen = this.taskFrom[t] as number;
      if (from > seen || (from === seen && end > (this.tasks[t] as number))) {
        this.taskFrom[t] = from;
        this.tasks[t] = end;
      }
    }
    if (a.level) {
      const r = a.level;
      const lvl = recordedLevel && recordedLevel >= r.min && recordedLevel <= r.max ? recordedLevel : r.min;
      if (lvl > this.level) this.level = lvl;
    }
  }

  finish(): WorkerSummary {
    return {
      ...this.worker,
      level: this.level,
      subjects: this.subjects,
      tasks: this.tasks,
      issuerIds: this.issuerIds,
      issuerCounts: this.issuerCounts,
    };
  }
}

const endOf = (validUntil: string | null) => (validUntil ? Date.parse(validUntil) : Number.POSITIVE_INFINITY);

/** Reduces one worker's credentials (see WorkerAccumulator). Pure. */
export function summariseWorker(
  cat: WorkforceCatalogue,
  worker: { id: string; area: string; roleId: string | null },
  creds: readonly CredentialFacts[],
): WorkerSummary {
  const acc = new WorkerAccumulator(cat);
  acc.start(worker);
  for (const c of creds)
    acc.add(alignmentOf(cat, c.aligned), Date.parse(c.validFrom), endOf(c.validUntil), c.issuerOrgId, c.live, c.level);
  return acc.finish();
}

/**
 * Summaries laid out column by column in typed arrays. Aggregating 100,000 workers then streams through
 * contiguous memory instead of chasing 100,000 objects (about ten times faster on a busy machine).
 */
export interface PackedWorkers {
  n: number;
  /** 1 while worker i still counts; the cache sets 0 when a worker changes (their new summary is packed apart). */
  alive: Uint8Array;
  /** Distinct roles (null: not recorded); `role[i]` indexes this list. */
  roleIds: (string | null)[];
  role: Uint16Array;
  level: Uint8Array;
  /** n x subjects and n x tasks end dates, row by row. */
  subjects: Float64Array;
  tasks: Float64Array;
  /** Distinct issuing organisations; worker i's are issuerIdx/issuerCount[issuerStart[i] .. issuerStart[i+1]). */
  issuerIds: string[];
  issuerStart: Uint32Array;
  issuerIdx: Uint32Array;
  issuerCount: Uint32Array;
}

/** Packs summaries (see PackedWorkers). */
export function packWorkers(cat: WorkforceCatalogue, workers: Iterable<WorkerSummary>): PackedWorkers {
  const list = [...workers];
  const n = list.length;
  const S = cat.subjects.length;
  const T = cat.tasks.length;
  const roleIndex = new Map<string | null, number>();
  const issuerIndex = new Map<string, number>();
  const out: PackedWorkers = {
    n,
    alive: new Uint8Array(n).fill(1),
    roleIds: [],
    role: new Uint16Array(n),
    level: new Uint8Array(n),
    subjects: new Float64Array(n * S),
    tasks: new Float64Array(n * T),
    issuerIds: [],
    issuerStart: new Uint32Array(n + 1),
    issuerIdx: new Uint32Array(list.reduce((a, w) => a + w.issuerIds.length, 0)),
    issuerCount: new Uint32Array(list.reduce((a, w) => a + w.issuerIds.length, 0)),
  };
  let k = 0;
  list.forEach((w, i) => {
    let r = roleIndex.get(w.roleId);
    if (r === undefined) {
      r = out.roleIds.length;
      out.roleIds.push(w.roleId);
      roleIndex.set(w.roleId, r);
    }
    out.role[i] = r;
    out.level[i] = w.level;
    for (let k2 = 0; k2 < S; k2++) out.subjects[i * S + k2] = w.subjects[k2] ?? Number.NaN;
    for (let k2 = 0; k2 < T; k2++) out.tasks[i * T + k2] = w.tasks[k2] ?? Number.NaN;
    out.issuerStart[i] = k;
    w.issuerIds.forEach((id, j) => {
      let x = issuerIndex.get(id);
      if (x === undefined) {
        x = out.issuerIds.length;
        out.issuerIds.push(id);
        issuerIndex.set(id, x);
      }
      out.issuerIdx[k] = x;
      out.issuerCount[k] = w.issuerCounts[j] ?? 0;
      k++;
    });
  });
  out.issuerStart[n] = k;
  return out;
}

/** 'in' (in date or no end date), 'expiring' (within `days`), 'expired', or 'none' for an end date from a summary. */
export function currency(end: number, now: Date, days = 90): 'in' | 'expiring' | 'expired' | 'none' {
  if (Number.isNaN(end)) return 'none';
  const t = now.getTime();
  if (end <= t) return 'expired';
  if (end <= t + days * 86_400_000) return 'expiring';
  return 'in';
}

// ---------------------------------------------------------------- streaming from the database

/**
 * Credentials travel as one string per chunk of workers (group_concat), not as rows: the client's per-row
 * overhead is ~100x SQLite's per-value cost, and chunks stay well under D1's 2 MB value limit.
 * Separators are ASCII control characters, which ids, dates and catalogue codes never contain. concat_ws
 * (SQLite 3.44+; allowed on D1) skips NULL arguments, and some versions empty ones too, so a missing value
 * travels as '-'.
 */
const WORKER_SEP = '\x1e';
const FIELD_SEP = '\x1d';
const CRED_SEP = '\x1c';
const PART_SEP = '\x1f';

export type WorkerScope = { area: string; fromId: string; toId: string } | { area: string; ids: string[] };

function scopeSql(s: WorkerScope) {
  if ('ids' in s) {
    return sql`u.area_code = ${s.area} AND u.workforce_consent = 1 AND u.id IN (${sql.join(
      s.ids.map((id) => sql`${id}`),
      sql`, `,
    )})`;
  }
  return sql`u.area_code = ${s.area} AND u.workforce_consent = 1 AND u.id >= ${s.fromId} AND u.id < ${s.toId}`;
}

async function oneString(db: Database, query: ReturnType<typeof sql>): Promise<string> {
  const rows = await db.all<{ s: string | null }>(query);
  return rows[0]?.s ?? '';
}

/**
 * The credentials of consenting workers in a scope, issued here (every status) and imported (verified, or
 * failing only on their end date). Relies on a covering index on credentials(subject_user_id, ...) to read no
 * table rows: see bench/commissioner.ts.
 */
async function fetchScope(db: Database, scope: WorkerScope) {
  const where = scopeSql(scope);
  const [issued, imported] = await Promise.all([
    oneString(
      db,
      sql`SELECT group_concat(rec, char(30)) AS s FROM (
        SELECT concat_ws(char(29), u.id, coalesce(nullif(u.current_role_id, ''), '-'),
          coalesce(group_concat(concat_ws(char(31), c.aligned_ids, c.valid_from, coalesce(nullif(c.valid_until, ''), '-'),
            c.issuer_org_id, c.status = 'revoked' OR c.replaced_by_id IS NOT NULL), char(28)), '-')) AS rec
        FROM users u LEFT JOIN credentials c ON c.subject_user_id = u.id
        WHERE ${where}
        GROUP BY u.id)`,
    ),
    oneString(
      db,
      sql`SELECT group_concat(rec, char(30)) AS s FROM (
        SELECT concat_ws(char(29), u.id,
          group_concat(concat_ws(char(31), i.aligned_ids, coalesce(nullif(i.valid_from, ''), i.imported_at),
            coalesce(nullif(i.valid_until, ''), '-')), char(28))) AS rec
        FROM users u JOIN imported_credentials i ON i.user_id = u.id
        WHERE ${where}
          AND (json_extract(i.verification, '$.verified') = 1
            OR (json_array_length(i.verification, '$.errors') > 0
              AND NOT EXISTS (SELECT 1 FROM json_each(i.verification, '$.errors') e
                              WHERE json_extract(e.value, '$.code') IS NOT 'expired')))
        GROUP BY u.id)`,
    ),
  ]);
  return { issued, imported };
}

/**
 * Epoch ms of an ISO-8601 UTC timestamp inside `s` (start inclusive, end exclusive), read from the character
 * codes when it has the stored shape (YYYY-MM-DDTHH:MM:SS.sssZ): no substring, no Date.parse, per credential.
 */
function isoMs(s: string, a: number, b: number): number {
  if (b - a === 24 && s.charCodeAt(a + 10) === 84 && s.charCodeAt(a + 23) === 90) {
    return Date.UTC(
      digits(s, a, 4),
      digits(s, a + 5, 2) - 1,
      digits(s, a + 8, 2),
      digits(s, a + 11, 2),
      digits(s, a + 14, 2),
      digits(s, a + 17, 2),
      digits(s, a + 20, 3),
    );
  }
  return Date.parse(s.slice(a, b));
}

/** The number written by `n` ASCII digits of `s` from `at`. */
function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) v = v * 10 + s.charCodeAt(i) - 48;
  return v;
}

const interned = new Map<string, string>();

/** Caches for one load: compiled alignments (a million credentials share a few hundred sets of aligned ids). */
class Parsing {
  private alignments = new Map<string, Alignment & { aligned: readonly string[] }>();
  private byLength = new Map<number, (Alignment & { aligned: readonly string[]; json: string })[]>();
  constructor(private readonly cat: WorkforceCatalogue) {}

  alignment(json: string) {
    let a = this.alignments.get(json);
    if (!a) {
      let aligned: readonly string[] = [];
      try {
        const parsed: unknown = JSON.parse(json);
        if (Array.isArray(parsed)) aligned = parsed.filter((x): x is string => typeof x === 'string');
      } catch {
        aligned = [];
      }
      a = { ...alignmentOf(this.cat, aligned), aligned };
      this.alignments.set(json, a);
      const same = this.byLength.get(json.length) ?? [];
      if (same.length < 16) same.push({ ...a, json });
      this.byLength.set(json.length, same);
    }
    return a;
  }

  /** One shared copy of a repeated string (issuer ids: a few thousand organisations across every load). */
  intern(text: string): string {
    const known = interned.get(text);
    if (known !== undefined) return known;
    if (interned.size > 50_000) interned.clear();
    interned.set(text, text);
    return text;
  }

  /** The alignment of the text at s[a, b), found among those seen without cutting a substring when possible. */
  alignmentAt(s: string, a: number, b: number) {
    for (const known of this.byLength.get(b - a) ?? []) if (s.startsWith(known.json, a)) return known;
    return this.alignment(s.slice(a, b));
  }
}

/** Loads summaries for a scope of consenting workers (an id range of one area, or a list of ids). */
export async function loadSummaries(
  db: Database,
  cat: WorkforceCatalogue,
  scope: WorkerScope,
): Promise<WorkerSummary[]> {
  const { issued, imported } = await fetchScope(db, scope);
  const p = new Parsing(cat);
  const importedBy = new Map<string, string>();
  if (imported) {
    for (const rec of imported.split(WORKER_SEP)) {
      const cut = rec.indexOf(FIELD_SEP);
      if (cut > 0) importedBy.set(rec.slice(0, cut), rec.slice(cut + 1));
    }
  }
  const out: WorkerSummary[] = [];
  const needy: WorkerSummary[] = [];
  const acc = new WorkerAccumulator(cat);
  // A hand-written scanner: split() on a 1 MB chunk would make millions of short-lived strings.
  const n = issued.length;
  let pos = 0;
  while (pos < n) {
    let recEnd = issued.indexOf(WORKER_SEP, pos);
    if (recEnd < 0) recEnd = n;
    const f1 = issued.indexOf(FIELD_SEP, pos);
    const f2 = f1 < 0 || f1 > recEnd ? -1 : issued.indexOf(FIELD_SEP, f1 + 1);
    if (f1 < 0 || f2 < 0 || f2 > recEnd) {
      pos = recEnd + 1;
      continue;
    }
    const id = issued.slice(pos, f1);
    const role = issued.slice(f1 + 1, f2);
    acc.start({ id, area: scope.area, roleId: role === '-' ? null : role });
    let legacy = false;
    let issuer = '';
    let c = f2 + 1;
    while (c < recEnd) {
      let credEnd = issued.indexOf(CRED_SEP, c);
      if (credEnd < 0 || credEnd > recEnd) credEnd = recEnd;
      const p1 = issued.indexOf(PART_SEP, c);
      const p2 = issued.indexOf(PART_SEP, p1 + 1);
      const p3 = issued.indexOf(PART_SEP, p2 + 1);
      const p4 = issued.indexOf(PART_SEP, p3 + 1);
      // Five fields: aligned ids, valid from, valid until ('-': none), issuer, 1 when revoked or replaced.
      // Fewer: the worker has no credentials.
      if (p1 > 0 && p4 > 0 && p4 < credEnd) {
        const a = p.alignmentAt(issued, c, p1);
        const live = issued.charCodeAt(p4 + 1) === 48; // '0'
        const end =
          issued.charCodeAt(p2 + 1) === 45 && p3 === p2 + 2 ? Number.POSITIVE_INFINITY : isoMs(issued, p2 + 1, p3);
        // Most of a worker's credentials come from one academy: reuse the string rather than cut a new one, and
        // share one copy of each issuer id across all workers (the summaries stay in memory).
        if (!(issuer.length === p4 - p3 - 1 && issued.startsWith(issuer, p3 + 1)))
          issuer = p.intern(issued.slice(p3 + 1, p4));
        acc.add(a, isoMs(issued, p1 + 1, p2), Number.isNaN(end) ? Number.POSITIVE_INFINITY : end, issuer, live);
        if (live && a.level && a.level.max > a.level.min) legacy = true;
      }
      c = credEnd + 1;
    }
    const extra = importedBy.get(id);
    if (extra) {
      for (const item of extra.split(CRED_SEP)) {
        const [al = '', from = '', until = '-'] = item.split(PART_SEP);
        const validFrom = Date.parse(from);
        if (Number.isNaN(validFrom)) continue;
        const end = until === '-' ? Number.POSITIVE_INFINITY : Date.parse(until);
        acc.add(p.alignment(al), validFrom, Number.isNaN(end) ? Number.POSITIVE_INFINITY : end, null, true);
      }
    }
    const summary = acc.finish();
    out.push(summary);
    if (legacy) needy.push(summary);
    pos = recEnd + 1;
  }
  // Legacy awards (NVQ/QCF, levels 2-4) carry their level on the credential's achievement: look those up.
  const ranged = [...cat.qualLevels].filter(([, r]) => r.max > r.min).map(([id]) => id);
  for (let i = 0; i < needy.length; i += 80) {
    const chunk = needy.slice(i, i + 80);
    const levels = await recordedLevels(
      db,
      p,
      chunk.map((w) => w.id),
      ranged,
    );
    for (const w of chunk) {
      const recorded = levels.get(w.id);
      if (recorded && recorded > w.level) w.level = recorded;
    }
  }
  return out;
}

/**
 * The highest valid recorded level of each worker's live legacy-range credentials (the achievement's level,
 * when it lies in the competency's range). Filtering on aligned_ids in the covering index first means only
 * those credentials' rows are read.
 */
async function recordedLevels(
  db: Database,
  p: Parsing,
  userIds: string[],
  rangedIds: string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!rangedIds.length) return out;
  // The inner query reads only index entries (covering index); rows are read for the few legacy credentials.
  const rows = await db.all<{ u: string; al: string; lvl: string | null }>(sql`
    SELECT c.subject_user_id AS u, c.aligned_ids AS al, a.level AS lvl
    FROM credentials c JOIN achievements a ON a.id = c.achievement_id
    WHERE c.rowid IN (
      SELECT rowid FROM credentials
      WHERE subject_user_id IN (${sql.join(
        userIds.map((id) => sql`${id}`),
        sql`, `,
      )}) AND status <> 'revoked' AND replaced_by_id IS NULL
        AND (${sql.join(
          rangedIds.map((id) => sql`instr(aligned_ids, ${`"${id}"`}) > 0`),
          sql` OR `,
        )}))
      AND a.level IS NOT NULL`);
  for (const r of rows) {
    const level = parseLevelRange(r.lvl)?.min;
    const range = p.alignment(r.al).level;
    if (!level || !range || level < range.min || level > range.max) continue;
    if (level > (out.get(r.u) ?? 0)) out.set(r.u, level);
  }
  return out;
}

/** Ids of the consenting workers of an area within an id range, comma-separated by SQLite. */
export async function memberIds(db: Database, area: string, fromId: string, toId: string): Promise<string[]> {
  const s = await oneString(
    db,
    sql`SELECT group_concat(id, ',') AS s FROM users
        WHERE area_code = ${area} AND workforce_consent = 1 AND id >= ${fromId} AND id < ${toId}`,
  );
  return s ? s.split(',') : [];
}

/**
 * Id ranges that split an area's workers into `n` chunks. Ids are random UUIDs (uniform hex), so equal
 * slices of the first four hex digits hold about equal numbers; ids of any other shape still fall in a range.
 */
export function idRanges(n: number): { fromId: string; toId: string }[] {
  const parts = Math.max(1, Math.min(4096, Math.floor(n)));
  const bound = (i: number) =>
    i === 0
      ? ''
      : i === parts
        ? '\u{10FFFF}'
        : Math.floor((i * 0x10000) / parts)
            .toString(16)
            .padStart(4, '0');
  return Array.from({ length: parts }, (_, i) => ({ fromId: bound(i), toId: bound(i + 1) }));
}
