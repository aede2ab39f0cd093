/** The academy register's CSV export and bulk status changes (check first, then confirm), through app.request. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { auditEvents, credentials, statusLists } from '../../db/schema';
import { issueCredentials, loadAchievement } from '../../worker/services/academy/issuance';
import type { Browser, TestEnv } from '../helpers/app';
import { browserAs } from '../helpers/accounts';
import { academyWorld } from '../helpers/world';
import { csrfFrom, textOf } from '../fixtures/academy';
import { issueContext } from '../../worker/services/academy/issue-types';

let w: Awaited<ReturnType<typeof academyWorld>>;
let env: TestEnv;
let staff: Browser;
let A: string;

beforeAll(async () => {
  w = await academyWorld();
  ({ env, staff, A } = w);
});
afterAll(() => env.close());

/** Issues certificates to the named learners (email from the name) and returns their ids in order. */
async function issue(names: string[], tag: string): Promise<string[]> {
  const loaded = await loadAchievement(env.deps.db, w.world.academy.id, w.achievementId);
  const issued = await issueCredentials(
    issueContext(env.deps, null),
    loaded,
    names.map((name, i) => ({ email: `${tag}${i}@example.org`, name, completedOn: '2026-04-01' })),
  );
  return issued.map((x) => x.credentialId);
}

const bulk = async (fields: Record<string, string | string[]>, b = staff, base = A) =>
  b.postForm(`${base}/register/bulk`, { _csrf: await csrfFrom(b, `${base}/register`), ...fields });

const statusOf = async (ids: string[]) =>
  (await env.deps.db.select().from(credentials).where(inArray(credentials.id, ids))).map((c) => c.status);

const auditsOf = (ids: string[], action: string) =>
  env.deps.db
    .select()
    .from(auditEvents)
    .where(and(inArray(auditEvents.targetId, ids), eq(auditEvents.action, action)));

const verifyJson = async (id: string) => {
  const res = await env.app.request(`/credentials/${id}/verify`, { headers: { accept: 'application/json' } });
  return (await res.json()) as { verified: boolean; errors: { code: string }[] };
};

