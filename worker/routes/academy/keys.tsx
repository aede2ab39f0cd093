/** An academy's signing keys: the list, and retiring a key that may be compromised (owners and admins). */
import { and, count, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { credentials, issuerKeys, keyRetirements } from '../../../db/schema';
import { retireKeyForm } from '../../../schemas/academy';
import { AcademyKeysPage, type KeyView } from '../../../web/pages/academy-keys';
import { type FormState, emptyForm } from '../../../web/components/form-state';
import type { AppContext, AppEnv } from '../../context';
import { notFound } from '../../errors';
import type { PlainMessageKey } from '../../../web/i18n/messages';
import { noticeFrom, readForm } from '../../lib/http/forms';
import { orgContext } from '../../lib/http/org';
import { guard } from '../../policy';
import { retireIssuerKey } from '../../services/organisations/key-retirement';

const NOTICES: Record<string, PlainMessageKey> = {
  retired: 'academy.noticeKeyRetired',
};

async function keyViews(c: AppContext, orgId: string): Promise<KeyView[]> {
  const { db } = c.get('deps');
  const [keys, jobs, signed] = await Promise.all([
    db.select().from(issuerKeys).where(eq(issuerKeys.orgId, orgId)).orderBy(issuerKeys.createdAt),
    db.select().from(keyRetirements).where(eq(keyRetirements.orgId, orgId)),
    db
      .select({ kid: credentials.kid, n: count() })
      .from(credentials)
      .where(eq(credentials.issuerOrgId, orgId))
      .groupBy(credentials.kid),
  ]);
  return keys.map((k) => ({
    kid: k.kid,
    createdAt: k.createdAt,
    active: k.active,
    retiredAt: k.retiredAt,
    withdrawnAt: k.withdrawnAt,
    signed: signed.find((s) => s.kid === k.kid)?.n ?? 0,
    retirement: jobs.find((j) => j.kid === k.kid) ?? null,
  }));
}

async function keysPage(c: AppContext, form: FormState, status: 200 | 400 = 200) {
  const { actor, org } = await orgContext(c);
  const notice = noticeFrom(c, NOTICES);
  return c.html(AcademyKeysPage({ actor, slug: org.slug, keys: await keyViews(c, org.id), form, notice }), status);
}

const app = new Hono<AppEnv>();
const admin = guard('orgAdmin', { kind: 'academy' });

app.get('/academy/:org/keys', admin, (c) => keysPage(c, emptyForm()));

app.post('/academy/:org/keys/:kid/retire', admin, async (c) => {
  const { actor, org } = await orgContext(c);
  const deps = c.get('deps');
  const kid = c.req.param('kid');
  const key = await deps.db
    .select({ kid: issuerKeys.kid })
    .from(issuerKeys)
    .where(and(eq(issuerKeys.kid, kid), eq(issuerKeys.orgId, org.id)))
    .limit(1);
  if (!key[0]) throw notFound();
  const f = await readForm(c, retireKeyForm);
  if (!f.ok) return keysPage(c, f.state, 400);
  await retireIssuerKey(deps, {
    orgId: org.id,
    kid,
    mode: f.data.mode,
    reason: f.data.reason,
    actorUserId: actor.user.id,
    now: deps.clock(),
  });
  return c.redirect(`/academy/${org.slug}/keys?notice=retired`, 303);
});

export default app;
