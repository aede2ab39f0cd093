/**
 * The academy register's CSV export and its bulk actions through app.request: status changes and new claim links for
 * several learners (check first, then confirm; the old link stops working, each send audited).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { auditEvents, credentials, statusLists } from '../../db/schema';
import { claimCredential } from '../../worker/services/academy/claim-links';
import { changeCredentialStatus } from '../../worker/services/academy/credential-status';
import { issueCredentials, loadAchievement } from '../../worker/services/academy/issuance';
import { createUser } from '../../worker/services/accounts/accounts';
import { createOrganisation } from '../../worker/services/organisations/organisations';
import type { Browser, TestEnv } from '../helpers/app';
import { browserAs, latestMail, linkIn, mailCount } from '../helpers/accounts';
import { PASSWORD, academyWorld } from '../helpers/world';
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

/** Issues certificates to the named learners (email from the tag): their ids, first claim tokens and emails in order. */
async function issueWithLinks(names: string[], tag: string) {
  const loaded = await loadAchievement(env.deps.db, w.world.academy.id, w.achievementId);
  const issued = await issueCredentials(
    issueContext(env.deps, null),
    loaded,
    names.map((name, i) => ({ email: `${tag}${i}@example.org`, name, completedOn: '2026-04-01' })),
  );
  return issued.map((x, i) => ({ id: x.credentialId, token: x.claimToken as string, email: `${tag}${i}@example.org` }));
}

/** Issues certificates to the named learners and returns their ids in order. */
const issue = async (names: string[], tag: string) => (await issueWithLinks(names, tag)).map((x) => x.id);

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

const send = async (fields: Record<string, string | string[]>, b = staff, base = A) =>
  b.postForm(`${base}/register/claim-links`, { _csrf: await csrfFrom(b, `${base}/register`), ...fields });

const linkAudits = (ids: string[]) =>
  env.deps.db
    .select()
    .from(auditEvents)
    .where(and(inArray(auditEvents.targetId, ids), eq(auditEvents.action, 'credential.claim_link_sent')));

/** Six certificates: two waiting, one claimed, one revoked, one without an email, one expired. */
async function mixedSix(tag: string) {
  const rows = await issueWithLinks(
    ['Wait One', 'Wait Two', 'Has Claimed', 'Was Revoked', 'No Email', 'Has Expired'],
    tag,
  );
  const [, , claimed, revoked, noEmail, expired] = rows.map((r) => r.id) as [string, ...string[]];
  const worker = await createUser(env.deps, {
    email: `${tag}2@example.org`,
    password: PASSWORD,
    displayName: 'Has Claimed',
    verified: true,
  });
  await claimCredential(issueContext(env.deps, worker.id), rows[2]!.token, worker.id);
  await changeCredentialStatus(env.deps.db, {
    credentialId: revoked!,
    orgId: w.world.academy.id,
    action: 'revoke',
    reason: 'Issued by mistake',
    actorUserId: w.world.academyStaff.id,
    now: env.deps.clock(),
  });
  await env.deps.db.update(credentials).set({ subjectEmail: null }).where(eq(credentials.id, noEmail!));
  await env.deps.db
    .update(credentials)
    .set({ validUntil: '2026-01-01T00:00:00.000Z' })
    .where(eq(credentials.id, expired!));
  expect(claimed).toBeDefined();
  return rows;
}

