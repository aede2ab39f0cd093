/** Sharing: choose certificates and how long, get a link and QR code (shown once), see who viewed, revoke. */
import type { Actor } from '../../worker/context';
import type { PassportEntry } from '../../worker/services/passport/passport';
import type { listShares } from '../../worker/services/passport/shares';
import type { listWalletIssuances } from '../../worker/services/wallets/offers';
import type { listWalletPresentations } from '../../worker/services/wallets/presentation-requests';
import { Qr } from '../components/qr';
import { Csrf, Layout } from '../layout';
import { chooseHint } from './share-hint';
import { describedBy, ErrorSummary, FieldNotes } from '../components/forms';
import type { FormState } from '../components/form-state';
import { StatusTag, day, when } from '../components/passport-status';

type UserActor = Extract<Actor, { kind: 'user' }>;
type ShareRow = Awaited<ReturnType<typeof listShares>>[number];
type WalletIssuance = Awaited<ReturnType<typeof listWalletIssuances>>[number];
type WalletPresentation = Awaited<ReturnType<typeof listWalletPresentations>>[number];

const LABEL_HINT = 'Only you see this, for example "Sunrise Care Homes interview".';

/** Only credentials issued here can go in a share: the presentation is signed with the passport's own key. */
export const shareable = (e: PassportEntry) =>
  e.source === 'issued' && e.status !== 'revoked' && e.status !== 'suspended';

/** The share form: which certificates, for how long, and an optional label only the holder sees. */
function ShareForm(p: { actor: UserActor; options: PassportEntry[]; form: FormState; checked: string[] }) {
  const days = p.form.values.days ?? '30';
  const { errors } = p.form;
  const chooseText = chooseHint(
    p.options.map((e) => e.id),
    p.checked,
  );
  return (
    <form method="post" action="/passport/shares" class="stack" novalidate>
      <Csrf actor={p.actor} />
      <fieldset id="credentialIds" aria-describedby={describedBy('credentialIds', chooseText, errors.credentialIds)}>
        <legend>Which certificates?</legend>
        <FieldNotes id="credentialIds" hint={chooseText} error={errors.credentialIds} />
        {p.options.map((e) => (
          <div class="check">
            <label for={`c-${e.id}`}>
              <input
                type="checkbox"
                id={`c-${e.id}`}
                name="credentialIds"
                value={e.id}
                checked={p.checked.includes(e.id)}
              />{' '}
              {e.name} <span class="small muted">({e.issuerName})</span>
              {e.status !== 'valid' ? (
                <>
                  {' '}
                  <StatusTag status={e.status} />
                </>
              ) : null}
            </label>
          </div>
        ))}
      </fieldset>
      <fieldset id="days" aria-describedby={describedBy('days', undefined, errors.days)}>
        <legend>How long should the link work?</legend>
        <FieldNotes id="days" error={errors.days} />
        {(['7', '30', '90'] as const).map((d) => (
          <div class="check">
            <label for={`days-${d}`}>
              <input type="radio" id={`days-${d}`} name="days" value={d} checked={days === d} /> {d} days
            </label>
          </div>
        ))}
      </fieldset>
      <div class="field">
        <label for="label">Who is it for? (optional)</label>
        <FieldNotes id="label" hint={LABEL_HINT} error={errors.label} />
        <input
          type="text"
          id="label"
          name="label"
          maxlength={80}
          value={p.form.values.label ?? ''}
          aria-invalid={errors.label ? 'true' : undefined}
          aria-describedby={describedBy('label', LABEL_HINT, errors.label)}
        />
      </div>
      <button type="submit">Create share link</button>
    </form>
  );
}

