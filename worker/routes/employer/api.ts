/** The role-fit API for an employer's own systems: credentials or a presentation in, the fit to a role out. */
import { Hono } from 'hono';
import { roleFitApiRequest } from '../../../schemas/employer';
import type { AppEnv } from '../../context';
import { AppError, notFound } from '../../errors';
import { BODY_LIMITS, jsonBody } from '../../lib/http/body';
import { guard } from '../../policy';
import { resolveRole } from '../../services/employer/employer-roles';
import { type CheckOutcome, checkCredentials, checkPresentation } from '../../services/employer/candidate-checks';
import { type RoleFitReport, fitForOrg } from '../../services/employer/check-fit';
import { classifyJwt } from '../../services/verification/verify-input';

const app = new Hono<AppEnv>();

app.post('/api/v1/employers/:org/role-fit', guard('apiToken', { kind: 'employer', scope: 'verify' }), async (c) => {
  // The path names the organisation; a token or member of any other organisation is told it does not exist.
  const org = c.get('membership');
  if (!org || org.slug !== c.req.param('org')) throw notFound();
  const deps = c.get('deps');
  const body = await jsonBody(c, roleFitApiRequest, BODY_LIMITS.jsonRoleFit);
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
      // Without a domain, the presentation must be meant for this service.
      audience: body.options?.domain ?? deps.config.PUBLIC_ORIGIN,
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
  const fit = await fitForOrg(deps, org.orgId, role.ref, outcome, deps.clock());
  return c.json(apiReport(outcome, fit));
});

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
      verified: l.requirement.verified !== false,
      basis: l.requirement.basis ?? null,
      via: l.via
        ? {
            fromId: l.via.fromId,
            label: l.via.label,
            strength: l.via.strength ?? 'indicative',
            source: l.via.source ?? null,
            indicative: (l.via.strength ?? 'indicative') === 'indicative',
          }
        : null,
      action: l.action,
      notes: l.notes ?? [],
    })),
    notes: [...report.notes, 'Equivalences between frameworks are indicative, not contractual.'],
  };
}

export default app;
