/** Academy pages through app.request: achievements, issuing to one learner, the register, status changes, renewal, certificates. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { competencies, credentials } from '../../db/schema';
import { issueCredentials, loadAchievement } from '../../worker/services/academy/issuance';
import type { Browser, TestEnv } from '../helpers/app';
import { browserAs, latestMail, linkIn, mailCount } from '../helpers/accounts';
import { type World, academyWorld, makeAchievement } from '../helpers/world';
import { csrfFrom, textOf } from '../fixtures/academy';
import { issueContext } from '../../worker/services/academy/issue-types';
import { storedText } from '../helpers/bodies';
import { base64UrlDecode, fromUtf8 } from '../../worker/credentials/encoding';

let env: TestEnv;
let world: World;
let staff: Browser;
let A: string;
let achievementId: string;

beforeAll(async () => {
  ({ env, world, staff, A, achievementId } = await academyWorld());
});
afterAll(() => env.close());

async function post(b: Browser, path: string, fields: Record<string, string>, csrfPage = A) {
  return b.postForm(path, { _csrf: await csrfFrom(b, csrfPage), ...fields });
}

async function issueOne(email: string, name = 'Amina Khan', extra: Record<string, string> = {}) {
  const res = await post(staff, `${A}/achievements/${achievementId}/issue`, {
    name,
    email,
    completedOn: '2026-05-20',
    ...extra,
  });
  expect(res.status).toBe(303);
  const id = (res.headers.get('location') ?? '').match(/credentials\/([0-9a-f-]{36})/)?.[1];
  expect(id).toBeTruthy();
  return id!;
}

/** The names of a signed vc+jwt credential's evidence entries. */
const evidenceNames = (jwt: string) =>
  (JSON.parse(fromUtf8(base64UrlDecode(jwt.split('.')[1]!)!)) as { evidence?: { name: string }[] }).evidence?.map(
    (e) => e.name,
  );

const verifyJson = async (id: string) => {
  const res = await env.app.request(`/credentials/${id}/verify`, { headers: { accept: 'application/json' } });
  return (await res.json()) as { verified: boolean; errors: { code: string }[] };
};

