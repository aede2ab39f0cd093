/** Cohort issuing through app.request: upload, preview, idempotent re-upload, confirm, progress, result, and crash recovery. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { credentials, issueBatches, issueBatchRows, outbox } from '../../db/schema';
import type { Mailer } from '../../worker/context';
import { createUser } from '../../worker/services/accounts/accounts';
import { type BatchDeps, getBatch } from '../../worker/services/academy/cohort-batches';
import { processBatch, runBatchToEnd } from '../../worker/services/academy/cohort-issuing';
import { claimCredential } from '../../worker/services/academy/claim-links';
import { type Browser, TEST_ORIGIN, type TestEnv } from '../helpers/app';
import { linkIn } from '../helpers/accounts';
import { type World, academyWorld, makeAchievement } from '../helpers/world';
import { batchIdFrom, csrfFrom, textOf, uploadCsv } from '../fixtures/academy';
import { cohortCsv, learners, toCsv } from '../fixtures/cohort';
import { issueContext } from '../../worker/services/academy/issue-types';

let env: TestEnv;
let world: World;
let staff: Browser;
let A: string;
let achievementId: string;

beforeAll(async () => {
  ({ env, world, staff, A, achievementId } = await academyWorld());
});
afterAll(() => env.close());

async function post(path: string, fields: Record<string, string> = {}) {
  return staff.postForm(path, { _csrf: await csrfFrom(staff, A), ...fields });
}

/** Credentials per (batch, row): every row at most once, and how many in all. */
async function credentialCounts(batchId: string) {
  const perRow = await env.deps.db
    .select({ row: credentials.batchRow, n: count() })
    .from(credentials)
    .where(eq(credentials.batchId, batchId))
    .groupBy(credentials.batchRow);
  return { total: perRow.reduce((s, r) => s + r.n, 0), maxPerRow: Math.max(0, ...perRow.map((r) => r.n)) };
}

async function rowStates(batchId: string) {
  const rows = await env.deps.db
    .select({ state: issueBatchRows.state, n: count() })
    .from(issueBatchRows)
    .where(eq(issueBatchRows.batchId, batchId))
    .groupBy(issueBatchRows.state);
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

async function pollUntilFinished(batchId: string) {
  for (let i = 0; i < 100; i++) {
    const res = await staff.get(`${A}/batches/${batchId}/progress`, 'application/json');
    expect(res.status).toBe(200);
    const p = (await res.json()) as { done: number; total: number; failed: number; finished: boolean };
    if (p.finished) return p;
  }
  throw new Error('batch never finished');
}

const mailsTo = async (email: string) => env.deps.db.$count(outbox, eq(outbox.to, email));

describe('cohort upload and preview', () => {
  it('checks every row first, stores a preview with row errors, and issues nothing', async () => {
    const csv = cohortCsv(40, { badAt: 5, prefix: 'prev' }).replace(
      'prev9@example.org',
      'PREV8@example.org', // a duplicate of learner 8 (row 9), on row 10
    );
    const res = await uploadCsv(staff, world.academy.slug, achievementId, csv, 'spring-cohort.csv');
    expect(res.status).toBe(303);
    const batchId = batchIdFrom(res);
    expect(await rowStates(batchId)).toEqual({ pending: 38, invalid: 2 });
    expect((await credentialCounts(batchId)).total).toBe(0);
    const html = await (await staff.get(res.headers.get('location')!)).text();
    const text = textOf(html);
    expect(text).toContain('Cohort upload: spring-cohort.csv');
    expect(text).toContain('2 rows have problems');
    expect(text).toMatch(/6 email Enter an email address in the right format/);
    expect(text).toMatch(/10 email prev8@example\.org is already on row 9/);
    expect(text).toContain('Issue 38 certificates');
    // Completion dates in the preview read as people write them.
    expect(text).toMatch(/2 Learner 1 prev1@example\.org 20 May 2026 Jo Assessor/);
    expect(text).not.toContain('2026-05-20');
    expect(html).toMatch(/<th scope="col">Row<\/th>/);
    expect((html.match(/<h1/g) ?? []).length).toBe(1);
  });

  it('finds the same batch when the same file is uploaded again, even with other line ends and a BOM', async () => {
    const rows = learners(12, { prefix: 'again' });
    const first = await uploadCsv(staff, world.academy.slug, achievementId, toCsv(rows as never, { eol: '\n' }));
    const second = await uploadCsv(
      staff,
      world.academy.slug,
      achievementId,
      toCsv(rows as never, { eol: '\r\n', bom: true }),
      'renamed.csv',
    );
    expect(batchIdFrom(second)).toBe(batchIdFrom(first));
    expect(second.headers.get('location')).toContain('notice=existing');
    expect(textOf(await (await staff.get(second.headers.get('location')!)).text())).toContain(
      'You uploaded this file before',
    );
    const n = await env.deps.db.$count(issueBatches, eq(issueBatches.id, batchIdFrom(first)));
    expect(n).toBe(1);
  });

  it('refuses files it cannot read, without storing a batch', async () => {
    const before = await env.deps.db.$count(issueBatches);
    const cases: [string | Uint8Array<ArrayBuffer>, RegExp][] = [
      ['Amina,amina@example.org,2026-05-01\n', /header naming the columns/],
      [new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0xff, 0xfe, 0x0a]), /not UTF-8/],
      ['name,email,completion_date\n"A,a@example.org,2026-05-01\n', /never closed/],
      [`name,email,completion_date\n${'x'.repeat(2 * 1024 * 1024)}\n`, /larger than 2 MB/],
      ['', /The file is empty/],
    ];
    for (const [csv, message] of cases) {
      const res = await uploadCsv(staff, world.academy.slug, achievementId, csv);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(textOf(html)).toMatch(message);
      expect(html).toMatch(/id="file"[^>]*aria-describedby="file-hint file-error"/);
    }
    // The form sent with no file chosen: an empty part without a file name.
    const fd = new FormData();
    fd.set('_csrf', await csrfFrom(staff, `${A}/achievements/${achievementId}`));
    fd.set('file', new File([], '', { type: 'application/octet-stream' }));
    const none = await staff.request(`${A}/achievements/${achievementId}/cohorts`, {
      method: 'POST',
      headers: { origin: TEST_ORIGIN },
      body: fd,
    });
    expect(none.status).toBe(400);
    expect(textOf(await none.text())).toContain('Choose a CSV file or an Excel workbook to upload');
    expect(await env.deps.db.$count(issueBatches)).toBe(before);
  });
});

