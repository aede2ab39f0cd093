/** The care worker's passport: every certificate grouped by kind, one certificate in full, refresher reminders, claim links. */
import type { Child } from 'hono/jsx';
import type { Actor } from '../../worker/context';
import type { CredentialResult } from '../../worker/credentials/verify';
import type { ClaimView } from '../../worker/services/passport/claims';
import type { PassportCredential, PassportEntry, Reminder } from '../../worker/services/passport/passport';
import { KIND_LABELS, groupEntries } from '../../worker/services/passport/passport';
import { type WaitingClaim, maskEmail } from '../../worker/services/passport/claims';
import { StatusTag, day } from '../components/passport-status';
import { WaitingClaims } from './passport-waiting';
import { VerificationResult } from '../components/verification';
import { Csrf, Layout } from '../layout';

type UserActor = Extract<Actor, { kind: 'user' }>;

/** Kept for the pathway page, which still imports the day format from here. */
export { day };

export function IssuerTag({ recognised }: { recognised: boolean }) {
  return recognised ? (
    <span class="tag ok">Recognised issuer</span>
  ) : (
    <span class="tag warn">Issuer not recognised here</span>
  );
}

const NOTICES: Record<string, string> = {
  claimed: 'Done. The certificate is now in your passport.',
  already: 'This certificate is already in your passport.',
  imported: 'Done. The certificate was checked and added to your passport.',
  removed: 'The certificate was removed from your passport.',
};

/** The notice for a `?notice=` value, if it is one of ours. */
export const passportNotice = (key: string | undefined) => (key ? NOTICES[key] : undefined);

function EntryCard({ e }: { e: PassportEntry }) {
  return (
    <li class="card">
      <h3>
        <a href={`/passport/credentials/${e.id}`}>{e.name}</a>
      </h3>
      <p>
        <StatusTag status={e.status} />
        {e.source === 'imported' ? <span class="tag">Added by you</span> : null}
      </p>
      <dl class="facts">
        <dt>Issued by</dt>
        <dd>
          {e.issuerName} <IssuerTag recognised={e.recognised} />
        </dd>
        <dt>{e.source === 'imported' ? 'Valid from' : 'Completed'}</dt>
        <dd>{day(e.validFrom, 'Not stated')}</dd>
        <dt>{e.status === 'expired' ? 'Expired' : 'Expires'}</dt>
        <dd>{day(e.validUntil, 'Does not expire')}</dd>
      </dl>
    </li>
  );
}

/** The passport's main actions: share, see the career pathway, add a certificate from elsewhere. */
function PassportNav() {
  return (
    <nav aria-label="Passport">
      <ul class="inline-list">
        <li>
          <a class="button" href="/passport/share">
            Share with an employer
          </a>
        </li>
        <li>
          <a class="button secondary" href="/passport/pathway">
            My career pathway
          </a>
        </li>
        <li>
          <a class="button secondary" href="/passport/import">
            Add a certificate from elsewhere
          </a>
        </li>
      </ul>
    </nav>
  );
}

/** GET /passport: the worker's certificates grouped by kind, with reminders and what they can do next. */
export function PassportPage(p: {
  actor: UserActor;
  entries: PassportEntry[];
  reminders: number;
  notice?: string | undefined;
  waiting?: readonly WaitingClaim[];
}) {
  const groups = groupEntries(p.entries);
  return (
    <Layout title="My passport" actor={p.actor} notice={p.notice}>
      <h1>My passport</h1>
      <p>
        {p.entries.length === 1 ? 'You have 1 certificate.' : `You have ${p.entries.length} certificates.`} Each one is
        signed by the organisation that issued it, so any employer can check it.
      </p>
      {p.reminders ? (
        <p class="notice error">
          <a href="/passport/reminders">
            {p.reminders === 1 ? '1 certificate needs' : `${p.reminders} certificates need`} a refresher soon or has
            expired
          </a>
        </p>
      ) : null}
      <WaitingClaims actor={p.actor} items={p.waiting ?? []} />
      <PassportNav />
      {groups.length ? (
        groups.map((g) => (
          <section aria-labelledby={`group-${g.kind}`}>
            <h2 id={`group-${g.kind}`}>
              {g.label} <span class="muted small">({g.entries.length})</span>
            </h2>
            <ul class="cards">
              {g.entries.map((e) => (
                <EntryCard e={e} />
              ))}
            </ul>
          </section>
        ))
      ) : (
        <section aria-labelledby="empty-title" class="card">
          <h2 id="empty-title">No certificates yet</h2>
          <p>
            When a training provider issues you a certificate, it appears here. If they emailed you a link, open it to
            add the certificate. You can also <a href="/passport/import">add one you already have</a>.
          </p>
        </section>
      )}
      <h2>More</h2>
      <ul>
        <li>
          <a href="/passport/shares">My share links and who viewed them</a>
        </li>
        <li>
          <a href="/passport/reminders">Refresher reminders</a>
        </li>
        <li>
          <a href="/passport/export">Download all my certificates (one file)</a> and{' '}
          <a href="/passport/export/summary.txt">a readable summary (text)</a>
        </li>
        <li>
          <a href="/passport/print">Print or save a one-page summary</a>
        </li>
        <li>
          <a href="/account/delete">Delete my account</a>
        </li>
      </ul>
    </Layout>
  );
}

