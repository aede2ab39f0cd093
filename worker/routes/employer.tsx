/**
 * Employer pages (dashboard, role fit, their own roles, saved checks) under /employer/:org, for members of that
 * employer only; and the role-fit API for the employer's own systems.
 */
import type { Hono } from 'hono';
import { catalogueId } from '../../schemas/catalogue';
import {
  employerRoleForm,
  roleFitApiRequest,
  roleFitForm,
  saveVerificationForm,
  savedIdParam,
} from '../../schemas/employer';
import { fieldErrors } from '../../schemas/accounts';
import { EmployerDashboard, type EmployerOrg } from '../../web/pages/employer';
import {
  EmployerRoleFormPage,
  EmployerRolesPage,
  type RoleFormState,
  emptyRoleForm,
} from '../../web/pages/employer-roles';
import { SavedDetailPage, SavedListPage } from '../../web/pages/employer-saved';
import type { EmployerContext } from '../../web/components/employer-actions';
import { RoleFitPage, type RoleFitPageProps } from '../../web/pages/role-fit';
import type { AppContext, AppEnv } from '../context';
import { AppError, notFound } from '../errors';
import { jsonBody } from '../lib/validate';
import { currentMembership, guard } from '../policy';
import { listCompetencies, listFrameworks } from '../services/catalogue/catalogue';
import {
  bandOptions,
  catalogueRoleGroups,
  createEmployerRole,
  deleteEmployerRole,
  getEmployerRole,
  listEmployerRoles,
  requirementsToCopy,
  resolveRole,
  roleChoices,
  updateEmployerRole,
} from '../services/employer/employer-roles';
import { getOrganisationBySlug } from '../services/organisations/organisations';
import {
  type CheckOutcome,
  type RoleFitReport,
  checkCredentials,
  checkInput,
  checkPresentation,
  fitForOrg,
  getSaved,
  listSaved,
  recheckSaved,
  saveVerification,
} from '../services/employer/saved-verifications';
import { classifyJwt } from '../services/verification/verify-input';
import { requirementsAsPosted, userActor } from './forms';
import { SHARE_MESSAGES, SHARE_STATUS, frameworkNames, readCandidateForm } from './verify';

const NOTICES: Record<string, string> = {
  created: 'Role added.',
  updated: 'Role saved.',
  deleted: 'Role deleted. Saved checks against it keep their reports.',
  saved: 'Check saved to your records.',
  rechecked: 'Checked again just now.',
};
const noticeFrom = (c: AppContext) => NOTICES[c.req.query('notice') ?? ''];

/** The guarded employer: the caller, their membership, the organisation and its page context. */
async function employerContext(c: AppContext) {
  const actor = userActor(c);
  const membership = currentMembership(actor, c.req.param('org'), 'employer');
  const { db } = c.get('deps');
  const row = await getOrganisationBySlug(db, membership.slug);
  if (!row) throw notFound();
  const org: EmployerOrg = { slug: row.slug, name: row.name, status: row.status };
  const page = async (): Promise<EmployerContext> => ({
    actor,
    slug: row.slug,
    name: row.name,
    roleGroups: await roleChoices(db, row.id),
  });
  return { actor, membership, orgId: row.id, org, page };
}

/** An id from the path; anything malformed is simply not found. */
function uuidFrom(c: AppContext, name: string, what: string): string {
  const r = savedIdParam.safeParse(c.req.param(name));
  if (!r.success) throw new AppError('not_found', `No such ${what}`);
  return r.data;
}