describe('academy dashboard and achievements', () => {
  it('shows approval, approved frameworks, achievements and links', async () => {
    const res = await staff.get(A);
    expect(res.status).toBe(200);
    const text = textOf(await res.text());
    expect(text).toContain('approved');
    expect(text).toContain('Core Skills Training Framework');
    expect(text).toContain('Moving and handling (level 2)');
    expect(text).toContain('Define a new achievement');
  });

  it('offers only items from approved frameworks, says which, and refuses others', async () => {
    const b = await browserAs(env, world.otherAcademyStaff.id);
    const B = `/academy/${world.otherAcademy.slug}`;
    const html = await (await b.get(`${B}/achievements/new`)).text();
    expect(html).toContain('value="cstf-mh-l2"');
    expect(textOf(html)).toContain(
      'Only frameworks the platform approved this academy for are offered: Core Skills Training Framework',
    );
    // Moving and handling level 2 refreshes every 24 months: the default validity is shown next to it.
    expect(textOf(html)).toMatch(/Moving and handling[^<]*level 2[\s\S]*?refresher every 24 months/i);
    const [care] = await env.deps.db
      .select({ id: competencies.id })
      .from(competencies)
      .where(eq(competencies.frameworkId, 'care-certificate-2025'))
      .limit(1);
    expect(html).not.toContain(`value="${care!.id}"`);
    const res = await post(
      b,
      `${B}/achievements/new`,
      {
        name: 'Induction',
        description: 'Care Certificate standard one, in full.',
        criteria: 'Completed the workbook and observation.',
        achievementType: 'Certificate',
        assessmentMethod: 'blended',
        alignedIds: care!.id,
      },
      B,
    );
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain('is outside your approved frameworks');
  });

  it('shows every field error linked to its field, and keeps what was typed', async () => {
    const res = await post(staff, `${A}/achievements/new`, { name: 'Fire safety', description: 'short' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('There is a problem');
    expect(html).toMatch(/<a href="#description">/);
    expect(html).toMatch(/id="description"[^>]*aria-describedby="description-hint description-error"/);
    expect(html).toMatch(/<fieldset id="alignedIds" aria-describedby="alignedIds-hint alignedIds-error"/);
    expect(html).toContain('value="Fire safety"');
    expect((html.match(/<h1/g) ?? []).length).toBe(1);
  });

  it('defines an achievement from the form and shows the default validity from the aligned item', async () => {
    const body = new URLSearchParams({
      _csrf: await csrfFrom(staff, A),
      name: 'Fire safety awareness',
      description: 'Fire safety for care settings, including evacuation.',
      criteria: 'Attended the session and passed the quiz.',
      achievementType: 'CertificateOfCompletion',
      assessmentMethod: 'classroom',
      level: '',
      validityMonths: '',
    });
    body.append('alignedIds', 'cstf-fire');
    const res = await staff.request(`${A}/achievements/new`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:8787' },
      body,
    });
    expect(res.status).toBe(303);
    const page = textOf(await (await staff.get(res.headers.get('location')!)).text());
    expect(page).toContain('Achievement saved');
    expect(page).toMatch(/Valid for \d+ months \(the default: the refresher period of Fire safety/);
  });
});

describe('issuing to one learner', () => {
  it('puts it straight into an existing passport and emails the learner', async () => {
    const id = await issueOne(world.worker.email, 'Wendy Worker');
    const row = (await env.deps.db.select().from(credentials).where(eq(credentials.id, id)))[0]!;
    expect(row.subjectUserId).toBe(world.worker.id);
    expect(row.validFrom).toBe('2026-05-20T00:00:00.000Z');
    expect(row.validUntil).toBe('2028-05-20T00:00:00.000Z');
    const mail = await latestMail(env, world.worker.email, 'Moving and handling');
    expect(mail?.body).toContain('/passport');
    const page = textOf(await (await staff.get(`${A}/credentials/${id}?notice=issued`)).text());
    expect(page).toContain('Certificate issued');
    expect(page).toContain("In the learner's passport");
  });

  it('emails a claim link to a learner without a passport, with evidence recorded', async () => {
    const email = 'new.learner@example.org';
    const id = await issueOne(email, 'New Learner', {
      assessorName: 'Jo Smith',
      assessedOn: '2026-05-19',
      score: '92%',
      notes: 'Safe hoist transfer',
    });
    const mail = await latestMail(env, email);
    expect(linkIn(mail!.body, '/claim?token=')).toMatch(/^\/claim\?token=[a-z2-7]+$/);
    const row = (await env.deps.db.select().from(credentials).where(eq(credentials.id, id)))[0]!;
    expect(JSON.parse(row.evidence!)).toMatchObject({ assessorName: 'Jo Smith', score: '92%' });
    const page = textOf(await (await staff.get(`${A}/credentials/${id}`)).text());
    // The link lasts 30 days from issuing (1 June 2026 on the test clock), in the app's long date format.
    expect(page).toContain('Claim link sent; it expires on 1 July 2026');
    expect(page).toContain('Assessed by Jo Smith on 19 May 2026; score 92%');
    expect(page).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(page).not.toMatch(/token=/);
    expect(evidenceNames(await storedText(env.deps, id))).toEqual(['Assessed by Jo Smith on 19 May 2026, score: 92%']);
  });

  it('says who did what in the evidence even when only the date assessed is given', async () => {
    const id = await issueOne('dated.only@example.org', 'Dana Dated', { assessedOn: '2026-05-19' });
    const page = textOf(await (await staff.get(`${A}/credentials/${id}`)).text());
    expect(page).toMatch(/Evidence Assessed on 19 May 2026 /);
    expect(evidenceNames(await storedText(env.deps, id))).toEqual(['Assessed on 19 May 2026']);
    expect((await verifyJson(id)).verified).toBe(true);
  });

  it('issues with a Data Integrity proof when the form asks for one: stored as JSON, verified, downloaded as .json', async () => {
    const form = await (await staff.get(`${A}/achievements/${achievementId}/issue`)).text();
    expect(form).toContain('value="eddsa-rdfc-2022"');
    const id = await issueOne('data.integrity@example.org', 'Dee Integrity', { securing: 'eddsa-rdfc-2022' });
    const [row] = await env.deps.db.select().from(credentials).where(eq(credentials.id, id));
    expect(row?.format).toBe('vc+di');
    expect(JSON.parse(await storedText(env.deps, id)).proof).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
    });
    const result = await verifyJson(id);
    expect(result.errors).toEqual([]);
    expect(result.verified).toBe(true);
    const file = await env.app.request(`/certificates/${id}/credential.jwt`);
    expect(file.headers.get('content-type')).toBe('application/vc');
    expect(file.headers.get('content-disposition')).toContain(`credential-${id}.json`);
    expect(JSON.parse(await file.text()).id).toBe(`urn:uuid:${id}`);
    const jwtOne = await issueOne('plain.jwt@example.org');
    const [jwtRow] = await env.deps.db.select().from(credentials).where(eq(credentials.id, jwtOne));
    expect(jwtRow?.format).toBe('vc+jwt');
    expect((await storedText(env.deps, jwtOne)).startsWith('ey')).toBe(true);
  });

  it('issues once when the same form is sent twice, and asks again when a sent form comes back changed', async () => {
    const form = await (await staff.get(`${A}/achievements/${achievementId}/issue`)).text();
    const submission = form.match(/name="submission" value="([0-9a-f-]{36})"/)?.[1];
    expect(submission).toBeTruthy();
    const email = 'double.click@example.org';
    const fields = { name: 'Dana Click', email, completedOn: '2026-05-20', submission: submission! };
    const [first, second] = await Promise.all([
      post(staff, `${A}/achievements/${achievementId}/issue`, fields),
      post(staff, `${A}/achievements/${achievementId}/issue`, fields),
    ]);
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    const again = await post(staff, `${A}/achievements/${achievementId}/issue`, fields);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    const rows = await env.deps.db
      .select({ id: credentials.id })
      .from(credentials)
      .where(eq(credentials.subjectEmail, email));
    expect(rows).toHaveLength(1);
    expect(await mailCount(env, email)).toBe(1);

    // Back button, another learner typed over the first: nothing issued, the form asks to send again with a new key.
    const changed = await post(staff, `${A}/achievements/${achievementId}/issue`, {
      ...fields,
      email: 'someone.else@example.org',
    });
    expect(changed.status).toBe(400);
    const html = await changed.text();
    expect(textOf(html)).toContain('This form was already sent and issued a certificate');
    const fresh = html.match(/name="submission" value="([0-9a-f-]{36})"/)?.[1];
    expect(fresh).toBeTruthy();
    expect(fresh).not.toBe(submission);
    expect(await mailCount(env, 'someone.else@example.org')).toBe(0);
  });

  it("asks for the learner's email address, not the user's own, when the form is sent empty", async () => {
    const res = await post(staff, `${A}/achievements/${achievementId}/issue`, { name: '', email: '', completedOn: '' });
    expect(res.status).toBe(400);
    const text = textOf(await res.text());
    expect(text).toContain("Enter the learner's email address");
    expect(text).not.toContain('Enter your email address');
    // A person's own address is still asked for as theirs.
    const forgot = await env.app.request('/forgot-password', {
      method: 'POST',
      headers: { origin: 'http://localhost:8787', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=',
    });
    expect(textOf(await forgot.text())).toContain('Enter your email address');
  });

  it('warns that a completion date long past makes the certificate expired on issue, and issues it once confirmed', async () => {
    const form = await (await staff.get(`${A}/achievements/${achievementId}/issue`)).text();
    expect(form).not.toContain('name="issueExpired"');
    const email = 'long.ago@example.org';
    const fields = { name: 'Lena Longago', email, completedOn: '01/01/1990' };
    const warned = await post(staff, `${A}/achievements/${achievementId}/issue`, fields);
    expect(warned.status).toBe(400);
    const html = await warned.text();
    // Valid for 24 months from the completion date: it expired on 1 January 1992.
    expect(textOf(html)).toContain(
      'With this completion date the certificate would already be expired when it is issued: it expired on 1 January 1992',
    );
    expect(html).toContain('<a href="#completedOn">');
    expect(html).toMatch(/<input type="checkbox" id="issueExpired" name="issueExpired" value="yes"/);
    expect(textOf(html)).toContain('Issue it anyway: this records past training that has expired');
    expect(await mailCount(env, email)).toBe(0);
    expect(await env.deps.db.$count(credentials, eq(credentials.subjectEmail, email))).toBe(0);

    const id = await issueOne(email, 'Lena Longago', { completedOn: '01/01/1990', issueExpired: 'yes' });
    const [row] = await env.deps.db.select().from(credentials).where(eq(credentials.id, id));
    expect(row?.validUntil).toBe('1992-01-01T00:00:00.000Z');
    expect(textOf(await (await staff.get(`${A}/credentials/${id}`)).text())).toContain('Expired');
    expect(await mailCount(env, email)).toBe(1);

    // A recent date needs no confirmation.
    await issueOne('recent.enough@example.org', 'Rita Recent', { completedOn: '2024-06-02' });
  });

  it('refuses a future completion date and a bad email, showing the errors', async () => {
    const res = await post(staff, `${A}/achievements/${achievementId}/issue`, {
      name: 'X',
      email: 'nope',
      completedOn: '2026-05-20',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/aria-describedby="email-error"/);
    const future = await post(staff, `${A}/achievements/${achievementId}/issue`, {
      name: 'X',
      email: 'x@example.org',
      completedOn: '2027-01-01',
    });
    expect(future.status).toBe(400);
    expect(textOf(await future.text())).toContain('cannot be in the future');
  });
});

describe('cross-academy access', () => {
  it('answers 404 for another academy’s pages, achievements, credentials and batches', async () => {
    const credId = await issueOne('cross@example.org');
    const b = await browserAs(env, world.otherAcademyStaff.id);
    const B = `/academy/${world.otherAcademy.slug}`;
    for (const path of [A, `${A}/register`, `${A}/achievements/${achievementId}`, `${A}/credentials/${credId}`]) {
      expect([path, (await b.get(path)).status]).toEqual([path, 404]);
    }
    // Their own slug with our ids: still not found.
    for (const path of [
      `${B}/achievements/${achievementId}`,
      `${B}/credentials/${credId}`,
      `${B}/achievements/${achievementId}/issue`,
    ]) {
      expect([path, (await b.get(path)).status]).toEqual([path, 404]);
    }
    const revoke = await post(b, `${B}/credentials/${credId}/revoke`, { reason: 'not ours' }, B);
    expect(revoke.status).toBe(404);
    expect((await verifyJson(credId)).verified).toBe(true);
    const employer = await browserAs(env, world.employerStaff.id);
    expect((await employer.get(A)).status).toBe(404);
    const anon = await env.app.request(A, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(anon.status).toBe(303);
  });
});

describe('register', () => {
  it('searches by learner, achievement, status and issue date, with paging', async () => {
    const loaded = await loadAchievement(env.deps.db, world.academy.id, achievementId);
    const ctx = { ...issueContext(env.deps, null), now: new Date('2026-04-10T10:00:00.000Z') };
    await issueCredentials(
      ctx,
      loaded,
      Array.from({ length: 30 }, (_, i) => ({
        email: `pager${i}@example.org`,
        name: `Pager Person ${i}`,
        completedOn: '2026-04-01',
      })),
    );
    const page1 = textOf(await (await staff.get(`${A}/register?q=pager`)).text());
    expect(page1).toContain('30 certificates');
    expect(page1).toContain('Page 1 of 2');
    const page2 = await (await staff.get(`${A}/register?q=pager&page=2`)).text();
    expect((page2.match(/Pager Person/g) ?? []).length).toBe(5);
    expect(textOf(await (await staff.get(`${A}/register?q=Pager%20Person%2017`)).text())).toContain('1 certificate');
    const dated = textOf(await (await staff.get(`${A}/register?from=2026-04-10&to=2026-04-10`)).text());
    expect(dated).toContain('30 certificates');
    expect(textOf(await (await staff.get(`${A}/register?to=2026-04-09`)).text())).toContain('0 certificates');
    expect(
      textOf(await (await staff.get(`${A}/register?achievement=${achievementId}&status=revoked&q=pager`)).text()),
    ).toContain('0 certificates');
    // A UK day-first date is read as such; anything else is refused with how to write it.
    expect((await staff.get(`${A}/register?from=31/12/2026`)).status).toBe(200);
    const bad = await staff.get(`${A}/register?from=last-week`);
    expect(bad.status).toBe(400);
    expect(textOf(await bad.text())).toContain('day/month/year, like 20/11/2026');
  });
});

describe('status changes, audit trail and verification', () => {
  it('revokes with a reason (permanent), shows who did it, and verification then fails with code revoked', async () => {
    const id = await issueOne('revoke.me@example.org', 'Rita Revoke');
    expect((await verifyJson(id)).verified).toBe(true);
    const form = await (await staff.get(`${A}/credentials/${id}`)).text();
    // The browser asks for the reason before the "cannot be undone" dialog: the field is required, the form validated.
    expect(form).toMatch(/<form method="post" action="[^"]+\/revoke" class="stack" data-confirm=/);
    expect(form).toMatch(/<textarea id="reason" name="reason" rows="4" required="" minlength="3"/);
    const noReason = await post(staff, `${A}/credentials/${id}/revoke`, { reason: '' });
    expect(noReason.status).toBe(400);
    const refused = await noReason.text();
    expect(refused).toMatch(/id="reason"[^>]*aria-describedby="reason-hint reason-error"/);
    // One error summary, at the top of the page (before the certificate's facts), linking to the field.
    expect(refused.match(/id="error-summary-title"/g)).toHaveLength(1);
    expect(refused.indexOf('id="error-summary-title"')).toBeLessThan(refused.indexOf('<dl class="facts"'));
    expect(refused).toContain('<a href="#reason">Reason for revoking: Give a reason');
    const res = await post(staff, `${A}/credentials/${id}/revoke`, { reason: 'Assessment was not observed' });
    expect(res.status).toBe(303);
    const page = textOf(await (await staff.get(`${A}/credentials/${id}`)).text());
    expect(page).toContain('Revoked');
    expect(page).toMatch(/Asha Trainer \(trainer@academy-a\.test\) Revoked: Assessment was not observed/);
    expect(page).toMatch(/Asha Trainer \(trainer@academy-a\.test\) Issued/);
    const v = await verifyJson(id);
    expect(v.verified).toBe(false);
    expect(v.errors.map((e) => e.code)).toContain('revoked');
    const html = await (await env.app.request(`/credentials/${id}/verify`)).text();
    expect(textOf(html)).toContain('Not valid: the issuer has revoked it');
    const cert = textOf(await (await env.app.request(`/certificates/${id}`)).text());
    expect(cert).toContain('REVOKED');
    expect(cert).not.toContain('Assessment was not observed');
    const again = await post(staff, `${A}/credentials/${id}/reinstate`, {});
    expect(again.status).toBe(409);
  });

  it('suspends (verification: suspended) and reinstates (valid again)', async () => {
    const id = await issueOne('pause.me@example.org');
    expect((await post(staff, `${A}/credentials/${id}/suspend`, { reason: 'Checking a complaint' })).status).toBe(303);
    expect((await verifyJson(id)).errors.map((e) => e.code)).toContain('suspended');
    expect(textOf(await (await env.app.request(`/certificates/${id}`)).text())).toContain('SUSPENDED');
    expect((await post(staff, `${A}/credentials/${id}/reinstate`, {})).status).toBe(303);
    expect((await verifyJson(id)).verified).toBe(true);
    const trail = textOf(await (await staff.get(`${A}/credentials/${id}`)).text());
    expect(trail).toMatch(/Suspended: Checking a complaint[\s\S]*Reinstated/);
  });

  it('renews: the new credential replaces the old one, bound to the same passport holder', async () => {
    const oldId = await issueOne(world.otherWorker.email, 'Oscar Other');
    const res = await post(staff, `${A}/credentials/${oldId}/renew`, {
      completedOn: '2026-05-30',
      assessorName: 'Jo Smith',
    });
    expect(res.status).toBe(303);
    const newId = (res.headers.get('location') ?? '').match(/credentials\/([0-9a-f-]{36})/)?.[1] ?? '';
    expect(newId).not.toBe(oldId);
    const [oldRow] = await env.deps.db.select().from(credentials).where(eq(credentials.id, oldId));
    const [newRow] = await env.deps.db.select().from(credentials).where(eq(credentials.id, newId));
    expect(oldRow!.replacedById).toBe(newId);
    expect(newRow!.replacesId).toBe(oldId);
    expect(newRow!.subjectUserId).toBe(world.otherWorker.id);
    expect(newRow!.validUntil).toBe('2028-05-30T00:00:00.000Z');
    const oldPage = textOf(await (await staff.get(`${A}/credentials/${oldId}`)).text());
    expect(oldPage).toContain('Renewed by');
    expect(oldPage).not.toContain('Issue the renewal');
    expect(textOf(await (await staff.get(`${A}/credentials/${newId}?notice=renewed`)).text())).toContain(
      'Issued as a renewal',
    );
    const twice = await post(staff, `${A}/credentials/${oldId}/renew`, { completedOn: '2026-05-30' });
    expect(twice.status).toBe(409);
  });

  it('refuses a renewal that would already be expired on issue, leaving the certificate as it was', async () => {
    const oldId = await issueOne('renew.typo@example.org', 'Rhys Typo');
    const res = await post(staff, `${A}/credentials/${oldId}/renew`, { completedOn: '2015-05-30' });
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain('the renewal would already be expired when it is issued');
    const [oldRow] = await env.deps.db.select().from(credentials).where(eq(credentials.id, oldId));
    expect(oldRow!.replacedById).toBeNull();
  });
});

describe('public certificate and verification pages', () => {
  it('shows a printable certificate with a QR code to the live check, and downloads the JWT', async () => {
    const id = await issueOne('print.me@example.org', 'Priya Print');
    const res = await env.app.request(`/certificates/${id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-robots-tag')).toContain('noindex');
    const html = await res.text();
    expect(html).toContain('class="certificate"');
    expect(html).toMatch(
      /<svg[^>]+role="img"[^>]+aria-label="QR code: check this certificate at http:\/\/localhost:8787\/credentials\/[^"]+\/verify"/,
    );
    const text = textOf(html);
    expect(text).toContain('Priya Print');
    expect(text).toContain('Northern Care Academy');
    expect(text).toContain('20 May 2026');
    expect(text).not.toContain('print.me@example.org');
    const jwt = await env.app.request(`/certificates/${id}/credential.jwt`);
    expect(jwt.status).toBe(200);
    expect(jwt.headers.get('content-disposition')).toBe(`attachment; filename="credential-${id}.jwt"`);
    expect(await jwt.text()).toBe(await storedText(env.deps, id));
    const verify = textOf(await (await env.app.request(`/credentials/${id}/verify`)).text());
    expect(verify).toContain('Valid');
    expect(verify).toContain('Recognised issuer');
  });

  it('answers an unknown or malformed id with a 404 page', async () => {
    for (const path of [
      '/certificates/00000000-0000-4000-8000-000000000000',
      '/certificates/nope',
      '/credentials/nope/verify',
    ]) {
      const res = await env.app.request(path, { headers: { accept: 'text/html' } });
      expect([path, res.status]).toEqual([path, 404]);
      expect(res.headers.get('content-type')).toContain('text/html');
    }
  });
});

describe('archiving', () => {
  it('archives an achievement: no longer issued or listed, issued credentials stay valid', async () => {
    const a = await makeAchievement(env, world.academy.id, world.academyStaff.id, { name: 'Old course to archive' });
    const loaded = await loadAchievement(env.deps.db, world.academy.id, a.id);
    const [c] = await issueCredentials(issueContext(env.deps, null), loaded, [
      { email: 'kept@example.org', name: 'Kept Valid' },
    ]);
    const res = await post(staff, `${A}/achievements/${a.id}/archive`, {});
    expect(res.status).toBe(303);
    expect(textOf(await (await staff.get(`${A}/achievements/${a.id}`)).text())).toContain('Archived on');
    expect((await staff.get(`${A}/achievements/${a.id}/issue`)).status).toBe(409);
    expect(await (await staff.get(A)).text()).not.toContain(`/achievements/${a.id}"`);
    expect((await verifyJson(c!.credentialId)).verified).toBe(true);
  });
});
