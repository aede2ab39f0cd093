/** Sharing: choose certificates and how long, get a link and QR code (shown again while live), see who viewed, revoke. */
import type { Actor } from '../../worker/context';
import type { PassportEntry } from '../../worker/services/passport/passport';
import type { listShares } from '../../worker/services/passport/shares';
import type { listPassportAnswers } from '../../worker/services/passport/wallet-answers';
import type { listWalletIssuances } from '../../worker/services/wallets/offers';
import type { listWalletPresentations } from '../../worker/services/wallets/presentation-requests';
import { Qr } from '../components/qr';
import { type Lang, type Translate, translator } from '../i18n/messages';
import { rich } from '../i18n/rich';
import { Csrf, Layout } from '../layout';
import { chooseHint } from './share-hint';
import { describedBy, ErrorSummary, FieldNotes } from '../components/forms';
import type { FormState } from '../components/form-state';
import { StatusTag, day, when } from '../components/passport-status';

type UserActor = Extract<Actor, { kind: 'user' }>;
type ShareRow = Awaited<ReturnType<typeof listShares>>[number];
type WalletIssuance = Awaited<ReturnType<typeof listWalletIssuances>>[number];
type WalletPresentation = Awaited<ReturnType<typeof listWalletPresentations>>[number];
type PassportAnswer = Awaited<ReturnType<typeof listPassportAnswers>>[number];

/** Only credentials issued here can go in a share: the presentation is signed with the passport's own key. */
export const shareable = (e: PassportEntry) =>
  e.source === 'issued' && e.status !== 'revoked' && e.status !== 'suspended';

/** The share form: which certificates, for how long, and an optional label only the holder sees. */
function ShareForm(p: { actor: UserActor; options: PassportEntry[]; form: FormState; checked: string[]; lang: Lang }) {
  const t = translator(p.lang);
  const days = p.form.values.days ?? '30';
  const { errors } = p.form;
  const labelHint = t('share.labelHint');
  const chooseText = chooseHint(
    p.options.map((e) => e.id),
    p.checked,
    p.lang,
  );
  return (
    <form method="post" action="/passport/shares" class="stack" novalidate>
      <Csrf actor={p.actor} />
      <fieldset id="credentialIds" aria-describedby={describedBy('credentialIds', chooseText, errors.credentialIds)}>
        <legend>{t('share.which')}</legend>
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
              {e.name}{' '}
              <span class="small muted">
                ({t('share.choiceFrom', { issuer: e.issuerName, date: day(e.validFrom ?? e.issuedAt, '', p.lang) })})
              </span>
              {e.status !== 'valid' ? (
                <>
                  {' '}
                  <StatusTag status={e.status} lang={p.lang} />
                </>
              ) : null}
            </label>
          </div>
        ))}
      </fieldset>
      <fieldset id="days" aria-describedby={describedBy('days', undefined, errors.days)}>
        <legend>{t('share.howLong')}</legend>
        <FieldNotes id="days" error={errors.days} />
        {(['7', '30', '90'] as const).map((d) => (
          <div class="check">
            <label for={`days-${d}`}>
              <input type="radio" id={`days-${d}`} name="days" value={d} checked={days === d} />{' '}
              {t('share.days', { days: d })}
            </label>
          </div>
        ))}
      </fieldset>
      <div class="field">
        <label for="label">{t('share.labelLabel')}</label>
        <FieldNotes id="label" hint={labelHint} error={errors.label} />
        <input
          type="text"
          id="label"
          name="label"
          maxlength={80}
          value={p.form.values.label ?? ''}
          aria-invalid={errors.label ? 'true' : undefined}
          aria-describedby={describedBy('label', labelHint, errors.label)}
        />
      </div>
      <button type="submit">{t('share.create')}</button>
    </form>
  );
}

