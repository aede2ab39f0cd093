/** The employer's own roles: the list, starting one from the career ladders, editing and deleting. */
import { Hono } from 'hono';
import { fieldErrors } from '../../../schemas/accounts';
import { catalogueId } from '../../../schemas/catalogue';
import { employerRoleForm, employerRuleForm } from '../../../schemas/employer';
import {
  EmployerRoleFormPage,
  EmployerRolesPage,
  type RoleFormState,
  emptyRoleForm,
} from '../../../web/pages/employer-roles';
import { t } from '../../../web/i18n/messages';
import type { AppContext, AppEnv } from '../../context';
import { AppError, notFound } from '../../errors';
import { BODY_LIMITS, readFormFields } from '../../lib/http/body';
import { employerContext, employerNotice } from '../../lib/http/employer';
import { requirementsAsPosted } from '../../lib/http/forms';
import { uuidFromPath } from '../../lib/http/params';
import { guard } from '../../policy';
import { listCompetencies, listFrameworks } from '../../services/catalogue/catalogue';
import {
  bandOptions,
  catalogueRoleGroups,
  createEmployerRole,
  deleteEmployerRole,
  getEmployerRole,
  listEmployerRoles,
  requirementsToCopy,
  resolveRole,
  updateEmployerRole,
} from '../../services/employer/employer-roles';
import { saveEmployerRule } from '../../services/employer/employer-rules';

/** Role form state from a raw posted body, so a failed post shows exactly what was ticked and typed. */
function roleFormFrom(raw: Record<string, unknown>, errors: Record<string, string>): RoleFormState {
  const str = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : '');
  return {
    values: {
      title: str('title'),
      catalogueRoleId: str('catalogueRoleId'),
      bandLabel: str('bandLabel'),
      payText: str('payText'),
      ...(str('copiedFrom') ? { copiedFrom: str('copiedFrom') } : {}),
    },
    reqs: requirementsAsPosted(raw),
    errors,
  };
}

/** Turns a service's field-level validation error into form errors; anything else is rethrown. */
function errorsFrom(err: unknown): Record<string, string> {
  if (err instanceof AppError && err.code === 'validation_failed' && Array.isArray(err.details)) {
    return fieldErrors(
      (err.details as { path: string; message: string }[]).map((d) => ({ path: [d.path], message: d.message })),
    );
  }
  throw err;
}

const app = new Hono<AppEnv>();
const member = guard('orgMember', { kind: 'employer' });
const ruleSetter = guard('orgAdmin', { kind: 'employer', approved: true });

const roleFormPage = async (
  c: AppContext,
  roleId: string | null,
  form: RoleFormState,
  status: 200 | 400 = 200,
  startedFrom?: string,
  ruleErrors: Record<string, string> = {},
) => {
  const { actor, org, orgId, membership } = await employerContext(c);
  const { db } = c.get('deps');
  const [frameworks, competencies, catalogue, bands, own] = await Promise.all([
    listFrameworks(db),
    listCompetencies(db),
    catalogueRoleGroups(db),
    bandOptions(db),
    roleId ? getEmployerRole(db, orgId, roleId) : null,
  ]);
  const rules = own
    ? {
        lines: own.requirements.map((r) => ({ competencyId: r.competencyId, name: r.name, acceptance: r.acceptance })),
        canEdit: membership.role !== 'staff' && membership.status === 'approved',
        errors: ruleErrors,
      }
    : undefined;
  const notice = employerNotice(c);
  return c.html(
    EmployerRoleFormPage({
      actor,
      org,
      roleId,
      form,
      frameworks,
      competencies,
      catalogue,
      bands,
      startedFrom,
      rules,
      notice,
    }),
    status,
  );
};

/** The role's form as stored, for showing it again (after a rule change, or a rule error). */
const storedForm = (found: NonNullable<Awaited<ReturnType<typeof getEmployerRole>>>): RoleFormState => ({
  values: {
    title: found.role.title,
    catalogueRoleId: found.role.catalogueRoleId ?? '',
    bandLabel: found.role.bandLabel ?? '',
    payText: found.role.payText ?? '',
  },
  reqs: new Map(
    found.requirements.map((r) => [
      r.competencyId,
      { requirement: r.requirement, maxAge: r.maxAgeMonths ? String(r.maxAgeMonths) : '' },
    ]),
  ),
  errors: {},
});

app.get('/employer/:org/roles', member, async (c) => {
  const { actor, orgId, org } = await employerContext(c);
  const { db } = c.get('deps');
  const [roles, catalogue] = await Promise.all([listEmployerRoles(db, orgId), catalogueRoleGroups(db)]);
  return c.html(EmployerRolesPage({ actor, org, roles, catalogue, notice: employerNotice(c) }));
});