/** Role form state from a raw posted body, so a failed post shows exactly what was ticked and typed. */
function roleFormFrom(raw: Record<string, unknown>, errors: Record<string, string>): RoleFormState {
  const str = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : '');
  return {
    values: {
      title: str('title'),
      catalogueRoleId: str('catalogueRoleId'),
      bandLabel: str('bandLabel'),
      payText: str('payText'),
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

export function employerRoutes(app: Hono<AppEnv>) {
  const member = guard('orgMember', { kind: 'employer' });

  // ------------------------------------------------------------ dashboard

  app.get('/employer/:org', member, async (c) => {
    const { actor, orgId, org } = await employerContext(c);
    const { db } = c.get('deps');
    const [roles, recent] = await Promise.all([listEmployerRoles(db, orgId), listSaved(db, orgId, 5)]);
    return c.html(EmployerDashboard({ actor, org, roleCount: roles.length, recent }));
  });

  // ------------------------------------------------------------ role fit

  app.get('/employer/:org/role-fit', member, async (c) => {
    const { page } = await employerContext(c);
    const role = c.req.query('role');
    return c.html(RoleFitPage({ employer: await page(), role }));
  });

  app.post('/employer/:org/role-fit', member, async (c) => {
    const { orgId, page } = await employerContext(c);
    const deps = c.get('deps');
    const employer = await page();
    const form = await readCandidateForm(c, roleFitForm);
    const role = form.data?.role;
    const base: RoleFitPageProps = { employer, input: form.text, role };
    if (!form.ok) return c.html(RoleFitPage({ ...base, error: form.message }), form.status);
    // The role is checked before a share is opened, so a mistake does not count as a view.
    const resolved = role ? await resolveRole(deps.db, orgId, role) : null;
    if (!resolved) return c.html(RoleFitPage({ ...base, roleError: 'Choose the role you are hiring for' }), 400);
    const checked = await checkInput(deps, form.parsed, { viewerOrgId: orgId, kind: 'verified' });
    if (!checked.ok)
      return c.html(RoleFitPage({ ...base, error: SHARE_MESSAGES[checked.reason] }), SHARE_STATUS[checked.reason]);
    const fit = await fitForOrg(deps.db, orgId, resolved.ref, checked.outcome, deps.clock());
    return c.html(
      RoleFitPage({
        ...base,
        input: '',
        report: checked.outcome.report,
        fit,
        detected: checked.detected,
        carried: form.text,
        frameworkNames: await frameworkNames(c),
      }),
    );
  });

  // ------------------------------------------------------------ saved checks

  app.post('/employer/:org/saved', member, async (c) => {
    const { actor, orgId, org, page } = await employerContext(c);
    const deps = c.get('deps');
    const form = await readCandidateForm(c, saveVerificationForm);
    const fail = async (status: 400 | 404 | 410 | 413, error: string) =>
      c.html(RoleFitPage({ employer: await page(), input: form.text, role: form.data?.role, error }), status);
    if (!form.ok) return fail(form.status, form.message);
    if (!form.data) {
      return fail(400, "Enter the candidate's name to save this check (names are at most 120 characters).");
    }
    const role = form.data.role ? await resolveRole(deps.db, orgId, form.data.role) : null;
    if (form.data.role && !role) return fail(400, 'That role is not one of yours or on the career ladders.');
    const checked = await checkInput(deps, form.parsed, { viewerOrgId: orgId, kind: 'verified' });
    if (!checked.ok) return fail(SHARE_STATUS[checked.reason], SHARE_MESSAGES[checked.reason]);
    const fit: RoleFitReport | null = role
      ? await fitForOrg(deps.db, orgId, role.ref, checked.outcome, deps.clock())
      : null;
    const id = await saveVerification(deps.db, {
      orgId,
      userId: actor.user.id,
      candidateName: form.data.candidateName,
      outcome: checked.outcome,
      roleFit: fit,
      now: deps.clock(),
    });
    return c.redirect(`/employer/${org.slug}/saved/${id}?notice=saved`, 303);
  });

  app.get('/employer/:org/saved', member, async (c) => {
    const { actor, orgId, org } = await employerContext(c);
    return c.html(SavedListPage({ actor, org, items: await listSaved(c.get('deps').db, orgId) }));
  });

  app.get('/employer/:org/saved/:id', member, async (c) => {
    const { actor, orgId, org } = await employerContext(c);
    const saved = await getSaved(c.get('deps').db, orgId, uuidFrom(c, 'id', 'saved check'));
    if (!saved) throw notFound('No such saved check');
    return c.html(
      SavedDetailPage({ actor, org, saved, frameworkNames: await frameworkNames(c), notice: noticeFrom(c) }),
    );
  });

  app.post('/employer/:org/saved/:id/recheck', member, async (c) => {
    const { actor, orgId, org } = await employerContext(c);
    const id = uuidFrom(c, 'id', 'saved check');
    await recheckSaved(c.get('deps'), { orgId, id, userId: actor.user.id });
    return c.redirect(`/employer/${org.slug}/saved/${id}?notice=rechecked`, 303);
  });

  // ------------------------------------------------------------ the employer's own roles

  const roleFormPage = async (
    c: AppContext,
    roleId: string | null,
    form: RoleFormState,
    status: 200 | 400 = 200,
    startedFrom?: string,
  ) => {
    const { actor, org } = await employerContext(c);
    const { db } = c.get('deps');
    const [frameworks, competencies, catalogue, bands] = await Promise.all([
      listFrameworks(db),
      listCompetencies(db),
      catalogueRoleGroups(db),
      bandOptions(db),
    ]);
    return c.html(
      EmployerRoleFormPage({ actor, org, roleId, form, frameworks, competencies, catalogue, bands, startedFrom }),
      status,
    );
  };

  app.get('/employer/:org/roles', member, async (c) => {
    const { actor, orgId, org } = await employerContext(c);
    const { db } = c.get('deps');
    const [roles, catalogue] = await Promise.all([listEmployerRoles(db, orgId), catalogueRoleGroups(db)]);
    return c.html(EmployerRolesPage({ actor, org, roles, catalogue, notice: noticeFrom(c) }));
  });

  app.get('/employer/:org/roles/new', member, async (c) => {
    await employerContext(c);
    const from = catalogueId.safeParse(c.req.query('from'));
    const form = emptyRoleForm();
    if (!from.success) return roleFormPage(c, null, form);
    const { db } = c.get('deps');
    const [reqs, role] = await Promise.all([
      requirementsToCopy(db, from.data),
      resolveRole(db, '', `role:${from.data}`),
    ]);
    if (!reqs || !role)
      return roleFormPage(c, null, form, 200, 'That role is not on the career ladders; start from scratch.');
    form.values = { title: role.title, catalogueRoleId: from.data, bandLabel: role.bandLabel ?? '', payText: '' };
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
      `Started from "${role.title}" (${role.source}): its ${reqs.length} requirements are ticked. Change anything, then add the role.`,
    );
  });

  /** Reads and validates a posted role form; on any problem answers the form again with a 400. */
  const readRoleForm = async (c: AppContext, roleId: string | null) => {
    let raw: Record<string, unknown>;
    try {
      raw = (await c.req.parseBody({ all: true })) as Record<string, unknown>;
    } catch {
      throw new AppError('bad_request', 'Form body could not be read');
    }
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
    const id = uuidFrom(c, 'id', 'role');
    const found = await getEmployerRole(c.get('deps').db, orgId, id);
    if (!found) throw notFound('No such role');
    const form: RoleFormState = {
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
    };
    return roleFormPage(c, id, form);
  });

  app.post('/employer/:org/roles/:id', member, async (c) => {
    const { actor, orgId, org } = await employerContext(c);
    const id = uuidFrom(c, 'id', 'role');
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
      id: uuidFrom(c, 'id', 'role'),
      userId: actor.user.id,
      now: c.get('deps').clock(),
    });
    return c.redirect(`/employer/${org.slug}/roles?notice=deleted`, 303);
  });

  // ------------------------------------------------------------ JSON API

  app.post('/api/v1/employers/:org/role-fit', guard('apiToken', { kind: 'employer', scope: 'verify' }), async (c) => {
    const actor = c.get('actor');
    const slug = c.req.param('org');
    // The path names the organisation; a token or member of any other organisation is told it does not exist.
    const org =
      actor.kind === 'token'
        ? actor.org.slug === slug
          ? actor.org
          : null
        : actor.kind === 'user'
          ? (actor.memberships.find((m) => m.slug === slug && m.kind === 'employer' && m.status === 'approved') ?? null)
          : null;
    if (!org) throw notFound();
    const deps = c.get('deps');
    const body = await jsonBody(c, roleFitApiRequest, 1536 * 1024);
    const role = await resolveRole(deps.db, org.orgId, body.role);
    if (!role)
      throw new AppError('validation_failed', 'Request body is not valid', [
        { path: 'role', message: 'No such role: use role:<catalogue id> or employer-role:<id> of your organisation' },
      ]);
    let outcome: CheckOutcome;
    if (body.verifiablePresentation !== undefined) {
      const item = classifyJwt(body.verifiablePresentation);
      if (!item.ok || item.kind !== 'presentation') {
        throw new AppError('validation_failed', 'Request body is not valid', [
          {
            path: 'verifiablePresentation',
            message: item.ok ? 'This is a credential, not a presentation' : item.message,
          },
        ]);
      }
      const challenge = body.options?.challenge;
      outcome = await checkPresentation(deps, item.jwt, {
        audience: body.options?.domain,
        nonce: challenge,
        requested: !!challenge,
      });
    } else {
      const items = (body.verifiableCredentials ?? []).map((jwt, i) => ({ i, item: classifyJwt(jwt) }));
      const problems = items.flatMap(({ i, item }) =>
        !item.ok
          ? [{ path: `verifiableCredentials.${i}`, message: item.message }]
          : item.kind !== 'credential'
            ? [{ path: `verifiableCredentials.${i}`, message: 'This is a presentation, not a credential' }]
            : [],
      );
      if (problems.length) throw new AppError('validation_failed', 'Request body is not valid', problems);
      outcome = await checkCredentials(
        deps,
        items.flatMap(({ item }) => (item.ok && item.kind === 'credential' ? [item.item] : [])),
      );
    }
    const fit = await fitForOrg(deps.db, org.orgId, role.ref, outcome, deps.clock());
    return c.json(apiReport(outcome, fit));
  });
}

