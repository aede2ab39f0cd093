/** The care worker's passport: every certificate grouped by kind, one certificate in full, refresher reminders. */
import type { Actor } from '../../worker/context';
import type { CredentialResult } from '../../worker/credentials/verify';
import type { PassportCredential, PassportEntry, Reminder } from '../../worker/services/passport/passport';
import { groupEntries } from '../../worker/services/passport/passport';
import type { WaitingClaim } from '../../worker/services/passport/claims';
import { StatusTag, day } from '../components/passport-status';
import { WaitingClaims } from './passport-waiting';
import { VerificationResult } from '../components/verification';
import { type Lang, type Translate, t as message, translator } from '../i18n/messages';
import { rich } from '../i18n/rich';
import { Csrf, Layout } from '../layout';

type UserActor = Extract<Actor, { kind: 'user' }>;

/** Kept for the pathway page, which still imports the day format from here. */
export { day };

/** Whether the issuer is in our trust registry, in words. */
export function IssuerTag({ recognised, lang = 'en' }: { recognised: boolean; lang?: Lang }) {
  return recognised ? (
    <span class="tag ok">{message(lang, 'passport.issuerRecognised')}</span>
  ) : (
    <span class="tag warn">{message(lang, 'passport.issuerNotRecognised')}</span>
  );
}

const NOTICES = {
  claimed: 'passport.noticeClaimed',
  already: 'passport.noticeAlready',
  imported: 'passport.noticeImported',
  removed: 'passport.noticeRemoved',
} as const;

/** The notice for a `?notice=` value, if it is one of ours, in the page's language. */
export const passportNotice = (key: string | undefined, lang: Lang = 'en') =>
  key && Object.hasOwn(NOTICES, key) ? message(lang, NOTICES[key as keyof typeof NOTICES]) : undefined;

function EntryCard({ e, lang }: { e: PassportEntry; lang: Lang }) {
  const t = translator(lang);
  return (
    <li class="card">
      <h3>
        <a href={`/passport/credentials/${e.id}`}>{e.name}</a>
      </h3>
      <p>
        <StatusTag status={e.status} lang={lang} />
        {e.source === 'imported' ? <span class="tag">{t('passport.addedByYou')}</span> : null}
      </p>
      <dl class="facts">
        <dt>{t('passport.issuedBy')}</dt>
        <dd>
          {e.issuerName} <IssuerTag recognised={e.recognised} lang={lang} />
        </dd>
        <dt>{e.source === 'imported' ? t('passport.validFrom') : t('passport.completed')}</dt>
        <dd>{day(e.validFrom, t('common.notStated'), lang)}</dd>
        <dt>{e.status === 'expired' ? t('passport.expiredOn') : t('passport.expires')}</dt>
        <dd>{day(e.validUntil, t('common.noExpiry'), lang)}</dd>
      </dl>
    </li>
  );
}

/**
 * The passport's main actions: share, see the career pathway, add a certificate from elsewhere, answer a request for
 * proof, take a wallet offer.
 */
function PassportNav({ t }: { t: Translate }) {
  return (
    <nav aria-label={t('passport.navLabel')}>
      <ul class="inline-list">
        <li>
          <a class="button" href="/passport/share">
            {t('passport.share')}
          </a>
        </li>
        <li>
          <a class="button secondary" href="/passport/pathway">
            {t('passport.pathway')}
          </a>
        </li>
        <li>
          <a class="button secondary" href="/passport/import">
            {t('passport.import')}
          </a>
        </li>
        <li>
          <a class="button secondary" href="/passport/answer-request">
            {t('passport.answerRequest')}
          </a>
        </li>
        <li>
          <a class="button secondary" href="/passport/wallet-offer">
            {t('passport.takeOffer')}
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
  lang?: Lang;
}) {
  const lang = p.lang ?? 'en';
  const t = translator(lang);
  const groups = groupEntries(p.entries);
  const count = p.entries.length;
  return (
    <Layout title={t('passport.title')} actor={p.actor} notice={p.notice} lang={lang}>
      <h1>{t('passport.title')}</h1>
      <p>
        {count === 1 ? t('passport.countOne') : t('passport.countMany', { count })} {t('passport.signedNote')}
      </p>
      {p.reminders ? (
        <p class="notice error">
          <a href="/passport/reminders">
            {p.reminders === 1 ? t('passport.remindersOne') : t('passport.remindersMany', { count: p.reminders })}
          </a>
        </p>
      ) : null}
      <WaitingClaims actor={p.actor} items={p.waiting ?? []} lang={lang} />
      <PassportNav t={t} />
      {groups.length ? (
        groups.map((g) => (
          <section aria-labelledby={`group-${g.kind}`}>
            <h2 id={`group-${g.kind}`}>
              {t(`kind.${g.kind}`)} <span class="muted small">({g.entries.length})</span>
            </h2>
            <ul class="cards">
              {g.entries.map((e) => (
                <EntryCard e={e} lang={lang} />
              ))}
            </ul>
          </section>
        ))
      ) : (
        <section aria-labelledby="empty-title" class="card">
          <h2 id="empty-title">{t('passport.emptyTitle')}</h2>
          <p>
            {rich(lang, 'passport.emptyBody', {
              link: <a href="/passport/import">{t('passport.emptyLink')}</a>,
            })}
          </p>
        </section>
      )}
      <MoreLinks t={t} lang={lang} />
    </Layout>
  );
}

