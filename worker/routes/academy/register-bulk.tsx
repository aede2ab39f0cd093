/**
 * The academy register's search as a spreadsheet, and acting on several certificates after a check: changing their
 * status, or sending their learners new claim links.
 */
import { Hono } from 'hono';
import { registerQuery } from '../../../schemas/academy';
import { fieldErrors } from '../../../schemas/accounts';
import { BULK_ACTIONS, bulkClaimLinksForm, bulkSelection, bulkStatusForm } from '../../../schemas/register-bulk';
import { registerLink } from '../../../web/components/register-bulk';
import { BulkConfirmPage } from '../../../web/pages/academy-register-bulk';
import { ClaimLinksConfirmPage } from '../../../web/pages/academy-register-claim-links';
import type { AppEnv } from '../../context';
import { AppError } from '../../errors';
import { academyContext } from '../../lib/http/academy';
import { postedForm } from '../../lib/http/forms';
import { guard } from '../../policy';
import { type ClaimLinksPreview, previewClaimLinks, sendClaimLinks } from '../../services/academy/bulk-claim-links';
import { applyBulkChange, previewBulkChange } from '../../services/academy/bulk-status';
import { issueContext } from '../../services/academy/issue-types';
import { registerCsvStream } from '../../services/academy/register-export';

const app = new Hono<AppEnv>();
const member = guard('orgMember', { kind: 'academy' });
const issuer = guard('orgMember', { kind: 'academy', approved: true });

/** Form fields never echoed back into the page: the CSRF token, and the confirmation (asked for again). */
const NOT_ECHOED = new Set(['_csrf', 'confirm']);

/** The posted text fields a check page carries back (everything but the CSRF token and the confirmation). */
function echoed(raw: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v === 'string' && !NOT_ECHOED.has(k)) values[k] = v;
  return values;
}

/** The register's address for the same search, with a notice key and count added. */
function registerWithNotice(slug: string, values: Record<string, string>, notice: string, changed: number): string {
  const back = registerLink(slug, values);
  const sep = back.includes('?') ? '&' : '?';
  return `${back}${sep}notice=${notice}&changed=${changed}`;
}

app.get('/academy/:org/register/export.csv', member, async (c) => {
  const { org } = await academyContext(c);
  const { db, clock, config } = c.get('deps');
  const q = registerQuery.safeParse(c.req.query());
  if (!q.success) {
    const details = q.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new AppError('validation_failed', 'The search is not valid', details);
  }
  const now = clock();
  const day = now.toISOString().slice(0, 10);
  return c.body(registerCsvStream(db, org.id, q.data, now, config.PUBLIC_ORIGIN), 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="register-${org.slug}-${day}.csv"`,
    'Cache-Control': 'no-store',
  });
});

app.post('/academy/:org/register/bulk', issuer, async (c) => {
  const { actor, org } = await academyContext(c);
  const { db, clock } = c.get('deps');
  const raw = await postedForm(c);
  const values = echoed(raw);
  const sel = bulkSelection.safeParse(raw);
  const ids = sel.success ? sel.data.ids : [];
  const f = bulkStatusForm.safeParse(raw);
  const action = BULK_ACTIONS.find((a) => a === raw.action) ?? null;
  const now = clock();
  // An incomplete form, or one not confirmed yet: the check page, with what the change would do.
  if (!f.success || !f.data.confirm) {
    const errors = f.success ? {} : fieldErrors(f.error.issues);
    // What the change would do is shown once the selection and the change are known.
    const preview =
      action && sel.success && (sel.data.scope === 'all' || ids.length)
        ? await previewBulkChange(db, org.id, sel.data, action, now)
        : null;
    const page = BulkConfirmPage({
      actor,
      slug: org.slug,
      form: { values, errors },
      ids,
      preview,
      action,
      complete: f.success,
      now,
    });
    return c.html(page, f.success ? 200 : 400);
  }
  try {
    const { changed } = await applyBulkChange(db, {
      orgId: org.id,
      selection: f.data,
      action: f.data.action,
      reason: f.data.reason,
      actorUserId: actor.user.id,
      now,
    });
    return c.redirect(registerWithNotice(org.slug, values, `bulk_${changed ? f.data.action : 'none'}`, changed), 303);
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'conflict')) throw err;
    const page = BulkConfirmPage({
      actor,
      slug: org.slug,
      form: { values, errors: { _form: err.message } },
      ids,
      preview: null,
      action: null,
      complete: false,
      now,
    });
    return c.html(page, 409);
  }
});

app.post('/academy/:org/register/claim-links', issuer, async (c) => {
  const { actor, org } = await academyContext(c);
  const deps = c.get('deps');
  const raw = await postedForm(c);
  const values = echoed(raw);
  const sel = bulkSelection.safeParse(raw);
  const ids = sel.success ? sel.data.ids : [];
  const f = bulkClaimLinksForm.safeParse(raw);
  const now = deps.clock();
  const page = (preview: ClaimLinksPreview | null, errors: Record<string, string>) =>
    ClaimLinksConfirmPage({ actor, slug: org.slug, form: { values, errors }, ids, preview });
  // Not confirmed yet (or nothing chosen): the check page, with who would get an email and who is skipped.
  if (!f.success || !f.data.confirm) {
    const preview =
      sel.success && (sel.data.scope === 'all' || ids.length)
        ? await previewClaimLinks(deps.db, org.id, sel.data, now)
        : null;
    return c.html(page(preview, f.success ? {} : fieldErrors(f.error.issues)), f.success ? 200 : 400);
  }
  try {
    const ctx = { ...issueContext(deps, actor.user.id), mailer: deps.mailer };
    const { sent } = await sendClaimLinks(ctx, org.id, f.data);
    const notice = sent ? 'claim_links_sent' : 'claim_links_none';
    return c.redirect(registerWithNotice(org.slug, values, notice, sent), 303);
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'conflict')) throw err;
    return c.html(page(null, { _form: err.message }), 409);
  }
});

export default app;
