/** The academy register's search as a spreadsheet, and changing the status of several certificates after a check. */
import { Hono } from 'hono';
import { registerQuery } from '../../../schemas/academy';
import { fieldErrors } from '../../../schemas/accounts';
import { BULK_ACTIONS, bulkSelection, bulkStatusForm } from '../../../schemas/register-bulk';
import { registerLink } from '../../../web/components/register-bulk';
import { BulkConfirmPage } from '../../../web/pages/academy-register-bulk';
import type { AppEnv } from '../../context';
import { AppError } from '../../errors';
import { academyContext } from '../../lib/http/academy';
import { postedForm } from '../../lib/http/forms';
import { guard } from '../../policy';
import { applyBulkChange, previewBulkChange } from '../../services/academy/bulk-status';
import { registerCsvStream } from '../../services/academy/register-export';

const app = new Hono<AppEnv>();
const member = guard('orgMember', { kind: 'academy' });
const issuer = guard('orgMember', { kind: 'academy', approved: true });

/** Form fields never echoed back into the page: the CSRF token, and the confirmation (asked for again). */
const NOT_ECHOED = new Set(['_csrf', 'confirm']);

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
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v === 'string' && !NOT_ECHOED.has(k)) values[k] = v;
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
    const back = registerLink(org.slug, values);
    const sep = back.includes('?') ? '&' : '?';
    return c.redirect(`${back}${sep}notice=bulk_${changed ? f.data.action : 'none'}&changed=${changed}`, 303);
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

export default app;