describe('bulk new claim links', () => {
  it('offers the action on the register, for the same ticked certificates as a status change', async () => {
    await issueWithLinks(['Offer Me'], 'linkoffer');
    const html = await (await staff.get(`${A}/register?q=linkoffer`)).text();
    expect(html).toContain(`formaction="${A}/register/claim-links"`);
    expect(textOf(html)).toContain('Review new claim links');
  });

  it('checks first: says how many learners get an email and lists those skipped and why, sending nothing', async () => {
    const rows = await mixedSix('linkcheck');
    const ids = rows.map((r) => r.id);
    const before = await mailCount(env, rows[0]!.email);
    const res = await send({ ids });
    expect(res.status).toBe(200);
    const html = await res.text();
    const text = textOf(html);
    expect(text).toContain('Send new claim links to 2 learners?');
    expect(text).toContain(
      'You chose 6 certificates. 2 learners will get an email with a new claim link; any earlier links for those certificates stop working.',
    );
    expect(text).toContain('4 certificates are skipped:');
    for (const line of [
      'Already in the learner’s passport: 1',
      'Revoked: 1',
      'Expired: 1',
      'No email address recorded: 1',
    ])
      expect(text).toContain(line);
    for (const name of ['Wait One', 'Wait Two', 'Has Claimed', 'Was Revoked', 'No Email', 'Has Expired'])
      expect(text).toContain(name);
    expect(html).toContain('name="confirm" value="yes"');
    expect(text).toContain('Send 2 claim links');
    expect(await mailCount(env, rows[0]!.email)).toBe(before);
    expect(await linkAudits(ids)).toHaveLength(0);
  });

  it('sends a fresh link to each waiting learner, refuses the old link, and audits each send', async () => {
    const rows = await mixedSix('linksend');
    const ids = rows.map((r) => r.id);
    const res = await send({ ids, confirm: 'yes' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${A}/register?notice=claim_links_sent&changed=2`);
    const page = textOf(await (await staff.get(res.headers.get('location')!)).text());
    expect(page).toContain('2 new claim links sent. Earlier links for those certificates no longer work.');

    const audits = await linkAudits(ids);
    expect(audits.map((a) => a.targetId).sort()).toEqual([rows[0]!.id, rows[1]!.id].sort());
    for (const a of audits) {
      expect(a.actorUserId).toBe(w.world.academyStaff.id);
      expect(a.actorOrgId).toBe(w.world.academy.id);
      expect(JSON.parse(a.details!)).toEqual({ bulk: 2 });
    }
    // No email for the skipped ones: only the issue notice reached them.
    for (const r of rows.slice(2, 4)) expect(await latestMail(env, r.email, 'new link')).toBeNull();

    const first = rows[0]!;
    const mail = await latestMail(env, first.email, 'new link');
    const fresh = new URL(`http://x${linkIn(mail!.body, '/claim?token=')}`).searchParams.get('token')!;
    expect(fresh).not.toBe(first.token);
    const learner = await createUser(env.deps, {
      email: first.email,
      password: PASSWORD,
      displayName: 'Wait One',
      verified: true,
    });
    const b = await browserAs(env, learner.id);
    expect((await b.get(`/claim?token=${first.token}`)).status).toBe(410);
    const claimed = await b.postForm('/claim', { token: fresh }, `/claim?token=${fresh}`);
    expect(claimed.headers.get('location')).toBe(`/passport/credentials/${first.id}?notice=claimed`);
  });

  it('skips a certificate that had its 5 new links today, on the check page and when sending', async () => {
    const [busy, calm] = await issueWithLinks(['Busy Inbox', 'Calm Inbox'], 'linklimit');
    const single = `${A}/credentials/${busy!.id}`;
    for (let i = 0; i < 5; i++) expect((await staff.postForm(`${single}/claim-link`, {}, single)).status).toBe(303);
    const ids = [busy!.id, calm!.id];
    const text = textOf(await (await send({ ids })).text());
    expect(text).toContain('Send a new claim link to 1 learner?');
    expect(text).toContain('5 new links already sent in the last day: 1');
    const before = await mailCount(env, busy!.email);
    const res = await send({ ids, confirm: 'yes' });
    expect(res.headers.get('location')).toBe(`${A}/register?notice=claim_links_sent&changed=1`);
    expect(await mailCount(env, busy!.email)).toBe(before);
    expect(await linkAudits([calm!.id])).toHaveLength(1);
  });

  it('sends nothing when no chosen certificate is waiting, and asks for a tick when none is given', async () => {
    const rows = await mixedSix('linknone');
    const text = textOf(await (await send({ ids: rows.slice(2).map((r) => r.id) })).text());
    expect(text).toContain('No learner will get an email: none of the chosen certificates is waiting to be claimed.');
    expect(text).not.toContain('Send 0');
    const none = await send({ ids: rows.slice(2).map((r) => r.id), confirm: 'yes' });
    expect(none.headers.get('location')).toBe(`${A}/register?notice=claim_links_none&changed=0`);
    const empty = await send({});
    expect(empty.status).toBe(400);
    expect(textOf(await empty.text())).toContain('Tick at least one certificate');
  });

  it('refuses a member of an academy not yet approved to issue, another academy, and a post without the CSRF token', async () => {
    const [one] = await issueWithLinks(['Guarded One'], 'linkguard');
    const ids = [one!.id];
    const before = await mailCount(env, one!.email);
    const pendingOwner = await createUser(env.deps, {
      email: 'owner@pending-academy.test',
      password: PASSWORD,
      displayName: 'Pat Pending',
      verified: true,
    });
    const pending = await createOrganisation(env.deps.db, {
      name: 'Pending Care Academy',
      kind: 'academy',
      ownerUserId: pendingOwner.id,
      now: env.deps.clock(),
    });
    const p = await browserAs(env, pendingOwner.id);
    const P = `/academy/${pending.slug}`;
    const refused = await p.postForm(`${P}/register/claim-links`, { ids, confirm: 'yes' }, `${P}/register`);
    expect(refused.status).toBe(403);
    const other = await browserAs(env, w.world.otherAcademyStaff.id);
    const B = `/academy/${w.world.otherAcademy.slug}`;
    const foreign = await send({ ids, confirm: 'yes' }, other, B);
    expect(foreign.headers.get('location')).toBe(`${B}/register?notice=claim_links_none&changed=0`);
    const forged = await staff.postForm(`${A}/register/claim-links`, { _csrf: 'not-the-token', ids, confirm: 'yes' });
    expect(forged.status).toBe(403);
    const noToken = await staff.request(`${A}/register/claim-links`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: new URLSearchParams({ ids: one!.id, confirm: 'yes' }),
    });
    expect(noToken.status).toBe(403);
    expect(await mailCount(env, one!.email)).toBe(before);
    expect(await linkAudits(ids)).toHaveLength(0);
  });
});