/** Certificates that cannot go in a share, each with the reason. */
function NotShareable({ entries }: { entries: PassportEntry[] }) {
  if (!entries.length) return null;
  return (
    <>
      <h2>Not in the list</h2>
      <ul>
        {entries.map((e) => (
          <li>
            {e.name}:{' '}
            {e.source === 'imported'
              ? 'added by you from elsewhere. Download it from its page and send the file instead.'
              : 'withdrawn by the issuer, so it cannot be shared.'}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Choosing what to share with an employer and for how long. */
export function ShareFormPage(p: { actor: UserActor; entries: PassportEntry[]; form: FormState; checked: string[] }) {
  const options = p.entries.filter(shareable);
  return (
    <Layout title="Share with an employer" actor={p.actor}>
      <p>
        <a href="/passport">Back to my passport</a>
      </p>
      <h1>Share with an employer</h1>
      <p>
        You get a link and a QR code. Whoever has the link can see and check the certificates you choose, until it
        expires or you stop it. You can see each time it is opened.
      </p>
      <ErrorSummary errors={p.form.errors} />
      {options.length ? (
        <ShareForm actor={p.actor} options={options} form={p.form} checked={p.checked} />
      ) : (
        <p class="notice">You have no certificates issued through Care Passport to share yet.</p>
      )}
      <NotShareable entries={p.entries.filter((e) => !shareable(e))} />
    </Layout>
  );
}

export function ShareCreatedPage(p: {
  actor: UserActor;
  url: string;
  share: { id: string; expiresAt: string; label: string | null };
  names: string[];
}) {
  return (
    <Layout title="Your share link is ready" actor={p.actor}>
      <h1>Your share link is ready</h1>
      <p class="notice error" role="status">
        <strong>Copy it now.</strong> For your security we show this link only once. If you lose it, make a new one.
      </p>
      <div class="field">
        <label for="share-link">Share link</label>
        <input type="text" id="share-link" value={p.url} readonly />
      </div>
      <button type="button" data-copy="share-link">
        Copy link
      </button>
      <p>Or let the employer scan this code with their phone camera:</p>
      <Qr text={p.url} label="QR code of your share link" />
      <dl class="facts">
        {p.share.label ? (
          <>
            <dt>For</dt>
            <dd>{p.share.label}</dd>
          </>
        ) : null}
        <dt>Works until</dt>
        <dd>{day(p.share.expiresAt)}</dd>
        <dt>Certificates</dt>
        <dd>
          <ul>
            {p.names.map((n) => (
              <li>{n}</li>
            ))}
          </ul>
        </dd>
      </dl>
      <form method="post" action={`/passport/shares/${p.share.id}/revoke`} data-confirm="Stop this link working now?">
        <Csrf actor={p.actor} />
        <button type="submit" class="danger">
          Stop sharing (revoke the link)
        </button>
      </form>
      <p>
        <a href="/passport/shares">See all my share links and who viewed them</a>
      </p>
    </Layout>
  );
}

function shareState(s: ShareRow, now: Date): { text: string; cls: string; active: boolean } {
  if (s.revokedAt) return { text: `Stopped on ${day(s.revokedAt)}`, cls: 'bad', active: false };
  if (s.expiresAt <= now.toISOString()) return { text: `Expired on ${day(s.expiresAt)}`, cls: 'warn', active: false };
  return { text: `Active until ${day(s.expiresAt)}`, cls: 'ok', active: true };
}

const VIEW_TEXT = { opened: 'opened the link', verified: 'checked the certificates' } as const;

export function SharesPage(p: {
  actor: UserActor;
  shares: ShareRow[];
  names: Map<string, string>;
  wallets: WalletIssuance[];
  /** Answers her wallet apps gave to employers' requests for proof. */
  presented: WalletPresentation[];
  now: Date;
  notice?: string | undefined;
}) {
  return (
    <Layout title="My share links" actor={p.actor} notice={p.notice}>
      <p>
        <a href="/passport">Back to my passport</a>
      </p>
      <h1>My share links</h1>
      <p>
        <a class="button" href="/passport/share">
          Create a new share link
        </a>
      </p>
      {p.shares.length ? (
        <ul class="cards">
          {p.shares.map((s) => {
            const st = shareState(s, p.now);
            const headingId = `share-${s.id}`;
            return (
              <li class="card">
                <h2 id={headingId}>{s.label ?? `Shared on ${day(s.createdAt)}`}</h2>
                <p>
                  <span class={`tag ${st.cls}`}>{st.text}</span>
                </p>
                <p class="small">
                  {s.credentialIds.length === 1 ? '1 certificate' : `${s.credentialIds.length} certificates`}:{' '}
                  {s.credentialIds
                    .map((id) => p.names.get(id) ?? 'a certificate no longer in your passport')
                    .join(', ')}
                </p>
                <h3>Who viewed</h3>
                {s.views.length ? (
                  <ul class="small">
                    {s.views.map((v) => (
                      <li>
                        {when(v.at)}: {v.by ? <strong>{v.by}</strong> : 'someone who was not signed in'}{' '}
                        {VIEW_TEXT[v.kind]}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p class="small muted">Nobody has opened this link yet.</p>
                )}
                {st.active ? (
                  <form
                    method="post"
                    action={`/passport/shares/${s.id}/revoke`}
                    data-confirm="Stop this link working now?"
                  >
                    <Csrf actor={p.actor} />
                    <button type="submit" class="danger" aria-describedby={headingId}>
                      Stop sharing
                    </button>
                  </form>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : (
        <p>You have not shared your passport yet.</p>
      )}
      <p class="small muted">
        The link itself is shown only when you create it: we keep a scrambled copy, so nobody here can read it back.
      </p>
      <WalletCopies wallets={p.wallets} />
      <WalletAnswers presented={p.presented} />
    </Layout>
  );
}

/** Where certificates went besides share links: each copy put into a wallet app, with the wallet's identifier. */
function WalletCopies({ wallets }: { wallets: WalletIssuance[] }) {
  return (
    <>
      <h2 id="wallets">Copies in wallet apps</h2>
      {wallets.length ? (
        <ul class="small">
          {wallets.map((w) => (
            <li>
              {when(w.issuedAt ?? '')}: <strong>{w.name}</strong> ({w.issuerName}) went into a wallet app with the
              identifier{' '}
              <code>{w.holderDid && w.holderDid.length > 60 ? `${w.holderDid.slice(0, 40)}…` : w.holderDid}</code>
            </li>
          ))}
        </ul>
      ) : (
        <p class="small muted">You have not put any certificate into a wallet app.</p>
      )}
    </>
  );
}

/** Which employers a wallet app holding her certificates answered, and whether what it sent checked out. */
function WalletAnswers({ presented }: { presented: WalletPresentation[] }) {
  if (!presented.length) return null;
  return (
    <>
      <h2 id="wallet-answers">Shown from a wallet app</h2>
      <ul class="small">
        {presented.map((w) => (
          <li>
            {when(w.at ?? '')}: your wallet app sent proof to <strong>{w.employerName}</strong>
            {w.status === 'verified' ? ', which checked out' : ', which did not check out'}
          </li>
        ))}
      </ul>
    </>
  );
}
