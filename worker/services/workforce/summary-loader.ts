/**
 * Streaming worker summaries from the database: one query per scope returns every consenting worker's credentials
 * as a compact string, scanned by hand into WorkerAccumulator without cutting millions of short strings.
 *
 * The user id stays inside the service (it is the cache key) and never reaches a page, an export or the JSON API.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { type WorkforceCatalogue, parseLevelRange } from './catalogue';
import { type Alignment, WorkerAccumulator, type WorkerSummary, alignmentOf } from './summaries';

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

/** Caches for one load: compiled alignments (a million credentials share a few hundred sets of aligned ids). */
class Parsing {
  private alignments = new Map<string, Alignment & { aligned: readonly string[] }>();
  private byLength = new Map<number, (Alignment & { aligned: readonly string[]; json: string })[]>();
  private interned = new Map<string, string>();
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

  /** One shared copy of a repeated string within a load (issuer ids: a few thousand organisations). */
  intern(text: string): string {
    const known = this.interned.get(text);
    if (known !== undefined) return known;
    if (this.interned.size > 50_000) this.interned.clear();
    this.interned.set(text, text);
    return text;
  }

  /** The alignment of the text at s[a, b), found among those seen without cutting a substring when possible. */
  alignmentAt(s: string, a: number, b: number) {
    for (const known of this.byLength.get(b - a) ?? []) if (s.startsWith(known.json, a)) return known;
    return this.alignment(s.slice(a, b));
  }
}

/** Imported credentials by worker id: one record per worker, its credentials still joined by CRED_SEP. */
function importedByWorker(imported: string | null): Map<string, string> {
  const importedBy = new Map<string, string>();
  if (imported) {
    for (const rec of imported.split(WORKER_SEP)) {
      const cut = rec.indexOf(FIELD_SEP);
      if (cut > 0) importedBy.set(rec.slice(0, cut), rec.slice(cut + 1));
    }
  }
  return importedBy;
}

/**
 * Feeds the issued credentials of one worker's record, s[c, recEnd), to the accumulator. Returns true when a live
 * one is a legacy award whose level must be looked up on its achievement.
 */
function addIssued(s: string, c: number, recEnd: number, p: Parsing, acc: WorkerAccumulator): boolean {
  let legacy = false;
  let issuer = '';
  while (c < recEnd) {
    let credEnd = s.indexOf(CRED_SEP, c);
    if (credEnd < 0 || credEnd > recEnd) credEnd = recEnd;
    const p1 = s.indexOf(PART_SEP, c);
    const p2 = s.indexOf(PART_SEP, p1 + 1);
    const p3 = s.indexOf(PART_SEP, p2 + 1);
    const p4 = s.indexOf(PART_SEP, p3 + 1);
    // Five fields: aligned ids, valid from, valid until ('-': none), issuer, 1 when revoked or replaced.
    // Fewer: the worker has no credentials.
    if (p1 > 0 && p4 > 0 && p4 < credEnd) {
      const a = p.alignmentAt(s, c, p1);
      const live = s.charCodeAt(p4 + 1) === 48; // '0'
      const end = s.charCodeAt(p2 + 1) === 45 && p3 === p2 + 2 ? Number.POSITIVE_INFINITY : isoMs(s, p2 + 1, p3);
      // Most of a worker's credentials come from one academy: reuse the string rather than cut a new one, and
      // share one copy of each issuer id across all workers (the summaries stay in memory).
      if (!(issuer.length === p4 - p3 - 1 && s.startsWith(issuer, p3 + 1))) issuer = p.intern(s.slice(p3 + 1, p4));
      acc.add(a, isoMs(s, p1 + 1, p2), Number.isNaN(end) ? Number.POSITIVE_INFINITY : end, issuer, live);
      if (live && a.level && a.level.max > a.level.min) legacy = true;
    }
    c = credEnd + 1;
  }
  return legacy;
}

/** Feeds a worker's imported credentials (always live, never counted as issuing volume) to the accumulator. */
function addImported(extra: string, p: Parsing, acc: WorkerAccumulator): void {
  for (const item of extra.split(CRED_SEP)) {
    const [al = '', from = '', until = '-'] = item.split(PART_SEP);
    const validFrom = Date.parse(from);
    if (Number.isNaN(validFrom)) continue;
    const end = until === '-' ? Number.POSITIVE_INFINITY : Date.parse(until);
    acc.add(p.alignment(al), validFrom, Number.isNaN(end) ? Number.POSITIVE_INFINITY : end, null, true);
  }
}

/** Legacy awards (NVQ/QCF, levels 2-4) carry their level on the credential's achievement: look those up. */
async function applyRecordedLevels(db: Database, cat: WorkforceCatalogue, p: Parsing, needy: WorkerSummary[]) {
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
}

/** Loads summaries for a scope of consenting workers (an id range of one area, or a list of ids). */
export async function loadSummaries(
  db: Database,
  cat: WorkforceCatalogue,
  scope: WorkerScope,
): Promise<WorkerSummary[]> {
  const { issued, imported } = await fetchScope(db, scope);
  const p = new Parsing(cat);
  const importedBy = importedByWorker(imported);
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
    const legacy = addIssued(issued, f2 + 1, recEnd, p, acc);
    const extra = importedBy.get(id);
    if (extra) addImported(extra, p, acc);
    const summary = acc.finish();
    out.push(summary);
    if (legacy) needy.push(summary);
    pos = recEnd + 1;
  }
  await applyRecordedLevels(db, cat, p, needy);
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