describe('rows already expired on issue', () => {
  it('flags them in the preview with the day each expired, and says so before confirming', async () => {
    const rows = learners(4, { prefix: 'lapsed' });
    rows[2]!.completion_date = '01/01/1990';
    const res = await uploadCsv(staff, world.academy.slug, achievementId, toCsv(rows as never), 'lapsed.csv');
    const batchId = batchIdFrom(res);
    // Not refused: every row is ready, and confirming issues the past training too.
    expect(await rowStates(batchId)).toEqual({ pending: 4 });
    const html = await (await staff.get(res.headers.get('location')!)).text();
    const text = textOf(html);
    expect(text).toContain('Already expired when issued');
    expect(text).toContain('1 row has a completion date that makes the certificate expired before it is issued');
    expect(text).toContain('Row 4: lapsed3@example.org (expired on 1 January 1992)');
    expect(html).toContain(
      'data-confirm="Issue 4 certificates of &quot;Moving and handling (level 2)&quot; now, 1 of them already expired?',
    );
    const fresh = await uploadCsv(
      staff,
      world.academy.slug,
      achievementId,
      toCsv(learners(2, { prefix: 'fresh' }) as never),
    );
    expect(textOf(await (await staff.get(fresh.headers.get('location')!)).text())).not.toContain('Already expired');
  });
});

describe('an upload refused', () => {
  it('puts the error summary at the top of the page, linking to the file field, for the page script to focus', async () => {
    const res = await uploadCsv(staff, world.academy.slug, achievementId, 'name,email\nAmina,amina@example.org\n');
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(textOf(html)).toContain('missing: completion_date');
    expect(html.match(/id="error-summary-title"/g)).toHaveLength(1);
    const summary = html.indexOf('id="error-summary-title"');
    expect(summary).toBeLessThan(html.indexOf('<dl class="facts"'));
    expect(summary).toBeLessThan(html.indexOf('id="cohort-title"'));
    expect(html).toMatch(/<div class="notice error" role="alert" aria-labelledby="error-summary-title" tabindex="-1"/);
    expect(html).toContain('<a href="#file">Cohort file: The first row must be a header');
    const script = await (await env.app.request('/static/app.js')).text();
    expect(script).toContain(`document.querySelector('[aria-labelledby="error-summary-title"]')`);
  });
});

