/** Passport logic with a fixed clock: statuses, grouping by kind, reminders, reading pasted credentials. */
import { describe, expect, it } from 'vitest';
import {
  type CompetencyKind,
  type PassportEntry,
  groupEntries,
  kindOf,
  remindersFrom,
  statusAt,
} from '../../worker/services/passport/passport';
import { maskEmail } from '../../worker/services/passport/claims';
import { extractCredentialJwt } from '../../worker/services/passport/imports';
import { day, when } from '../../web/components/passport-status';

const NOW = new Date('2026-06-01T09:00:00.000Z');
const DAY = 86_400_000;
const inDays = (n: number) => new Date(NOW.getTime() + n * DAY).toISOString();

/** A fresh entry (fixtures are functions returning fresh copies). */
function entry(over: Partial<PassportEntry> = {}): PassportEntry {
  return {
    id: over.id ?? crypto.randomUUID(),
    source: 'issued',
    name: 'Moving and handling',
    issuerName: 'Northern Care Academy',
    recognised: true,
    validFrom: '2025-06-01T00:00:00.000Z',
    validUntil: null,
    issuedAt: '2025-06-01T00:00:00.000Z',
    status: 'valid',
    kind: 'mandatory_training',
    alignedIds: ['cstf-mh-l2'],
    ...over,
  };
}

describe('statusAt', () => {
  it('puts the issuer first: revoked and suspended win over dates', () => {
    expect(statusAt({ status: 'revoked', validUntil: inDays(400) }, NOW)).toBe('revoked');
    expect(statusAt({ status: 'suspended', validUntil: inDays(-5) }, NOW)).toBe('suspended');
  });

  it('reads the dates: no end date is valid, past is expired, within 90 days is expiring', () => {
    expect(statusAt({ status: 'active', validUntil: null }, NOW)).toBe('valid');
    expect(statusAt({ validUntil: inDays(-1) }, NOW)).toBe('expired');
    expect(statusAt({ validUntil: NOW.toISOString() }, NOW)).toBe('expired');
    expect(statusAt({ validUntil: inDays(1) }, NOW)).toBe('expiring');
    expect(statusAt({ validUntil: inDays(90) }, NOW)).toBe('expiring');
    expect(statusAt({ validUntil: inDays(91) }, NOW)).toBe('valid');
  });

  it('compares instants, not strings (imported dates may carry an offset)', () => {
    // 2026-06-01T10:30:00+02:00 is 08:30Z, before NOW (09:00Z), although the string sorts after it.
    expect(statusAt({ validUntil: '2026-06-01T10:30:00+02:00' }, NOW)).toBe('expired');
  });
});

describe('kindOf and groupEntries', () => {
  const kinds = new Map<string, CompetencyKind>([
    ['rqf-l2-ascc', 'qualification'],
    ['cc25-01', 'care_certificate'],
    ['cstf-mh-l2', 'mandatory_training'],
    ['dha-insulin', 'delegated_task'],
    ['spec-dementia', 'specialism'],
  ]);

  it('uses the first kind in display order among the aligned items', () => {
    expect(kindOf(['cstf-mh-l2', 'rqf-l2-ascc'], kinds)).toBe('qualification');
    expect(kindOf(['cstf-mh-l2', 'cc25-01'], kinds)).toBe('care_certificate');
    expect(kindOf(['spec-dementia', 'dha-insulin'], kinds)).toBe('delegated_task');
    expect(kindOf(['spec-dementia'], kinds)).toBe('specialism');
  });

  it('puts credentials with no known alignment under "other"', () => {
    expect(kindOf([], kinds)).toBe('other');
    expect(kindOf(['not-in-catalogue'], kinds)).toBe('other');
  });

  it('groups in display order, leaves empty groups out and sorts each group by name', () => {
    const groups = groupEntries([
      entry({ name: 'Safeguarding', kind: 'mandatory_training' }),
      entry({ name: 'Fire safety', kind: 'mandatory_training' }),
      entry({ name: 'Imported thing', kind: 'other', source: 'imported' }),
      entry({ name: 'Level 2 Adult Social Care Certificate', kind: 'qualification' }),
    ]);
    expect(groups.map((g) => g.label)).toEqual(['Qualifications', 'Mandatory training', 'Other certificates']);
    expect(groups[1]?.entries.map((e) => e.name)).toEqual(['Fire safety', 'Safeguarding']);
  });
});