const fmtSubject = (s: string | null) => (s ? (s.length > 60 ? `${s.slice(0, 40)}…${s.slice(-12)}` : s) : 'Not stated');

type CredentialPageProps = {
  actor: UserActor;
  cred: PassportCredential;
  result: CredentialResult;
  subject: string | null;
  holderDid: string | null;
  kindLabel: string;
  notice?: string | undefined;
};

/** Who issued a certificate, when it is valid, and whether it is about this holder. */
function CredentialFacts(p: CredentialPageProps) {
  const { cred } = p;
  const issuer = cred.source === 'issued' ? cred.issuerName : cred.row.issuer;
  const mine = p.subject !== null && p.subject === p.holderDid;
  return (
    <dl class="facts">
      <dt>Issued by</dt>
      <dd>
        {issuer} <IssuerTag recognised={cred.recognised} />
      </dd>
      <dt>Valid from</dt>
      <dd>{day(cred.row.validFrom, 'Not stated')}</dd>
      <dt>Expires</dt>
      <dd>{day(cred.row.validUntil, 'Does not expire')}</dd>
      <dt>{cred.source === 'issued' ? 'Issued on' : 'Added on'}</dt>
      <dd>{day(cred.source === 'issued' ? cred.row.issuedAt : cred.row.importedAt)}</dd>
      <dt>About</dt>
      <dd>
        {mine ? (
          'You (your passport identifier)'
        ) : (
          <>
            <code class="small">{fmtSubject(p.subject)}</code>
            <div class="small muted">
              This is not your Care Passport identifier. It may be one you used in another wallet or passport.
            </div>
          </>
        )}
      </dd>
    </dl>
  );
}

/** Sharing (issued, not renewed certificates only) and downloading the signed certificate. */
function CredentialUse({ cred, actor }: { cred: PassportCredential; actor: UserActor }) {
  return (
    <>
      <h2>Use it</h2>
      <ul class="inline-list">
        {cred.source === 'issued' && !cred.row.replacedById ? (
          <li>
            <a class="button" href={`/passport/share?credential=${cred.row.id}`}>
              Share this certificate
            </a>
          </li>
        ) : null}
        {cred.source === 'issued' && cred.status !== 'revoked' && cred.status !== 'suspended' ? (
          <li>
            <form method="post" action={`/passport/credentials/${cred.row.id}/wallet-offer`}>
              <Csrf actor={actor} />
              <button type="submit" class="secondary">
                Add to a wallet app
              </button>
            </form>
          </li>
        ) : null}
        <li>
          <a class="button secondary" href={`/passport/credentials/${cred.row.id}/download`}>
            Download the signed certificate
          </a>
        </li>
      </ul>
      <p class="small muted">
        The download is a .jwt file: the signed certificate itself. Any verifier that understands W3C Verifiable
        Credentials can check it.
      </p>
    </>
  );
}

/** One certificate in full: status, renewal and issuer's reason, facts, sharing, a fresh check, removal if imported. */
export function CredentialPage(p: CredentialPageProps) {
  const { cred } = p;
  const name = cred.source === 'issued' ? cred.name : cred.row.name;
  return (
    <Layout title={name} actor={p.actor} notice={p.notice}>
      <p>
        <a href="/passport">Back to my passport</a>
      </p>
      <h1>{name}</h1>
      <p>
        <StatusTag status={cred.status} /> <span class="tag">{p.kindLabel}</span>
        {cred.source === 'imported' ? <span class="tag">Added by you</span> : null}
      </p>
      {cred.source === 'issued' && cred.row.replacedById ? (
        <p class="notice">
          This certificate has been renewed.{' '}
          <a href={`/passport/credentials/${cred.row.replacedById}`}>See the newer one</a>.
        </p>
      ) : null}
      {cred.source === 'issued' && cred.row.statusReason && cred.status !== 'valid' ? (
        <p>Reason given by the issuer: {cred.row.statusReason}</p>
      ) : null}
      <CredentialFacts {...p} />
      <CredentialUse cred={cred} actor={p.actor} />
      <h2>Checked just now</h2>
      <VerificationResult result={p.result} heading="h3" />
      {cred.source === 'imported' ? (
        <form
          method="post"
          action={`/passport/credentials/${cred.row.id}/remove`}
          data-confirm="Remove this certificate from your passport?"
        >
          <Csrf actor={p.actor} />
          <button type="submit" class="secondary">
            Remove from my passport
          </button>
        </form>
      ) : null}
    </Layout>
  );
}