describe('confirming and issuing', () => {
  it('issues every valid row once, with progress, a result page, a result CSV and one notice per learner', async () => {
    const csv = cohortCsv(120, { badAt: 40, prefix: 'run' });
    const batchId = batchIdFrom(await uploadCsv(staff, world.academy.slug, achievementId, csv, 'run.csv'));
    const confirm = await post(`${A}/batches/${batchId}/confirm`);
    expect(confirm.status).toBe(303);
    const page = await (await staff.get(`${A}/batches/${batchId}`)).text();
    expect(page).toMatch(/data-poll="\/academy\/[^"]+\/progress"/);
    expect(page).toContain('<progress');
    expect(textOf(page)).toContain('Continue issuing');
    const last = await pollUntilFinished(batchId);
    expect(last).toMatchObject({ done: 119, total: 119, failed: 0, finished: true });
    expect(await credentialCounts(batchId)).toEqual({ total: 119, maxPerRow: 1 });
    expect(await rowStates(batchId)).toEqual({ issued: 119, invalid: 1 });
    // Every learner gets exactly one notice with a claim link (none has a passport).
    expect(await mailsTo('run1@example.org')).toBe(1);
    expect(await mailsTo('run120@example.org')).toBe(1);
    expect(await mailsTo('not-an-email')).toBe(0);

    const result = textOf(await (await staff.get(`${A}/batches/${batchId}`)).text());
    expect(result).toContain('Finished: 119 issued, 0 failed, 1 not issued');
    expect(result).toMatch(/Not issued.*41 email/);

    const download = await staff.get(`${A}/batches/${batchId}/result.csv`, 'text/csv');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="cohort-result-/);
    const bytes = new Uint8Array(await download.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a BOM, so spreadsheets read UTF-8
    const body = new TextDecoder().decode(bytes);
    expect(body.startsWith('row,name,email,completion_date')).toBe(true);
    const lines = body.trim().split('\r\n');
    expect(lines[0]).toContain('credential_id');
    expect(body).toMatch(/,issued,[0-9a-f-]{36},active,claim link sent,http:\/\/localhost:8787\/certificates\//);
    expect(body).toMatch(/\n41,Learner 40,not-an-email,2026-05-20,.*,invalid,,,,,"email: Enter an email address/);
    expect(body).not.toMatch(/token/i);
  });

  it('confirming twice, polling after the end and continuing issue nothing twice', async () => {
    const batchId = batchIdFrom(
      await uploadCsv(staff, world.academy.slug, achievementId, cohortCsv(60, { prefix: 'twice' })),
    );
    await post(`${A}/batches/${batchId}/confirm`);
    await post(`${A}/batches/${batchId}/confirm`);
    // The no-JavaScript path: each press issues more; pressing on after the end changes nothing.
    for (let i = 0; i < 5; i++) expect((await post(`${A}/batches/${batchId}/continue`)).status).toBe(303);
    await pollUntilFinished(batchId);
    await post(`${A}/batches/${batchId}/confirm`);
    await pollUntilFinished(batchId);
    expect(await credentialCounts(batchId)).toEqual({ total: 60, maxPerRow: 1 });
    expect(await mailsTo('twice7@example.org')).toBe(1);
  });

  it('lets concurrent polls race without issuing a row twice', async () => {
    const batchId = batchIdFrom(
      await uploadCsv(staff, world.academy.slug, achievementId, cohortCsv(110, { prefix: 'race' })),
    );
    await env.deps.db.update(issueBatches).set({ status: 'issuing' }).where(eq(issueBatches.id, batchId));
    const deps: BatchDeps = env.deps;
    await Promise.all(
      [0, 1, 2].map(() => processBatch(deps, world.academy.id, batchId, { actorUserId: null, budgetMs: 60_000 })),
    );
    await runBatchToEnd(deps, world.academy.id, batchId);
    expect(await credentialCounts(batchId)).toEqual({ total: 110, maxPerRow: 1 });
    expect(await rowStates(batchId)).toEqual({ issued: 110 });
  });
});

describe('an achievement archived while its cohort is issuing', () => {
  it('finishes the batch: rows already issued stay issued, the rest fail with the reason', async () => {
    const own = await makeAchievement(env, world.academy.id, world.academyStaff.id, { name: 'Short-lived course' });
    const batchId = batchIdFrom(await uploadCsv(staff, world.academy.slug, own.id, cohortCsv(80, { prefix: 'arch' })));
    await post(`${A}/batches/${batchId}/confirm`); // issues the first chunk of 50
    await post(`${A}/achievements/${own.id}/archive`);
    const p = await pollUntilFinished(batchId);
    expect(p).toMatchObject({ done: 80, total: 80, failed: 30, finished: true });
    expect(await credentialCounts(batchId)).toEqual({ total: 50, maxPerRow: 1 });
    const page = textOf(await (await staff.get(`${A}/batches/${batchId}`)).text());
    expect(page).toContain('Finished: 50 issued, 30 failed');
    expect(page).toContain('archived and cannot be issued');
  });
});

/** The real database, except that batches throw ("the worker died") once `crash()` says so. */
function crashingDb(db: Database, crash: () => Promise<boolean>): Database {
  // Batches stop both through the query builder and on the driver itself (issuing writes its rows there).
  const dying = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(t, prop) {
        if (prop === '$client') return dying(Reflect.get(t, prop, t) as object);
        const v = Reflect.get(t, prop, t);
        if (prop === 'batch' && typeof v === 'function')
          return async (...args: unknown[]) => {
            if (await crash()) throw new Error('simulated crash: the worker stopped');
            return v.apply(t, args);
          };
        return typeof v === 'function' ? v.bind(t) : v;
      },
    });
  return dying(db);
}

describe('crash safety', () => {
  it('a crash mid-batch (a chunk never stored) loses nothing: re-running finishes the rest, once each', async () => {
    const batchId = batchIdFrom(
      await uploadCsv(staff, world.academy.slug, achievementId, cohortCsv(170, { badAt: 3, prefix: 'crash' })),
    );
    await post(`${A}/batches/${batchId}/confirm`); // stores the first chunk of 50
    const stored = async () => (await credentialCounts(batchId)).total;
    const dying: BatchDeps = { ...env.deps, db: crashingDb(env.deps.db, async () => (await stored()) >= 100) };
    await expect(
      processBatch(dying, world.academy.id, batchId, { actorUserId: null, budgetMs: 60_000 }),
    ).rejects.toThrow(/simulated crash/);
    expect(await credentialCounts(batchId)).toEqual({ total: 100, maxPerRow: 1 });
    expect(await rowStates(batchId)).toEqual({ issued: 100, pending: 69, invalid: 1 });
    expect((await getBatch(env.deps.db, world.academy.id, batchId)).status).toBe('issuing');

    const done = await runBatchToEnd(env.deps, world.academy.id, batchId); // what the CLI runs
    expect(done).toMatchObject({ finished: true, issued: 169, failed: 0, invalid: 1 });
    expect(await credentialCounts(batchId)).toEqual({ total: 169, maxPerRow: 1 });
    for (const k of [1, 60, 120, 170]) expect(await mailsTo(`crash${k}@example.org`)).toBe(1);
  });

  it('a crash after a chunk is stored but before it is marked is repaired: marked once, notices re-sent with working claim links', async () => {
    const batchId = batchIdFrom(
      await uploadCsv(staff, world.academy.slug, achievementId, cohortCsv(100, { prefix: 'torn' })),
    );
    await env.deps.db.update(issueBatches).set({ status: 'issuing' }).where(eq(issueBatches.id, batchId));
    // The mail transport dies on the 60th notice: chunk 2 (rows 52-101) is stored, 10 of its notices went out.
    let sent = 0;
    const flaky: Mailer = {
      async send(m) {
        if (++sent === 60) throw new Error('simulated crash while emailing');
        await env.deps.mailer.send(m);
      },
    };
    await expect(
      processBatch({ ...env.deps, mailer: flaky }, world.academy.id, batchId, { actorUserId: null, budgetMs: 60_000 }),
    ).rejects.toThrow(/simulated crash/);
    expect(await credentialCounts(batchId)).toEqual({ total: 100, maxPerRow: 1 });
    expect(await rowStates(batchId)).toEqual({ issued: 50, pending: 50 });

    // A poll straight away leaves the torn chunk alone (another run might still be emailing it) ...
    const early = (await (await staff.get(`${A}/batches/${batchId}/progress`, 'application/json')).json()) as {
      finished: boolean;
    };
    expect(early.finished).toBe(false);
    // ... and takes it over once it is clearly abandoned.
    env.setNow(new Date(env.deps.clock().getTime() + 5 * 60_000));
    const p = await pollUntilFinished(batchId);
    env.setNow('2026-06-01T09:00:00.000Z');
    expect(p).toMatchObject({ done: 100, total: 100, finished: true });
    expect(await credentialCounts(batchId)).toEqual({ total: 100, maxPerRow: 1 });
    expect(await rowStates(batchId)).toEqual({ issued: 100 });
    expect(await mailsTo('torn1@example.org')).toBe(1);
    expect(await mailsTo('torn100@example.org')).toBe(1); // never emailed before the crash: now once
    expect(await mailsTo('torn51@example.org')).toBe(2); // emailed before the crash, and again after (at least once)

    // The re-sent claim link works.
    const mail = (await env.deps.db.select().from(outbox).where(eq(outbox.to, 'torn100@example.org')))[0]!;
    const token = new URL(`http://x${linkIn(mail.body, '/claim?token=')}`).searchParams.get('token')!;
    const user = await createUser(env.deps, {
      email: 'torn100@example.org',
      password: 'sturdy test passphrase 42',
      displayName: 'Torn',
      verified: true,
    });
    const claimed = await claimCredential(issueContext(env.deps, user.id), token, user.id);
    const [row] = await env.deps.db
      .select()
      .from(credentials)
      .where(and(eq(credentials.id, claimed.credentialId), eq(credentials.batchId, batchId)));
    expect(row?.subjectUserId).toBe(user.id);
    expect(row?.batchRow).toBe(101);
    const strays = await env.deps.db.$count(
      credentials,
      sql`${credentials.batchId} = ${batchId} AND ${credentials.batchRow} IS NULL`,
    );
    expect(strays).toBe(0);
  });
});