describe('remindersFrom', () => {
  it('lists expiring and expired refreshers soonest first, with days left', () => {
    const soon = entry({ name: 'Soon', validUntil: inDays(10), status: 'expiring' });
    const later = entry({ name: 'Later', validUntil: inDays(80), status: 'expiring' });
    const gone = entry({ name: 'Gone', validUntil: inDays(-30), status: 'expired' });
    const fine = entry({ name: 'Fine', validUntil: inDays(300), status: 'valid' });
    const never = entry({ name: 'Never', validUntil: null, status: 'valid' });
    const revoked = entry({ name: 'Revoked', validUntil: inDays(5), status: 'revoked' });
    const r = remindersFrom([later, fine, soon, never, revoked, gone], NOW);
    expect(r.map((x) => x.entry.name)).toEqual(['Gone', 'Soon', 'Later']);
    expect(r.map((x) => x.daysLeft)).toEqual([-30, 10, 80]);
  });
});

describe('extractCredentialJwt', () => {
  const jwt = 'eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJkaWQ6a2V5OnoifQ.c2lnbmF0dXJl';

  it('accepts a bare JWT, with line breaks and spaces from copying ignored', () => {
    expect(extractCredentialJwt(jwt)).toEqual({ ok: true, jwt });
    expect(extractCredentialJwt(`  ${jwt.slice(0, 20)}\n${jwt.slice(20)}\r\n`)).toEqual({ ok: true, jwt });
    expect(extractCredentialJwt(`\uFEFF${jwt}`)).toEqual({ ok: true, jwt });
  });

  it('unwraps data: URLs, EnvelopedVerifiableCredential and {"verifiableCredential": ...}', () => {
    const envelope = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: `data:application/vc+jwt,${jwt}`,
      type: 'EnvelopedVerifiableCredential',
    };
    expect(extractCredentialJwt(`data:application/vc+jwt,${jwt}`)).toEqual({ ok: true, jwt });
    expect(extractCredentialJwt(JSON.stringify(envelope))).toEqual({ ok: true, jwt });
    expect(extractCredentialJwt(JSON.stringify({ verifiableCredential: jwt }))).toEqual({ ok: true, jwt });
    expect(extractCredentialJwt(JSON.stringify({ verifiableCredential: envelope }))).toEqual({ ok: true, jwt });
    expect(
      extractCredentialJwt(
        JSON.stringify({ verifiableCredential: { ...envelope, type: ['EnvelopedVerifiableCredential'] } }),
      ),
    ).toEqual({
      ok: true,
      jwt,
    });
  });

  it('refuses with a plain reason what is not a credential', () => {
    const reason = (s: string) => {
      const r = extractCredentialJwt(s);
      return r.ok ? null : r.reason;
    };
    expect(reason('')).toMatch(/Paste your certificate/);
    expect(reason('{"verifiableCredential": ')).toMatch(/could not be read/);
    expect(reason(JSON.stringify({ credentialSubject: { name: 'x' } }))).toMatch(/no signed certificate/);
    expect(reason(JSON.stringify({ manifest: {}, credentials: [{ jwt }] }))).toMatch(/several certificates/);
    expect(reason('Certificate of completion, moving and handling')).toMatch(/two dots/);
    expect(reason('a.b.c.d')).toMatch(/two dots/);
  });
});

describe('maskEmail', () => {
  it('keeps only the first letter and the domain', () => {
    expect(maskEmail('wendy@example.org')).toBe('w****@example.org');
    expect(maskEmail('nonsense')).toBe('****');
  });
});

describe('dates in words on any runtime', () => {
  it('writes the same English and Welsh dates as full locale data would, without needing it', () => {
    const opts = { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' } as const;
    const enDay = new Intl.DateTimeFormat('en-GB', opts);
    const enTime = new Intl.DateTimeFormat('en-GB', { ...opts, hour: '2-digit', minute: '2-digit' });
    const cyTime = new Intl.DateTimeFormat('cy-GB', { ...opts, hour: '2-digit', minute: '2-digit' });
    for (let i = 0; i < 600; i++) {
      const d = new Date(Date.UTC(2024, 0, 1) + i * 1.37 * 86_400_000 + i * 7.3 * 3_600_000);
      expect(day(d.toISOString())).toBe(enDay.format(d));
      expect(when(d.toISOString())).toBe(enTime.format(d));
      expect(when(d.toISOString(), 'cy')).toBe(cyTime.format(d));
    }
    expect(day('2026-10-25T00:30:00Z', '', 'cy')).toBe('25 Hydref 2026');
    expect(when('2026-10-25T00:30:00Z', 'cy')).toBe('25 Hydref 2026 am 01:30');
  });
});
