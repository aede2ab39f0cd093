/** The employer asks a candidate's wallet app for proof (OpenID for Verifiable Presentations) and sees the answer. */
import { Hono } from 'hono';
import { walletRequestForm } from '../../../schemas/oid4vp';
import { WalletRequestPage, WalletRequestStartPage } from '../../../web/pages/wallet-request';
import { t } from '../../../web/i18n/messages';
import type { AppContext, AppEnv } from '../../context';
import { notFound } from '../../errors';
import { frameworkNames } from '../../lib/http/candidate';
import { employerContext } from '../../lib/http/employer';
import { readForm } from '../../lib/http/forms';
import { uuidFromPath } from '../../lib/http/params';
import { guard } from '../../policy';
import { resolveRole } from '../../services/employer/employer-roles';
import {
  createPresentationRequest,
  getPresentationRequest,
  outcomeOf,
  requestLink,
  requestStatus,
} from '../../services/wallets/presentation-requests';

const app = new Hono<AppEnv>();
const member = guard('orgMember', { kind: 'employer' });
const NO_STORE = { 'Cache-Control': 'no-store' };

/** The organisation's request named by the path (404 for anyone else's). */
async function requestOf(c: AppContext, orgId: string) {
  const row = await getPresentationRequest(c.get('deps').db, orgId, uuidFromPath(c, 'id', 'request'));
  if (!row) throw notFound('No such request');
  return row;
}

app.get('/employer/:org/wallet-requests', member, async (c) => {
  const { page } = await employerContext(c);
  return c.html(WalletRequestStartPage({ employer: await page() }));
});

app.post('/employer/:org/wallet-requests', member, async (c) => {
  const { actor, orgId, org, page } = await employerContext(c);
  const { db, clock } = c.get('deps');
  const form = await readForm(c, walletRequestForm);
  const ref = form.ok ? form.data.role : undefined;
  const role = ref ? await resolveRole(db, orgId, ref) : null;
  if (!form.ok || (ref && !role))
    return c.html(
      WalletRequestStartPage({ employer: await page(), roleError: t('en', 'employer.chooseRoleFromList') }),
      400,
    );
  const id = await createPresentationRequest(c.get('deps'), {
    orgId,
    userId: actor.user.id,
    roleRef: role?.ref ?? null,
    now: clock(),
  });
  return c.redirect(`/employer/${org.slug}/wallet-requests/${id}`, 303);
});

app.get('/employer/:org/wallet-requests/:id', member, async (c) => {
  const { orgId, page } = await employerContext(c);
  const { config, clock } = c.get('deps');
  const row = await requestOf(c, orgId);
  const outcome = outcomeOf(row);
  const html = WalletRequestPage({
    employer: await page(),
    requestId: row.id,
    status: requestStatus(row, clock()),
    link: requestLink(config, row),
    expiresAt: row.expiresAt,
    outcome,
    frameworkNames: outcome?.report ? await frameworkNames(c) : {},
  });
  return c.html(html, 200, NO_STORE);
});

app.get('/employer/:org/wallet-requests/:id/status', member, async (c) => {
  const { orgId } = await employerContext(c);
  const status = requestStatus(await requestOf(c, orgId), c.get('deps').clock());
  return c.json({ status, finished: status !== 'pending' && status !== 'checking' }, 200, NO_STORE);
});

export default app;
