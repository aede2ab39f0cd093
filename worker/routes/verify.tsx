/** The public verifier (paste or upload, no account needed) and the share page a worker's link or QR code opens. */
import { Hono } from 'hono';
import { verifyForm } from '../../schemas/employer';
import { t } from '../../web/i18n/messages';
import { SharePage, ShareProblemPage } from '../../web/pages/share';
import { VerifyPage } from '../../web/pages/verify';
import type { AppEnv } from '../context';
import { AppError } from '../errors';
import {
  SHARE_STATUS,
  employerContextFor,
  frameworkNames,
  readCandidateForm,
  viewerEmployer,
} from '../lib/http/candidate';
import { limitPublic } from '../lib/http/public-limit';
import { guard } from '../policy';
import { checkInput } from '../services/employer/candidate-checks';
import { shareUrl } from '../services/passport/shares';

/** The public verifier and the share page. */
const app = new Hono<AppEnv>();
const open = guard('public');

app.get('/verify', open, (c) => c.html(VerifyPage({ actor: c.get('actor'), lang: c.get('lang') })));

app.post('/verify', open, async (c) => {
  await limitPublic(c, 'verify');
  const actor = c.get('actor');
  const form = await readCandidateForm(c, verifyForm);
  if (!form.ok) {
    return c.html(VerifyPage({ actor, input: form.text, error: form.message, lang: c.get('lang') }), form.status);
  }
  // A share link is opened on its own page, so the link the employer keeps is the worker's.
  if (form.parsed.kind === 'share') return c.redirect(`/s/${form.parsed.token}`, 303);
  const checked = await checkInput(c.get('deps'), form.parsed, { viewerOrgId: null, kind: 'opened' });
  if (!checked.ok) throw new AppError('internal', t('en', 'errorPage.unexpectedShare'));
  const employer = await employerContextFor(c, viewerEmployer(c));
  return c.html(
    VerifyPage({
      actor,
      report: checked.outcome.report,
      detected: checked.detected,
      carried: form.text,
      employer,
      frameworkNames: await frameworkNames(c),
      lang: c.get('lang'),
    }),
  );
});

app.get('/s/:token', open, async (c) => {
  // The path holds a secret: never cache it. (The site-wide referrer policy already sends only the origin cross-site.)
  c.header('Cache-Control', 'no-store');
  await limitPublic(c, 'share');
  const actor = c.get('actor');
  // Codes are base32, the same code in either case (a phone may read a QR code back in capitals).
  const token = c.req.param('token').toLowerCase();
  const viewer = viewerEmployer(c);
  const checked = await checkInput(
    c.get('deps'),
    { ok: true, kind: 'share', token },
    { viewerOrgId: viewer?.orgId ?? null, kind: 'opened' },
  );
  if (!checked.ok) {
    return c.html(
      ShareProblemPage({ actor, reason: checked.reason, lang: c.get('lang') }),
      SHARE_STATUS[checked.reason],
    );
  }
  return c.html(
    SharePage({
      actor,
      report: checked.outcome.report,
      share: checked.share ?? { label: null, expiresAt: '' },
      link: shareUrl(c.get('deps').config, token),
      lang: c.get('lang'),
      employer: await employerContextFor(c, viewer),
      frameworkNames: await frameworkNames(c),
    }),
  );
});

export default app;