app.get('/employer/:org/roles/new', member, async (c) => {
  await employerContext(c);
  const from = catalogueId.safeParse(c.req.query('from'));
  const form = emptyRoleForm();
  if (!from.success) return roleFormPage(c, null, form);
  const { db } = c.get('deps');
  const [reqs, role] = await Promise.all([requirementsToCopy(db, from.data), resolveRole(db, '', `role:${from.data}`)]);
  if (!reqs || !role) return roleFormPage(c, null, form, 200, t('en', 'employer.notOnLadders'));
  form.values = {
    title: role.title,
    catalogueRoleId: from.data,
    bandLabel: role.bandLabel ?? '',
    payText: '',
    copiedFrom: from.data,
  };
  form.reqs = new Map(
    reqs.map((r) => [
      r.competencyId,
      { requirement: r.requirement, maxAge: r.maxAgeMonths ? String(r.maxAgeMonths) : '' },
    ]),
  );
  return roleFormPage(
    c,
    null,
    form,
    200,
    t('en', 'employer.startedFrom', { title: role.title, source: role.source, count: reqs.length }),
  );
});

/** Reads and validates a posted role form; on any problem answers the form again with a 400. */
const readRoleForm = async (c: AppContext, roleId: string | null) => {
  const raw = await readFormFields(c, BODY_LIMITS.checklistForm);
  const r = employerRoleForm.safeParse(raw);
  if (!r.success)
    return {
      ok: false as const,
      res: await roleFormPage(c, roleId, roleFormFrom(raw, fieldErrors(r.error.issues)), 400),
    };
  return { ok: true as const, data: r.data, raw };
};

app.post('/employer/:org/roles/new', member, async (c) => {
  const { actor, orgId, org } = await employerContext(c);
  const f = await readRoleForm(c, null);
  if (!f.ok) return f.res;
  try {
    await createEmployerRole(c.get('deps').db, {
      orgId,
      userId: actor.user.id,
      role: f.data,
      now: c.get('deps').clock(),
    });
  } catch (err) {
    return roleFormPage(c, null, roleFormFrom(f.raw, errorsFrom(err)), 400);
  }
  return c.redirect(`/employer/${org.slug}/roles?notice=created`, 303);
});

app.get('/employer/:org/roles/:id', member, async (c) => {
  const { orgId } = await employerContext(c);
  const id = uuidFromPath(c, 'id', 'role');
  const found = await getEmployerRole(c.get('deps').db, orgId, id);
  if (!found) throw notFound('No such role');
  return roleFormPage(c, id, storedForm(found));
});

app.post('/employer/:org/roles/:id/rules', ruleSetter, async (c) => {
  const { actor, orgId, org } = await employerContext(c);
  const { db, clock } = c.get('deps');
  const id = uuidFromPath(c, 'id', 'role');
  const found = await getEmployerRole(db, orgId, id);
  if (!found) throw notFound('No such role');
  const raw = await readFormFields(c, BODY_LIMITS.form);
  const r = employerRuleForm.safeParse(raw);
  if (!r.success) return roleFormPage(c, id, storedForm(found), 400, undefined, fieldErrors(r.error.issues));
  try {
    await saveEmployerRule(db, {
      orgId,
      orgName: org.name,
      userId: actor.user.id,
      roleId: id,
      form: r.data,
      now: clock(),
    });
  } catch (err) {
    return roleFormPage(c, id, storedForm(found), 400, undefined, errorsFrom(err));
  }
  return c.redirect(`/employer/${org.slug}/roles/${id}?notice=rule#rules`, 303);
});

app.post('/employer/:org/roles/:id', member, async (c) => {
  const { actor, orgId, org } = await employerContext(c);
  const id = uuidFromPath(c, 'id', 'role');
  if (!(await getEmployerRole(c.get('deps').db, orgId, id))) throw notFound('No such role');
  const f = await readRoleForm(c, id);
  if (!f.ok) return f.res;
  try {
    await updateEmployerRole(c.get('deps').db, {
      orgId,
      id,
      userId: actor.user.id,
      role: f.data,
      now: c.get('deps').clock(),
    });
  } catch (err) {
    return roleFormPage(c, id, roleFormFrom(f.raw, errorsFrom(err)), 400);
  }
  return c.redirect(`/employer/${org.slug}/roles?notice=updated`, 303);
});

app.post('/employer/:org/roles/:id/delete', member, async (c) => {
  const { actor, orgId, org } = await employerContext(c);
  await deleteEmployerRole(c.get('deps').db, {
    orgId,
    id: uuidFromPath(c, 'id', 'role'),
    userId: actor.user.id,
    now: c.get('deps').clock(),
  });
  return c.redirect(`/employer/${org.slug}/roles?notice=deleted`, 303);
});

export default app;
