/** Claim links: the page a learner's emailed link opens, and why a link does not work, in plain words. */
import type { Child } from 'hono/jsx';
import type { Actor } from '../../worker/context';
import { type ClaimView, maskEmail } from '../../worker/services/passport/claims';
import { day } from '../components/passport-status';
import { type Lang, translator } from '../i18n/messages';
import { rich } from '../i18n/rich';
import { Csrf, Layout } from '../layout';

const claimPath = (token: string) => `/claim?token=${token}`;

/** The claim link opened: sign in or create a passport first, or confirm adding the certificate. */
export function ClaimPage(p: { actor: Actor; token: string; claim: ClaimView; lang?: Lang }) {
  const { claim } = p;
  const lang = p.lang ?? 'en';
  const t = translator(lang);
  const next = encodeURIComponent(claimPath(p.token));
  const signedIn = p.actor.kind === 'user';
  const otherEmail = p.actor.kind === 'user' && p.actor.user.email !== claim.email;
  const expires = day(claim.expiresAt, '', lang);
  return (
    <Layout title={t('claim.title')} actor={p.actor} lang={lang}>
      <h1>{t('claim.heading')}</h1>
      <p>
        {rich(lang, 'claim.issued', {
          issuer: <strong>{claim.issuerName}</strong>,
          achievement: <strong>{claim.achievementName}</strong>,
        })}
      </p>
      {signedIn ? (
        <>
          {otherEmail ? <p class="notice error">{t('claim.otherEmail', { email: maskEmail(claim.email) })}</p> : null}
          <form method="post" action="/claim" class="stack">
            <Csrf actor={p.actor} />
            <input type="hidden" name="token" value={p.token} />
            <button type="submit">{t('claim.add')}</button>
          </form>
          <p class="small muted">{t('claim.onceExpires', { date: expires })}</p>
        </>
      ) : (
        <>
          <p>{t('claim.keepIt')}</p>
          <ul class="inline-list">
            <li>
              <a class="button" href={`/sign-up?next=${next}&email=${encodeURIComponent(claim.email)}`}>
                {t('claim.create')}
              </a>
            </li>
            <li>
              <a class="button secondary" href={`/sign-in?next=${next}`}>
                {t('nav.signIn')}
              </a>
            </li>
          </ul>
          <p class="small muted">{t('claim.expires', { date: expires })}</p>
        </>
      )}
    </Layout>
  );
}

/** The title and explanation for a claim link that does not work. */
function claimProblem(lang: Lang, claim: ClaimView | null, malformed: boolean): { title: string; body: Child } {
  const t = translator(lang);
  if (malformed) return { title: t('claim.notFoundTitle'), body: t('claim.malformedBody') };
  const issuer = claim?.issuerName ?? '';
  switch (claim?.state) {
    case 'used':
      return { title: t('claim.usedTitle'), body: t('claim.usedBody', { issuer }) };
    case 'expired':
      return {
        title: t('claim.expiredTitle'),
        body: t('claim.expiredBody', { issuer, date: day(claim.expiresAt, '', lang) }),
      };
    case 'replaced':
      return {
        title: t('claim.replacedTitle'),
        body: t('claim.replacedBody', { issuer, email: maskEmail(claim.email) }),
      };
    case 'revoked':
      return { title: t('claim.revokedTitle'), body: t('claim.revokedBody', { issuer }) };
    default:
      return { title: t('claim.notFoundTitle'), body: t('claim.notFoundBody') };
  }
}

/** Why a claim link does not work, in plain words. */
export function ClaimProblemPage(p: { actor: Actor; claim: ClaimView | null; malformed?: boolean; lang?: Lang }) {
  const lang = p.lang ?? 'en';
  const t = translator(lang);
  const { title, body } = claimProblem(lang, p.claim, !!p.malformed);
  return (
    <Layout title={title} actor={p.actor} lang={lang}>
      <h1>{title}</h1>
      <p>{body}</p>
      <p>
        <a href={p.actor.kind === 'user' ? '/passport' : '/'}>
          {p.actor.kind === 'user' ? t('claim.toPassport') : t('claim.toHome')}
        </a>
      </p>
    </Layout>
  );
}
