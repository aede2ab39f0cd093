/**
 * The passport answers a request for proof (OpenID for Verifiable Presentations): GET shows the request (pasted as a
 * link, or its parameters when the worker follows a same-device link), POST sends what she ticked.
 */
import { Hono } from 'hono';
import { type PassportWalletRequest, walletAnswerForm } from '../../../schemas/oid4vp';
import { AnswerRequestPage, AnswerReviewPage, AnswerSentPage } from '../../../web/pages/passport-answer';
import { t } from '../../../web/i18n/messages';
import type { AppContext, AppEnv } from '../../context';
import { userActor } from '../../lib/http/actor';
import { postedForm, readForm, tickedValues } from '../../lib/http/forms';
import { guard } from '../../policy';
import {
  WalletAnswerError,
  readWalletRequestLink,
  reviewWalletRequest,
  sendWalletAnswer,
  walletRequestLink,
} from '../../services/passport/wallet-answers';

const app = new Hono<AppEnv>();
const signedIn = guard('signedIn');

/** The request link a GET carries: pasted into the form, or the request's own parameters (same-device link). */
function linkFromQuery(query: Record<string, string>): string | null {
  if (query.link !== undefined) return query.link;
  if (query.response_type !== undefined || query.client_id !== undefined) return walletRequestLink(query);
  return null;
}

/** The paste form again with a refusal in words. */
function refused(c: AppContext, link: string, err: unknown) {
  if (!(err instanceof WalletAnswerError)) throw err;
  const page = AnswerRequestPage({ actor: userActor(c), lang: c.get('lang'), link, error: err.message });
  return c.html(page, 400);
}

app.get('/passport/answer-request', signedIn, async (c) => {
  const actor = userActor(c);
  const lang = c.get('lang');
  const link = linkFromQuery(c.req.query());
  if (link === null) return c.html(AnswerRequestPage({ actor, lang }));
  try {
    const deps = c.get('deps');
    const view = await reviewWalletRequest(deps, actor.user.id, await readWalletRequestLink(deps, link));
    return c.html(AnswerReviewPage({ actor, lang, link, view }));
  } catch (err) {
    return refused(c, link, err);
  }
});

app.post('/passport/answer-request', signedIn, async (c) => {
  const actor = userActor(c);
  const lang = c.get('lang');
  const deps = c.get('deps');
  const f = await readForm(c, walletAnswerForm);
  if (!f.ok) return refused(c, f.state.values.link ?? '', new WalletAnswerError(t('en', 'passport.formUnreadable')));
  const { link, credentialIds, response_uri: shownResponseUri } = f.data;
  let req: PassportWalletRequest;
  try {
    req = await readWalletRequestLink(deps, link);
  } catch (err) {
    return refused(c, link, err);
  }
  try {
    const result = await sendWalletAnswer(deps, { userId: actor.user.id, req, credentialIds, shownResponseUri });
    return c.html(AnswerSentPage({ actor, lang, result }));
  } catch (err) {
    if (!(err instanceof WalletAnswerError)) throw err;
    // Show the request again with the reason, unless the request itself can no longer be answered.
    let view: Awaited<ReturnType<typeof reviewWalletRequest>>;
    try {
      view = await reviewWalletRequest(deps, actor.user.id, req);
    } catch (again) {
      return refused(c, link, again);
    }
    const checked = tickedValues(await postedForm(c), 'credentialIds');
    return c.html(AnswerReviewPage({ actor, lang, link, view, checked, error: err.message }), 400);
  }
});

export default app;
