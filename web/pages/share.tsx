/** The page a share link (or its QR code) opens: who is sharing, each credential's result, and employer actions. */
import type { Actor } from '../../worker/context';
import type { CheckReport } from '../../worker/services/employer/candidate-checks';
import type { ShareOpenError } from '../../worker/services/passport/shares';
import { type Lang, type MessageKey, translator } from '../i18n/messages';
import { rich } from '../i18n/rich';
import { Layout } from '../layout';
import { CheckResults } from '../components/check-results';
import type { EmployerContext } from '../components/employer-actions';
import { EmployerTools } from './verify';

export interface SharePageProps {
  actor: Actor;
  report: CheckReport;
  share: { label: string | null; expiresAt: string };
  /** The share link itself, carried to the employer's role-fit and save forms. */
  link: string;
  employer?: EmployerContext | undefined;
  frameworkNames: Record<string, string>;
  lang?: Lang;
}

/** GET /s/:token. */
export function SharePage(p: SharePageProps) {
  const lang = p.lang ?? 'en';
  const t = translator(lang);
  const who = p.report.sharedBy ?? t('shared.someone');
  // Back to this share after signing in (a path on this site, which is all the sign-in page follows).
  const signIn = `/sign-in?next=${encodeURIComponent(new URL(p.link).pathname)}`;
  return (
    <Layout title={t('shared.title')} actor={p.actor} lang={lang}>
      <h1>{t('shared.heading', { who })}</h1>
      <p>
        {p.share.label ? <>“{p.share.label}” · </> : null}
        {t('shared.until', { date: p.share.expiresAt.slice(0, 10) })}
      </p>
      <CheckResults report={p.report} frameworkNames={p.frameworkNames} lang={lang} />
      {p.employer ? <EmployerTools employer={p.employer} input={p.link} lang={lang} /> : null}
      {p.employer || p.actor.kind === 'user' ? null : (
        <p class="small">
          {rich(lang, 'shared.hiring', {
            signIn: <a href={signIn}>{t('shared.signIn')}</a>,
          })}
        </p>
      )}
    </Layout>
  );
}

const PROBLEM = {
  not_found: { title: 'shared.notFoundTitle', text: 'shared.notFoundText' },
  expired: { title: 'shared.expiredTitle', text: 'shared.expiredText' },
  revoked: { title: 'shared.revokedTitle', text: 'shared.revokedText' },
} as const satisfies Record<ShareOpenError, { title: MessageKey; text: MessageKey }>;

/** A share that cannot be opened (404 unknown, 410 expired or withdrawn). */
export function ShareProblemPage({
  actor,
  reason,
  lang = 'en',
}: {
  actor: Actor;
  reason: ShareOpenError;
  lang?: Lang;
}) {
  const t = translator(lang);
  const m = PROBLEM[reason];
  return (
    <Layout title={t(m.title)} actor={actor} lang={lang}>
      <h1>{t(m.title)}</h1>
      <p role="alert">{t(m.text)}</p>
      <p>{rich(lang, 'shared.fileInstead', { link: <a href="/verify">{t('shared.fileLink')}</a> })}</p>
    </Layout>
  );
}
