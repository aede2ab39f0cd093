/** Claim links: opening one (it explains itself to someone not yet signed in) and claiming the certificate. */
import { Hono } from 'hono';
import { claimForm, claimQuery } from '../../../schemas/passport';
import { ClaimPage, ClaimProblemPage } from '../../../web/pages/claim';
import { MessagePage } from '../../../web/components/message-page';
import { t } from '../../../web/i18n/messages';
import { rich } from '../../../web/i18n/rich';
import type { AppContext, AppEnv } from '../../context';
import { AppError } from '../../errors';
import { clientAddress, userActor } from '../../lib/http/actor';
import { readForm } from '../../lib/http/forms';
import { hit } from '../../lib/rate-limit';
import { guard } from '../../policy';
import { claimCredential, claimForVerifiedEmail } from '../../services/academy/claim-links';
import { uuidFromPath } from '../../lib/http/params';
import { findClaim } from '../../services/passport/claims';
import { issueContext } from '../../services/academy/issue-types';

/** Claim-link requests allowed per client address per window. */
const CLAIMS_PER_WINDOW = 300;
const CLAIM_WINDOW_SECONDS = 10 * 60;

const app = new Hono<AppEnv>();
const signedIn = guard('signedIn');
const open = guard('public');

/**
 * Claim links are bearer secrets: cap look-ups per client address (generous, since a whole training room behind
 * one address may claim at once), so guessing tokens or hammering the page is refused with 429 + Retry-After.
 */
const limitClaims = async (c: AppContext) => {
  const { db, clock } = c.get('deps');
  const d = await hit(db, `claim:${clientAddress(c)}`, CLAIMS_PER_WINDOW, CLAIM_WINDOW_SECONDS, clock());
  if (!d.allowed) {
    throw new AppError('rate_limited', 'Too many claim attempts from here; please wait a few minutes and try again', {
      retryAfterSeconds: d.retryAfterSeconds,
    });
  }
};

app.get('/claim', open, async (c) => {
  await limitClaims(c);
  const actor = c.get('actor');
  const { db, clock } = c.get('deps');
  const q = claimQuery.safeParse(c.req.query());
  if (!q.success) return c.html(ClaimProblemPage({ actor, claim: null, malformed: true, lang: c.get('lang') }), 400);
  const claim = await findClaim(db, q.data.token, clock());
  if (!claim) return c.html(ClaimProblemPage({ actor, claim: null, lang: c.get('lang') }), 404);
  // Used, or replaced by a newer link she has used since: the certificate is already in her passport.
  if (
    (claim.state === 'used' || claim.state === 'replaced') &&
    actor.kind === 'user' &&
    claim.holderUserId === actor.user.id
  ) {
    return c.redirect(`/passport/credentials/${claim.credentialId}?notice=already`, 303);
  }
  if (claim.state !== 'open') return c.html(ClaimProblemPage({ actor, claim, lang: c.get('lang') }), 410);
  return c.html(ClaimPage({ actor, token: q.data.token, claim, lang: c.get('lang') }));
});

app.post('/claim', signedIn, async (c) => {
  await limitClaims(c);
  const actor = userActor(c);
  const deps = c.get('deps');
  const { db, clock } = deps;
  const f = await readForm(c, claimForm);
  if (!f.ok) return c.html(ClaimProblemPage({ actor, claim: null, malformed: true, lang: c.get('lang') }), 400);
  const now = clock();
  try {
    const r = await claimCredential(issueContext(deps, actor.user.id), f.data.token, actor.user.id);
    return c.redirect(`/passport/credentials/${r.credentialId}?notice=claimed`, 303);
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'gone')) throw err;
    // Single use: a second press (or a link used elsewhere) gets a plain answer, never an error page.
    const claim = await findClaim(db, f.data.token, now);
    if (claim?.state === 'used' && claim.holderUserId === actor.user.id) {
      return c.redirect(`/passport/credentials/${claim.credentialId}?notice=already`, 303);
    }
    return c.html(ClaimProblemPage({ actor, claim, lang: c.get('lang') }), claim ? 410 : 404);
  }
});

app.post('/passport/waiting/:id', signedIn, async (c) => {
  await limitClaims(c);
  const actor = userActor(c);
  const deps = c.get('deps');
  const id = uuidFromPath(c, 'id', 'certificate waiting for you');
  try {
    const r = await claimForVerifiedEmail(issueContext(deps, actor.user.id), id, actor.user.id);
    return c.redirect(`/passport/credentials/${r.credentialId}?notice=claimed`, 303);
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'gone')) throw err;
    const lang = c.get('lang');
    return c.html(
      MessagePage({
        actor,
        lang,
        title: t(lang, 'claim.cannotAddTitle'),
        children: (
          <p>
            {rich(lang, 'claim.cannotAddBody', {
              link: <a href="/passport">{t(lang, 'claim.cannotAddLink')}</a>,
            })}
          </p>
        ),
      }),
      410,
    );
  }
});

export default app;