/** Everything else a worker can do with the passport. */
function MoreLinks({ t, lang }: { t: Translate; lang: Lang }) {
  return (
    <>
      <h2>{t('passport.more')}</h2>
      <ul>
        <li>
          <a href="/passport/shares">{t('passport.moreShares')}</a>
        </li>
        <li>
          <a href="/passport/reminders">{t('passport.moreReminders')}</a>
        </li>
        <li>
          {rich(lang, 'passport.moreExport', {
            file: <a href="/passport/export">{t('passport.moreExportFile')}</a>,
            summary: <a href="/passport/export/summary.txt">{t('passport.moreExportSummary')}</a>,
          })}
        </li>
        <li>
          <a href="/passport/print">{t('passport.morePrint')}</a>
        </li>
        <li>
          <a href="/account/delete">{t('passport.moreDelete')}</a>
        </li>
      </ul>
    </>
  );
}

const fmtSubject = (s: string | null, notStated: string) =>
  s ? (s.length > 60 ? `${s.slice(0, 40)}…${s.slice(-12)}` : s) : notStated;

type CredentialPageProps = {
  actor: UserActor;
  cred: PassportCredential;
  result: CredentialResult;
  subject: string | null;
  holderDid: string | null;
  kindLabel: string;
  notice?: string | undefined;
  lang?: Lang;
};

/** Who issued a certificate, when it is valid, and whether it is about this holder. */
function CredentialFacts(p: CredentialPageProps & { lang: Lang }) {
  const { cred, lang } = p;
  const t = translator(lang);
  const issuer = cred.source === 'issued' ? cred.issuerName : cred.row.issuer;
  const mine = p.subject !== null && p.subject === p.holderDid;
  return (
    <dl class="facts">
      <dt>{t('passport.issuedBy')}</dt>
      <dd>
        {issuer} <IssuerTag recognised={cred.recognised} lang={lang} />
      </dd>
      <dt>{t('passport.validFrom')}</dt>
      <dd>{day(cred.row.validFrom, t('common.notStated'), lang)}</dd>
      <dt>{t('passport.expires')}</dt>
      <dd>{day(cred.row.validUntil, t('common.noExpiry'), lang)}</dd>
      <dt>{cred.source === 'issued' ? t('passport.issuedOn') : t('passport.addedOn')}</dt>
      <dd>{day(cred.source === 'issued' ? cred.row.issuedAt : cred.row.importedAt, '', lang)}</dd>
      <dt>{t('passport.about')}</dt>
      <dd>
        {mine ? (
          t('passport.aboutYou')
        ) : (
          <>
            <code class="small">{fmtSubject(p.subject, t('common.notStated'))}</code>
            <div class="small muted">{t('passport.aboutOther')}</div>
          </>
        )}
      </dd>
    </dl>
  );
}