export function RemindersPage({ actor, reminders }: { actor: UserActor; reminders: Reminder[] }) {
  return (
    <Layout title="Refresher reminders" actor={actor}>
      <p>
        <a href="/passport">Back to my passport</a>
      </p>
      <h1>Refresher reminders</h1>
      <p>Training that expires in the next 90 days, or has already expired, soonest first.</p>
      {reminders.length ? (
        <ol class="cards">
          {reminders.map(({ entry, daysLeft }) => (
            <li class="card">
              <h2>
                <a href={`/passport/credentials/${entry.id}`}>{entry.name}</a>
              </h2>
              <p>
                <StatusTag status={entry.status} />{' '}
                <strong>
                  {daysLeft < 0
                    ? `Expired on ${day(entry.validUntil)}`
                    : daysLeft === 0
                      ? `Expires today (${day(entry.validUntil)})`
                      : `Expires on ${day(entry.validUntil)}, in ${daysLeft} ${daysLeft === 1 ? 'day' : 'days'}`}
                </strong>
              </p>
              <p class="small">
                {KIND_LABELS[entry.kind]} · issued by {entry.issuerName}
              </p>
              <p>
                {daysLeft < 0
                  ? 'Book a refresher with your employer or a training provider. When they issue the new certificate it replaces this one here.'
                  : 'Ask your employer or a training provider to book your refresher before this date.'}
              </p>
            </li>
          ))}
        </ol>
      ) : (
        <p class="notice">Nothing is due. All your training is in date for at least the next 90 days.</p>
      )}
    </Layout>
  );
}

// ---------------------------------------------------------------- claim links

const claimPath = (token: string) => `/claim?token=${token}`;

/** The claim link opened: sign in or create a passport first, or confirm adding the certificate. */
export function ClaimPage(p: { actor: Actor; token: string; claim: ClaimView }) {
  const { claim } = p;
  const next = encodeURIComponent(claimPath(p.token));
  const signedIn = p.actor.kind === 'user';
  const otherEmail = p.actor.kind === 'user' && p.actor.user.email !== claim.email;
  return (
    <Layout title="Add your certificate" actor={p.actor}>
      <h1>Add your certificate to your passport</h1>
      <p>
        <strong>{claim.issuerName}</strong> has issued you <strong>{claim.achievementName}</strong>.
      </p>
      {signedIn ? (
        <>
          {otherEmail ? (
            <p class="notice error">
              This certificate was sent to another email address ({maskEmail(claim.email)}). Only add it if it is yours.
            </p>
          ) : null}
          <form method="post" action="/claim" class="stack">
            <Csrf actor={p.actor} />
            <input type="hidden" name="token" value={p.token} />
            <button type="submit">Add to my passport</button>
          </form>
          <p class="small muted">The link works once. It expires on {day(claim.expiresAt)}.</p>
        </>
      ) : (
        <>
          <p>
            To keep it, sign in to your Care Passport, or create one. It is free. You will come straight back here
            afterwards.
          </p>
          <ul class="inline-list">
            <li>
              <a class="button" href={`/sign-up?next=${next}&email=${encodeURIComponent(claim.email)}`}>
                Create my passport
              </a>
            </li>
            <li>
              <a class="button secondary" href={`/sign-in?next=${next}`}>
                Sign in
              </a>
            </li>
          </ul>
          <p class="small muted">The link expires on {day(claim.expiresAt)}.</p>
        </>
      )}
    </Layout>
  );
}

/** Why a claim link does not work, in plain words. */
export function ClaimProblemPage(p: { actor: Actor; claim: ClaimView | null; malformed?: boolean }) {
  const { claim } = p;
  let title = 'This link does not work';
  let body: Child = (
    <p>
      We could not find this claim link. Check that you opened the whole link from your email, or ask the training
      provider to send it again.
    </p>
  );
  if (p.malformed) {
    body = (
      <p>
        The link is not complete. Open it again from your email; if your email split it over two lines, copy all of it.
      </p>
    );
  } else if (claim?.state === 'used') {
    title = 'This link has already been used';
    body = (
      <p>
        Each link works once. If you added the certificate yourself, it is in your passport. If not, ask{' '}
        {claim.issuerName} to send you a new link.
      </p>
    );
  } else if (claim?.state === 'expired') {
    title = 'This link has expired';
    body = (
      <p>
        The link stopped working on {day(claim.expiresAt)}. Ask {claim.issuerName} to send you a new one.
      </p>
    );
  } else if (claim?.state === 'revoked') {
    title = 'This certificate was withdrawn';
    body = (
      <p>
        {claim.issuerName} has revoked this certificate, so it cannot be added. Contact them if you think this is a
        mistake.
      </p>
    );
  }
  return (
    <Layout title={title} actor={p.actor}>
      <h1>{title}</h1>
      {body}
      <p>
        <a href={p.actor.kind === 'user' ? '/passport' : '/'}>
          {p.actor.kind === 'user' ? 'Go to my passport' : 'Go to the home page'}
        </a>
      </p>
    </Layout>
  );
}