/** Splits CSV text into rows of cells (quoted fields may hold commas and doubled quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.split('\r\n').filter(Boolean)) {
    const cells: string[] = [];
    for (const m of line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g))
      cells.push(m[1]?.replaceAll('""', '"') ?? m[2] ?? '');
    rows.push(cells);
  }
  return rows;
}

describe('register export', () => {
  it('downloads the filtered register as UTF-8 CSV with a BOM, a header row and formula-safe cells', async () => {
    await issue(['=HYPERLINK("http://evil.example","x")', '+cmd|calc', '@SUM(A1)', '-2+3', 'Zoë "Zed", Jones'], 'csvx');
    const res = await staff.get(`${A}/register/export.csv?q=csvx`, 'text/csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="register-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const rows = parseCsv(text);
    expect(rows[0]?.join('|')).toBe(
      'Learner name|Learner email|Achievement|Issued on|Completed on|Expires on|Status|In a passport|Renewed|Certificate link|Credential id',
    );
    expect(rows).toHaveLength(6);
    const names = rows.slice(1).map((r) => r[0]);
    expect(names).toEqual(
      expect.arrayContaining([
        `'=HYPERLINK("http://evil.example","x")`,
        "'+cmd|calc",
        "'@SUM(A1)",
        "'-2+3",
        'Zoë "Zed", Jones',
      ]),
    );
    for (const r of rows.slice(1)) {
      expect(r).toHaveLength(11);
      expect(r[0]).not.toMatch(/^[=+\-@]/);
      expect(r[4]).toBe('2026-04-01');
      expect(r[6]).toBe('Valid');
      expect(r[9]).toBe(`${env.deps.config.PUBLIC_ORIGIN}/certificates/${r[10]}`);
    }
    // The status filter applies to the file too.
    const none = await (await staff.get(`${A}/register/export.csv?q=csvx&status=revoked`, 'text/csv')).text();
    expect(parseCsv(none.replace(/^\uFEFF/, ''))).toHaveLength(1);
    // A search that is not valid is refused, like the page.
    expect((await staff.get(`${A}/register/export.csv?from=last-week`, 'text/csv')).status).toBe(400);
  });

  it('links the export with the same search from the register page', async () => {
    const html = await (await staff.get(`${A}/register?q=csvx&status=active`)).text();
    expect(html).toContain(`href="${A}/register/export.csv?q=csvx&amp;status=active"`);
  });
});

describe('bulk status changes', () => {
  it('shows the ticks and the change form to staff of an approved academy', async () => {
    await issue(['Tick Me'], 'tickme');
    const html = await (await staff.get(`${A}/register?q=tickme`)).text();
    expect(html).toMatch(/<input type="checkbox" name="ids" value="[0-9a-f-]{36}"/);
    expect(html).toContain(`action="${A}/register/bulk"`);
    expect(textOf(html)).toContain('All 1 certificate matching this search');
  });

  it('asks for confirmation first: a post without confirm lists what will change and changes nothing', async () => {
    const ids = await issue(['Bulk One', 'Bulk Two', 'Bulk Three'], 'bulkcheck');
    const res = await bulk({ ids, action: 'revoke', reason: 'Assessor was not qualified' });
    expect(res.status).toBe(200);
    const html = await res.text();
    const text = textOf(html);
    expect(text).toContain('Revoke 3 certificates?');
    expect(text).toContain('You chose 3 certificates. 3 will be revoked.');
    for (const n of ['Bulk One', 'Bulk Two', 'Bulk Three']) expect(text).toContain(n);
    expect(html).toContain('name="confirm" value="yes"');
    expect(await statusOf(ids)).toEqual(['active', 'active', 'active']);
    expect(await auditsOf(ids, 'credential.revoked')).toHaveLength(0);
  });

  it('revokes 3 ticked certificates in one status-list update, audits each, and they then fail verification', async () => {
    const ids = await issue(['Rev One', 'Rev Two', 'Rev Three'], 'bulkrevoke');
    const [cred] = await env.deps.db.select().from(credentials).where(eq(credentials.id, ids[0]!));
    const listVersion = async () =>
      (await env.deps.db.select().from(statusLists).where(eq(statusLists.id, cred!.revocationListId)))[0]!.version;
    const before = await listVersion();
    const res = await bulk({ ids, action: 'revoke', reason: 'Assessor was not qualified', confirm: 'yes' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${A}/register?notice=bulk_revoke&changed=3`);
    expect(await listVersion()).toBe(before + 1);
    expect(await statusOf(ids)).toEqual(['revoked', 'revoked', 'revoked']);
    const audits = await auditsOf(ids, 'credential.revoked');
    expect(audits).toHaveLength(3);
    for (const a of audits) {
      expect(a.actorUserId).toBe(w.world.academyStaff.id);
      expect(JSON.parse(a.details!)).toEqual({ reason: 'Assessor was not qualified', bulk: 3 });
    }
    for (const id of ids) {
      const v = await verifyJson(id);
      expect(v.verified).toBe(false);
      expect(v.errors.map((e) => e.code)).toContain('revoked');
    }
    const page = textOf(await (await staff.get(res.headers.get('location')!)).text());
    expect(page).toContain("3 certificates revoked. Each change is recorded in the certificate's audit trail.");
    // Sending the same confirmed form again changes nothing and audits nothing more.
    const again = await bulk({ ids, action: 'revoke', reason: 'Assessor was not qualified', confirm: 'yes' });
    expect(again.headers.get('location')).toBe(`${A}/register?notice=bulk_none&changed=0`);
    expect(await auditsOf(ids, 'credential.revoked')).toHaveLength(3);
    expect(await listVersion()).toBe(before + 1);
  });

  it('suspends every certificate matching the search, leaves others alone, then reinstates them', async () => {
    const ids = await issue(['Scope One', 'Scope Two'], 'bulkscope');
    const other = await issue(['Not Matching'], 'elsewhere');
    const fields = { scope: 'all', q: 'bulkscope', reason: 'Checking a complaint' };
    const check = textOf(await (await bulk({ ...fields, action: 'suspend' })).text());
    expect(check).toContain('Suspend 2 certificates?');
    const res = await bulk({ ...fields, action: 'suspend', confirm: 'yes' });
    expect(res.headers.get('location')).toBe(`${A}/register?q=bulkscope&notice=bulk_suspend&changed=2`);
    expect(await statusOf(ids)).toEqual(['suspended', 'suspended']);
    expect(await statusOf(other)).toEqual(['active']);
    expect((await verifyJson(ids[0]!)).errors.map((e) => e.code)).toContain('suspended');
    const back = await bulk({ ...fields, action: 'reinstate', confirm: 'yes' });
    expect(back.headers.get('location')).toBe(`${A}/register?q=bulkscope&notice=bulk_reinstate&changed=2`);
    expect(await statusOf(ids)).toEqual(['active', 'active']);
    expect(await auditsOf(ids, 'credential.reinstated')).toHaveLength(2);
    expect((await verifyJson(ids[0]!)).verified).toBe(true);
  });

  it('says which chosen certificates stay as they are', async () => {
    const ids = await issue(['Mixed One', 'Mixed Two'], 'bulkmixed');
    await bulk({ ids: ids[0]!, action: 'suspend', reason: 'Checking a complaint', confirm: 'yes' });
    const text = textOf(await (await bulk({ ids, action: 'suspend', reason: 'Checking a complaint' })).text());
    expect(text).toContain(
      'You chose 2 certificates. 1 will be suspended; 1 stays as it is (only certificates neither suspended nor revoked can be suspended).',
    );
  });

  it('refuses a change without a reason or without any certificate, with the errors linked to their fields', async () => {
    const ids = await issue(['No Reason'], 'bulknoreason');
    const noReason = await bulk({ ids, action: 'revoke', reason: '', confirm: 'yes' });
    expect(noReason.status).toBe(400);
    const html = await noReason.text();
    expect(html).toContain('<a href="#reason">Reason for the change: Give a reason for the change');
    expect(html).not.toContain('name="confirm"');
    expect(textOf(html)).toContain('You chose 1 certificate. 1 will be revoked.');
    expect(html).toContain(`name="ids" value="${ids[0]}"`);
    const nothing = await bulk({ action: 'revoke', reason: 'A good reason' });
    expect(nothing.status).toBe(400);
    expect(textOf(await nothing.text())).toContain('Tick at least one certificate');
    expect(await statusOf(ids)).toEqual(['active']);
  });

  it('never touches another academy’s certificates', async () => {
    const ids = await issue(['Not Yours'], 'bulkforeign');
    const other = await browserAs(env, w.world.otherAcademyStaff.id);
    const B = `/academy/${w.world.otherAcademy.slug}`;
    const res = await bulk({ ids, action: 'revoke', reason: 'Not ours to revoke', confirm: 'yes' }, other, B);
    expect(res.headers.get('location')).toBe(`${B}/register?notice=bulk_none&changed=0`);
    expect(await statusOf(ids)).toEqual(['active']);
  });
});