/** Sharing (issued, not renewed certificates only) and downloading the signed certificate. */
function CredentialUse({ cred, t, actor }: { cred: PassportCredential; t: Translate; actor: UserActor }) {
  return (
    <>
      <h2>{t('cert.useIt')}</h2>
      <ul class="inline-list">
        {cred.source === 'issued' && !cred.row.replacedById ? (
          <li>
            <a class="button" href={`/passport/share?credential=${cred.row.id}`}>
              {t('cert.share')}
            </a>
          </li>
        ) : null}
        {cred.source === 'issued' && cred.status !== 'revoked' && cred.status !== 'suspended' ? (
          <li>
            <form method="post" action={`/passport/credentials/${cred.row.id}/wallet-offer`}>
              <Csrf actor={actor} />
              <button type="submit" class="secondary">
                {t('cert.addToWallet')}
              </button>
            </form>
          </li>
        ) : null}
        <li>
          <a class="button secondary" href={`/passport/credentials/${cred.row.id}/download`}>
            {t('cert.download')}
          </a>
        </li>
      </ul>
      <p class="small muted">{t('cert.downloadNote')}</p>
    </>
  );
}

/** One certificate in full: status, renewal and issuer's reason, facts, sharing, a fresh check, removal if imported. */
export function CredentialPage(p: CredentialPageProps) {
  const { cred } = p;
  const lang = p.lang ?? 'en';
  const t = translator(lang);
  const name = cred.source === 'issued' ? cred.name : cred.row.name;
  return (
    <Layout title={name} actor={p.actor} notice={p.notice} lang={lang}>
      <p>
        <a href="/passport">{t('common.backToPassport')}</a>
      </p>
      <h1>{name}</h1>
      <p>
        <StatusTag status={cred.status} lang={lang} /> <span class="tag">{p.kindLabel}</span>
        {cred.source === 'imported' ? <span class="tag">{t('passport.addedByYou')}</span> : null}
      </p>
      {cred.source === 'issued' && cred.row.replacedById ? (
        <p class="notice">
          {rich(lang, 'cert.renewed', {
            link: <a href={`/passport/credentials/${cred.row.replacedById}`}>{t('cert.renewedLink')}</a>,
          })}
        </p>
      ) : null}
      {cred.source === 'issued' && cred.row.statusReason && cred.status !== 'valid' ? (
        <p>{t('cert.reason', { reason: cred.row.statusReason })}</p>
      ) : null}
      <CredentialFacts {...p} lang={lang} />
      <CredentialUse cred={cred} t={t} actor={p.actor} />
      <h2>{t('cert.checkedNow')}</h2>
      <VerificationResult result={p.result} heading="h3" lang={lang} />
      {cred.source === 'imported' ? (
        <form
          method="post"
          action={`/passport/credentials/${cred.row.id}/remove`}
          data-confirm={t('cert.removeConfirm')}
        >
          <Csrf actor={p.actor} />
          <button type="submit" class="secondary">
            {t('cert.remove')}
          </button>
        </form>
      ) : null}
    </Layout>
  );
}

/** When a reminder's training expires (or expired), in words. */
function dueText(t: Translate, lang: Lang, { entry, daysLeft }: Reminder): string {
  const date = day(entry.validUntil, '', lang);
  if (daysLeft < 0) return t('reminders.expiredOn', { date });
  if (daysLeft === 0) return t('reminders.expiresToday', { date });
  return daysLeft === 1
    ? t('reminders.expiresInOne', { date })
    : t('reminders.expiresInMany', { date, days: daysLeft });
}

/** GET /passport/reminders: training that expires within 90 days or has expired, soonest first. */
export function RemindersPage({
  actor,
  reminders,
  lang = 'en',
}: {
  actor: UserActor;
  reminders: Reminder[];
  lang?: Lang;
}) {
  const t = translator(lang);
  return (
    <Layout title={t('reminders.title')} actor={actor} lang={lang}>
      <p>
        <a href="/passport">{t('common.backToPassport')}</a>
      </p>
      <h1>{t('reminders.title')}</h1>
      <p>{t('reminders.intro')}</p>
      {reminders.length ? (
        <ol class="cards">
          {reminders.map((r) => (
            <li class="card">
              <h2>
                <a href={`/passport/credentials/${r.entry.id}`}>{r.entry.name}</a>
              </h2>
              <p>
                <StatusTag status={r.entry.status} lang={lang} /> <strong>{dueText(t, lang, r)}</strong>
              </p>
              <p class="small">
                {t('reminders.kindIssuer', { kind: t(`kind.${r.entry.kind}`), issuer: r.entry.issuerName })}
              </p>
              <p>{r.daysLeft < 0 ? t('reminders.adviceExpired') : t('reminders.adviceSoon')}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p class="notice">{t('reminders.none')}</p>
      )}
    </Layout>
  );
}
