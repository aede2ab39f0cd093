/**
 * Per-worker summaries for workforce intelligence: a pure reduction of one consenting worker's credentials
 * to a few numbers, and a packed column-wise copy for fast aggregation (summary-loader.ts reads them from the
 * database).
 *
 * Nothing identifying leaves this module except the user id, which stays inside the service (it is the
 * cache key) and never reaches a page, an export or the JSON API.
 */
import type { WorkforceCatalogue } from './catalogue';

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
