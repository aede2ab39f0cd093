/** VC-API style endpoints: issue (API token, issue scope), verify credentials and presentations (public), status (issuer). */
import { Hono } from 'hono';
import type { z } from 'zod';
import {
  anyIssueRequest,
  challengeRequest,
  type issueCredentialRequest,
  updateStatusRequest,
  verifyCredentialRequest,
  verifyPresentationRequest,
} from '../../schemas/vc-api';
import type { AppEnv } from '../context';
import type { JsonObject } from '../credentials/jwt';
import { AppError } from '../errors';
import { guard } from '../policy';
import { changeCredentialStatus } from '../services/academy/credential-status';
import {
  type IdempotentRequest,
  findIdempotentIssue,
  notifyIssued,
  requestHashOf,
} from '../services/academy/issue-idempotency';
import { issueCredentials, loadAchievement } from '../services/academy/issuance';
import { type StandardIssueRequest, issueStandardCredential } from '../services/academy/standard-issue';
import { issueChallenge } from '../services/verification/challenges';
import { verifyCredential, verifyCredentialObject, verifyPresentation } from '../services/verification/verifier';
import { openApiDocument } from '../lib/http/openapi';
import { actorUserId, guardedOrg } from '../lib/http/actor';
import { BODY_LIMITS, jsonBody } from '../lib/http/body';
import { limitPublic } from '../lib/http/public-limit';
import { issueContext } from '../services/academy/issue-types';
import { expiredOnIssue, expiredOnIssueError } from '../services/academy/credential-signing';

/** Idempotency-Key (IETF httpapi draft): 1 to 255 visible ASCII characters, e.g. a UUID the client made. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

async function idempotencyOf(header: string | undefined, body: unknown): Promise<IdempotentRequest | null> {
  if (header === undefined) return null;
  const key = header.trim().replace(/^"(.*)"$/, '$1');
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new AppError('validation_failed', 'Idempotency-Key must be 1 to 255 visible ASCII characters', [
      { path: 'Idempotency-Key', message: 'Use a fresh random value, e.g. a UUID, for each new credential' },
    ]);
  }
  // Prefixed so an API key can never meet the academy form's keys (form:<uuid>) in the same organisation.
  return { key: `api:${key}`, requestHash: await requestHashOf(body) };
}

/**
 * The request as its idempotency key covers it: consent to record expired training is not part of what was asked
 * for, so a retry that adds it is the same request.
 */
function withoutConsent(body: z.infer<typeof issueCredentialRequest>): unknown {
  if (!body.options || !('allowExpired' in body.options)) return body;
  const { allowExpired: _consent, ...options } = body.options;
  const { options: _all, ...rest } = body;
  return Object.keys(options).length ? { ...rest, options } : rest;
}

/** The VC-API endpoints. */
const app = new Hono<AppEnv>();
/** A vc+jwt as the VC 2.0 EnvelopedVerifiableCredential the VC-API returns; a Data Integrity credential as itself. */
const securedOf = (issued: { jwt: string; format: 'vc+jwt' | 'vc+di' }) =>
  issued.format === 'vc+di'
    ? (JSON.parse(issued.jwt) as JsonObject)
    : {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        id: `data:application/vc+jwt,${issued.jwt}`,
        type: 'EnvelopedVerifiableCredential',
      };