/** Certificates that cannot go in a share, each with the reason. */
function NotShareable({ entries, t }: { entries: PassportEntry[]; t: Translate }) {
  if (!entries.length) return null;
  return (
    <>
      <h2>{t('share.notListed')}</h2>
      <ul>
        {entries.map((e) => (
          <li>
            {e.source === 'imported'
              ? t('share.notListedImported', { name: e.name })
              : t('share.notListedWithdrawn', { name: e.name })}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Choosing what to share with an employer and for how long. */
export function ShareFormPage(p: {
  actor: UserActor;
  entries: PassportEntry[];
  form: FormState;
  checked: string[];
  lang?: Lang;
}) {
  const lang = p.lang ?? 'en';
  const t = translator(lang);
  const options = p.entries.filter(shareable);
  return (
    <Layout title={t('share.formTitle')} actor={p.actor} lang={lang}>
      <p>
        <a href="/passport">{t('common.backToPassport')}</a>
      </p>
      <h1>{t('share.formTitle')}</h1>
      <p>{t('share.formIntro')}</p>
      <ErrorSummary errors={p.form.errors} lang={lang} />
      {options.length ? (
        <ShareForm actor={p.actor} options={options} form={p.form} checked={p.checked} lang={lang} />
      ) : (
        <p class="notice">{t('share.none')}</p>
      )}
      <NotShareable entries={p.entries.filter((e) => !shareable(e))} t={t} />
    </Layout>
  );
}

interface ShareLinkProps {
  actor: UserActor;
  url: string;
  share: { id: string; expiresAt: string; label: string | null };
  names: string[];
  lang?: Lang;
}

/** The link, its copy button and QR code, what it shares and until when, and the button that stops it. */
function ShareLinkDetails(p: ShareLinkProps & { lang: Lang }) {
  const t = translator(p.lang);
  return (
    <>
      <div class="field">
        <label for="share-link">{t('share.link')}</label>
        <input type="text" id="share-link" value={p.url} readonly />
      </div>
      <button type="button" data-copy="share-link">
        {t('share.copy')}
      </button>
      <p>{t('share.scan')}</p>
      <Qr text={p.url} label={t('share.qrLabel')} />
      <dl class="facts">
        {p.share.label ? (
          <>
            <dt>{t('share.for')}</dt>
            <dd>{p.share.label}</dd>
          </>
        ) : null}
        <dt>{t('share.worksUntil')}</dt>
        <dd>{day(p.share.expiresAt, '', p.lang)}</dd>
        <dt>{t('share.certificates')}</dt>
        <dd>
          <ul>
            {p.names.map((n) => (
              <li>{n}</li>
            ))}
          </ul>
        </dd>
      </dl>
      <form method="post" action={`/passport/shares/${p.share.id}/revoke`} data-confirm={t('share.stopConfirm')}>
        <Csrf actor={p.actor} />
        <button type="submit" class="danger">
          {t('share.stopRevoke')}
        </button>
      </form>
      <p>
        <a href="/passport/shares">{t('share.seeAll')}</a>
      </p>
    </>
  );
}

/** Shown right after a share is made. */
export function ShareCreatedPage(p: ShareLinkProps) {
  const lang = p.lang ?? 'en';
  const t = translator(lang);
  return (
    <Layout title={t('share.readyTitle')} actor={p.actor} lang={lang}>
      <h1>{t('share.readyTitle')}</h1>
      <p class="notice" role="status">
        {rich(lang, 'share.readyNotice', { link: <a href="/passport/shares">{t('share.listTitle')}</a> })}
      </p>
      <ShareLinkDetails {...p} lang={lang} />
    </Layout>
  );
}

/** A live share's link and QR code shown again to its owner (or why it cannot be). */
export function ShareLinkPage(p: Omit<ShareLinkProps, 'url'> & { url: string | null; share: { createdAt: string } }) {
  const lang = p.lang ?? 'en';
  const t = translator(lang);
  const title = p.share.label ?? t('share.sharedOn', { date: day(p.share.createdAt, '', lang) });
  return (
    <Layout title={title} actor={p.actor} lang={lang}>
      <p>
        <a href="/passport/shares">{t('share.backToList')}</a>
      </p>
      <h1>{title}</h1>
      {p.url ? (
        <ShareLinkDetails actor={p.actor} url={p.url} share={p.share} names={p.names} lang={lang} />
      ) : (
        <p class="notice">
          {t('share.shownOnce')} <a href="/passport/share">{t('share.makeNew')}</a>.
        </p>
      )}
    </Layout>
  );
}

function shareState(s: ShareRow, now: Date, t: Translate, lang: Lang): { text: string; cls: string; active: boolean } {
  if (s.revokedAt)
    return { text: t('share.stoppedOn', { date: day(s.revokedAt, '', lang) }), cls: 'bad', active: false };
  if (s.expiresAt <= now.toISOString())
    return { text: t('share.expiredOn', { date: day(s.expiresAt, '', lang) }), cls: 'warn', active: false };
  return { text: t('share.activeUntil', { date: day(s.expiresAt, '', lang) }), cls: 'ok', active: true };
}

/** Who opened or checked one share, newest first. */
function ShareViews({ s, lang }: { s: ShareRow; lang: Lang }) {
  const t = translator(lang);
  if (!s.views.length) return <p class="small muted">{t('share.noViews')}</p>;
  return (
    <ul class="small">
      {s.views.map((v) => (
        <li>
          {rich(lang, v.kind === 'opened' ? 'share.viewOpened' : 'share.viewVerified', {
            when: when(v.at, lang),
            who: v.by ? <strong>{v.by}</strong> : t('share.anonymousViewer'),
          })}
        </li>
      ))}
    </ul>
  );
}

/** One share in the list: its state, what it shares, who viewed it, and what the owner can do with it. */
function ShareCard(p: { actor: UserActor; s: ShareRow; names: Map<string, string>; now: Date; lang: Lang }) {
  const { s, lang } = p;
  const t = translator(lang);
  const st = shareState(s, p.now, t, lang);
  const headingId = `share-${s.id}`;
  const count = s.credentialIds.length;
  return (
    <li class="card">
      <h2 id={headingId}>{s.label ?? t('share.sharedOn', { date: day(s.createdAt, '', lang) })}</h2>
      <p>
        <span class={`tag ${st.cls}`}>{st.text}</span>
      </p>
      <p class="small">
        {count === 1 ? t('share.countOne') : t('share.countMany', { count })}:{' '}
        {s.credentialIds.map((id) => p.names.get(id) ?? t('share.goneCertificate')).join(', ')}
      </p>
      <h3>{t('share.whoViewed')}</h3>
      <ShareViews s={s} lang={lang} />
      {st.active && s.linkKept ? (
        <p>
          <a href={`/passport/shares/${s.id}/link`} aria-describedby={headingId}>
            {t('share.showAgain')}
          </a>
        </p>
      ) : null}
      {st.active && !s.linkKept ? <p class="small muted">{t('share.shownOnce')}</p> : null}
      {st.active ? (
        <form method="post" action={`/passport/shares/${s.id}/revoke`} data-confirm={t('share.stopConfirm')}>
          <Csrf actor={p.actor} />
          <button type="submit" class="danger" aria-describedby={headingId}>
            {t('share.stop')}
          </button>
        </form>
      ) : null}
    </li>
  );
}

/** GET /passport/shares: every share link the worker made, newest first. */
export function SharesPage(p: {
  actor: UserActor;
  shares: ShareRow[];
  names: Map<string, string>;
  wallets: WalletIssuance[];
  /** Answers her wallet apps gave to employers' requests for proof. */
  presented: WalletPresentation[];
  /** Requests for proof she answered from the passport itself. */
  answered?: PassportAnswer[];
  now: Date;
  notice?: string | undefined;
  lang?: Lang;
}) {
  const lang = p.lang ?? 'en';
  const t = translator(lang);
  return (
    <Layout title={t('share.listTitle')} actor={p.actor} notice={p.notice} lang={lang}>
      <p>
        <a href="/passport">{t('common.backToPassport')}</a>
      </p>
      <h1>{t('share.listTitle')}</h1>
      <p>
        <a class="button" href="/passport/share">
          {t('share.createNew')}
        </a>
      </p>
      {p.shares.length ? (
        <ul class="cards">
          {p.shares.map((s) => (
            <ShareCard actor={p.actor} s={s} names={p.names} now={p.now} lang={lang} />
          ))}
        </ul>
      ) : (
        <p>{t('share.noShares')}</p>
      )}
      <p class="small muted">{t('share.keptNote')}</p>
      <WalletCopies wallets={p.wallets} lang={lang} />
      <WalletAnswers presented={p.presented} lang={lang} />
      <PassportAnswers answered={p.answered ?? []} lang={lang} />
    </Layout>
  );
}

/** A wallet identifier short enough for a phone screen. */
const shortDid = (did: string | null) => (did && did.length > 60 ? `${did.slice(0, 40)}…` : did);

/** Where certificates went besides share links: each copy put into a wallet app, with the wallet's identifier. */
function WalletCopies({ wallets, lang }: { wallets: WalletIssuance[]; lang: Lang }) {
  const t = translator(lang);
  return (
    <>
      <h2 id="wallets">{t('walletHistory.copiesTitle')}</h2>
      {wallets.length ? (
        <ul class="small">
          {wallets.map((w) => (
            <li>
              {rich(lang, 'walletHistory.copy', {
                when: when(w.issuedAt ?? '', lang),
                name: <strong>{w.name}</strong>,
                issuer: w.issuerName,
                did: <code>{shortDid(w.holderDid)}</code>,
              })}
            </li>
          ))}
        </ul>
      ) : (
        <p class="small muted">{t('walletHistory.noCopies')}</p>
      )}
    </>
  );
}

/** Which employers a wallet app holding her certificates answered, and whether what it sent checked out. */
function WalletAnswers({ presented, lang }: { presented: WalletPresentation[]; lang: Lang }) {
  if (!presented.length) return null;
  return (
    <>
      <h2 id="wallet-answers">{translator(lang)('walletHistory.shownTitle')}</h2>
      <ul class="small">
        {presented.map((w) => (
          <li>
            {rich(lang, w.status === 'verified' ? 'walletHistory.shownVerified' : 'walletHistory.shownNotVerified', {
              when: when(w.at ?? '', lang),
              employer: <strong>{w.employerName}</strong>,
            })}
          </li>
        ))}
      </ul>
    </>
  );
}

/** How one answer from the passport reads: how many certificates went, and whether the verifier accepted them. */
function answerKey(a: PassportAnswer) {
  if (a.count === 1) return a.accepted ? 'walletHistory.sentOneAccepted' : 'walletHistory.sentOneRefused';
  return a.accepted ? 'walletHistory.sentManyAccepted' : 'walletHistory.sentManyRefused';
}

/** Requests for proof she answered from her passport: to whom, how many certificates, and whether it was accepted. */
function PassportAnswers({ answered, lang }: { answered: PassportAnswer[]; lang: Lang }) {
  if (!answered.length) return null;
  return (
    <div lang={lang}>
      <h2 id="answers">{translator(lang)('walletHistory.answersTitle')}</h2>
      <ul class="small">
        {answered.map((a) => (
          <li>
            {rich(lang, answerKey(a), {
              when: when(a.at, lang),
              count: a.count,
              verifier: <strong>{a.verifier}</strong>,
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}