/** The API's answer: the verification in brief, then the role fit line by line. */
function apiReport({ report }: CheckOutcome, fit: RoleFitReport) {
  return {
    checkedAt: report.checkedAt,
    verified: report.verified,
    holder: report.holder,
    presentation: report.presentation
      ? {
          verified: report.presentation.verified,
          checks: report.presentation.checks,
          errors: report.presentation.errors,
          warnings: report.presentation.warnings,
        }
      : null,
    credentials: report.credentials.map(({ result, belongsToHolder }) => ({
      id: typeof result.credential?.id === 'string' ? result.credential.id : null,
      verified: result.verified,
      format: result.format,
      issuer: result.issuer ?? null,
      issuerName: result.trust?.name ?? null,
      recognised: !!result.trust?.recognised,
      belongsToHolder,
      errors: result.errors,
      warnings: result.warnings,
    })),
    role: { ref: fit.role.ref, title: fit.role.title, source: fit.role.source },
    summary: fit.summary,
    notCounted: fit.notCounted,
    lines: fit.lines.map((l) => ({
      competencyId: l.requirement.competencyId,
      name: l.requirement.name,
      code: l.requirement.code,
      requirement: l.requirement.requirement,
      maxAgeMonths: l.requirement.maxAgeMonths,
      status: l.status,
      inDateUntil: l.inDateUntil,
      metBy: l.holding
        ? {
            credentialId: l.holding.credentialId,
            name: l.holding.name,
            issuerName: l.holding.issuerName,
            recognised: l.holding.recognised,
          }
        : null,
      via: l.via ? { fromId: l.via.fromId, label: l.via.label, indicative: true } : null,
      action: l.action,
    })),
    notes: [...report.notes, 'Equivalences between frameworks are indicative, not contractual.'],
  };
}