app.post('/credentials/issue', guard('apiToken', { kind: 'academy', scope: 'issue' }), async (c) => {
  const request = await jsonBody(c, anyIssueRequest);
  const deps = c.get('deps');
  const org = guardedOrg(c);
  if (!('achievementId' in request.credential)) {
    // The standard VC-API body: an unsigned credential the academy wrote itself.
    const ctx = issueContext(deps, actorUserId(c));
    const issued = await issueStandardCredential(ctx, org.orgId, request as StandardIssueRequest);
    return c.json({ verifiableCredential: securedOf(issued), credentialId: `urn:uuid:${issued.credentialId}` }, 201);
  }
  const body = request as z.infer<typeof issueCredentialRequest>;
  const loaded = await loadAchievement(deps.db, org.orgId, body.credential.achievementId);
  const idempotency = await idempotencyOf(c.req.header('idempotency-key'), withoutConsent(body));
  // Past training that has expired is recorded only when asked: a mistyped year would otherwise issue, and email,
  // a certificate that is dead on arrival. A retry of a request already answered gets its answer (from
  // issueCredentials), even if the certificate has expired since; only then is the key looked up here.
  const expired = expiredOnIssue(loaded, body.credential.validFrom, deps.clock());
  if (expired && !body.options?.allowExpired) {
    const answered = idempotency && (await findIdempotentIssue(deps.db, deps.bodies, org.orgId, idempotency));
    if (!answered) throw expiredOnIssueError('credential.validFrom', expired);
  }
  const subject = body.credential.credentialSubject;
  const ctx = issueContext(deps, actorUserId(c));
  const [issued] = await issueCredentials(
    ctx,
    loaded,
    [
      {
        email: subject.email,
        name: subject.name,
        completedOn: body.credential.validFrom,
        evidence: body.options?.evidence,
      },
    ],
    { ...(idempotency ? { idempotency } : {}), ...(body.options?.securing ? { securing: body.options.securing } : {}) },
  );
  if (!issued) throw new AppError('internal', 'Nothing was issued');
  if (issued.replayed) c.header('Idempotent-Replayed', 'true');
  if (body.options?.notify !== false)
    await notifyIssued({ ...ctx, mailer: deps.mailer }, loaded, issued, idempotency ?? undefined);
  return c.json(
    {
      verifiableCredential: securedOf(issued),
      credentialId: `urn:uuid:${issued.credentialId}`,
      boundToPassport: issued.subjectUserId !== null,
      ...(issued.claimToken ? { claimUrl: `${deps.config.PUBLIC_ORIGIN}/claim?token=${issued.claimToken}` } : {}),
      // A replay cannot repeat the one-time claim link (only its hash is kept); the academy can send a new one.
      ...(issued.replayed && issued.subjectUserId === null ? { claimPending: true } : {}),
    },
    201,
  );
});

app.post('/credentials/verify', guard('public'), async (c) => {
  await limitPublic(c, 'verify');
  const body = await jsonBody(c, verifyCredentialRequest, BODY_LIMITS.jsonCredential);
  const input = body.verifiableCredential;
  const result =
    typeof input === 'string'
      ? await verifyCredential(c.get('deps'), input)
      : await verifyCredentialObject(c.get('deps'), input as JsonObject);
  return c.json(result, result.verified ? 200 : 400);
});

app.post('/presentations/challenges', guard('public'), async (c) => {
  await limitPublic(c, 'challenge');
  const body = await jsonBody(c, challengeRequest);
  const deps = c.get('deps');
  const issued = await issueChallenge(deps.db, {
    audience: body.domain ?? deps.config.PUBLIC_ORIGIN,
    holder: body.holder,
    now: deps.clock(),
  });
  return c.json(
    {
      challenge: issued.challenge,
      domain: issued.audience,
      ...(issued.holder ? { holder: issued.holder } : {}),
      expires: issued.expiresAt,
    },
    201,
  );
});

app.post('/presentations/verify', guard('public'), async (c) => {
  await limitPublic(c, 'verify');
  const body = await jsonBody(c, verifyPresentationRequest, BODY_LIMITS.jsonPresentation);
  const deps = c.get('deps');
  // Without a domain, the presentation must be meant for this service; its nonce must be a challenge we issued.
  const result = await verifyPresentation(deps, body.verifiablePresentation, {
    ...(body.options?.challenge ? { nonce: body.options.challenge } : {}),
    audience: body.options?.domain ?? deps.config.PUBLIC_ORIGIN,
  });
  return c.json(result, result.verified ? 200 : 400);
});

app.post('/credentials/status', guard('apiToken', { kind: 'academy', scope: 'issue' }), async (c) => {
  const body = await jsonBody(c, updateStatusRequest);
  const deps = c.get('deps');
  const org = guardedOrg(c);
  const wanted = body.credentialStatus[0]!.status;
  const action = wanted === 'revoked' ? 'revoke' : wanted === 'suspended' ? 'suspend' : 'reinstate';
  const r = await changeCredentialStatus(deps.db, {
    credentialId: body.credentialId,
    orgId: org.orgId,
    action,
    reason: body.reason ?? (action === 'revoke' ? 'Revoked through the API' : undefined),
    actorUserId: actorUserId(c),
    now: deps.clock(),
  });
  return c.json({ credentialId: `urn:uuid:${r.credentialId}`, status: r.status });
});

app.get('/api/openapi.json', guard('public'), (c) => c.json(openApiDocument(c.get('deps').config.PUBLIC_ORIGIN)));

export default app;
