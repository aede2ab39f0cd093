/** The OpenAPI 3.1 document for the machine-facing API; request schemas come from the same zod schemas the routes use. */
import { z } from 'zod';
import { cohortApiRequest } from '../../../schemas/academy';
import { competencyQuery } from '../../../schemas/catalogue';
import { roleFitApiRequest } from '../../../schemas/employer';
import {
  anyIssueRequest,
  challengeRequest,
  updateStatusRequest,
  verifyCredentialRequest,
  verifyPresentationRequest,
} from '../../../schemas/vc-api';
import { walletPresentationPaths } from './openapi-presentations';
import { walletIssuancePaths } from './openapi-wallets';

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });

const errorShape = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
    },
  },
};

const verificationResult = {
  type: 'object',
  required: ['verified', 'checks', 'errors', 'warnings'],
  properties: {
    verified: { type: 'boolean' },
    format: { type: 'string', enum: ['vc2-jwt', 'ob3-jwt', 'vc1-jwt', 'vc2-di', 'unknown'] },
    issuer: { type: 'string' },
    credential: { type: 'object' },
    checks: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          check: { type: 'string' },
          ok: { type: 'boolean' },
          code: { type: 'string' },
          message: { type: 'string' },
        },
      },
    },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } },
    },
    warnings: {
      type: 'array',
      items: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } },
    },
    trust: { type: 'object' },
  },
};

const json = (s: unknown) => ({ content: { 'application/json': { schema: s } } });
const errors = {
  '400': {
    description: 'The request is not valid (the error names each field and what is wrong)',
    ...json(errorShape),
  },
  '429': { description: 'Rate limited', ...json(errorShape) },
};

/** The academy's issue endpoint, with both bodies and the Idempotency-Key. */
function issuePaths() {
  return {
    '/credentials/issue': {
      post: {
        summary: 'Issue a credential for an achievement to a learner (academy token with the issue scope)',
        security: [{ apiToken: [] }],
        parameters: [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description:
              'A fresh random value (e.g. a UUID) per credential. A retry with the same key and body answers with the credential first issued (header Idempotent-Replayed: true; no claimUrl, claimPending instead) and issues nothing; it emails the learner only if the first request stopped before its email went out.',
            schema: { type: 'string', minLength: 1, maxLength: 255 },
          },
        ],
        description:
          "Two bodies are accepted: this service's own ({credential: {achievementId, credentialSubject: {email, name}}}) and the standard VC-API body ({credential, options}) with an unsigned VC 2.0 / Open Badges 3.0 credential for one of your achievements (credentialSubject.achievement.id = its URL here, credentialSubject.id = the learner wallet DID). The service sets issuer, id, validFrom when absent and the status entry, and refuses an achievement aligned outside your approved frameworks (403). options.securing chooses how it is secured: vc+jwt (default) or eddsa-rdfc-2022 (an embedded DataIntegrityProof; bundled JSON-LD contexts, RDFC-1.0). A credential whose dates make it expired before it is issued (a completion date longer ago than the validity) is refused (400 validation_failed, naming the day it expired) unless options.allowExpired is true, for recording past training that has expired.",
        requestBody: { required: true, ...json(schema(anyIssueRequest)) },
        responses: {
          '201': {
            description:
              'Issued (or, with Idempotent-Replayed: true, issued by an earlier request with the same key); the credential is returned as an EnvelopedVerifiableCredential (vc+jwt), or with securing eddsa-rdfc-2022 as the credential itself with its proof',
            headers: {
              'Idempotent-Replayed': {
                description: 'true when the answer repeats an earlier request with the same Idempotency-Key',
                schema: { type: 'string', enum: ['true'] },
              },
            },
            ...json({
              type: 'object',
              properties: {
                verifiableCredential: { type: 'object' },
                credentialId: { type: 'string' },
                boundToPassport: { type: 'boolean' },
                claimUrl: { type: 'string', description: 'One-time link for a learner without a passport' },
                claimPending: { type: 'boolean', description: 'On a replay: a claim link is outstanding' },
              },
            }),
          },
          '422': {
            description: 'idempotency_key_reused: the Idempotency-Key was used before for a different request',
            ...json(errorShape),
          },
          '401': { description: 'No or unknown token', ...json(errorShape) },
          '403': {
            description: 'Token lacks the issue scope or the organisation is not approved',
            ...json(errorShape),
          },
          ...errors,
        },
      },
    },
  };
}

/** Verifying credentials and presentations, challenges, and an issuer's status changes. */
function verificationPaths() {
  return {
    '/credentials/verify': {
      post: {
        summary:
          'Verify a credential: vc+jwt, an Open Badges 3.0 or VC 1.1 JWT, or a credential with an embedded DataIntegrityProof (eddsa-rdfc-2022; other proofs are answered verified: false with unsupported_proof_type)',
        requestBody: { required: true, ...json(schema(verifyCredentialRequest)) },
        responses: {
          '200': { description: 'Verified', ...json(verificationResult) },
          '400': { description: 'Not verified (see errors[].code), or invalid input', ...json(verificationResult) },
          '429': errors['429'],
        },
      },
    },
    '/presentations/challenges': {
      post: {
        summary: 'Issue a challenge for one presentation (this service as the verifier)',
        description:
          'Stores a random challenge with its audience (domain; default this service origin), optionally the only holder DID that may answer, and an expiry (10 minutes). The holder puts it in the presentation nonce and the presentation aud must be the domain. POST /presentations/verify consumes it only for a presentation that verifies, from that holder, for that audience; a forged or failing presentation leaves it usable.',
        requestBody: { required: true, ...json(schema(challengeRequest)) },
        responses: {
          '201': {
            description: 'Issued',
            ...json({
              type: 'object',
              required: ['challenge', 'domain', 'expires'],
              properties: {
                challenge: { type: 'string' },
                domain: { type: 'string' },
                holder: { type: 'string' },
                expires: { type: 'string', format: 'date-time' },
              },
            }),
          },
          ...errors,
        },
      },
    },
    '/presentations/verify': {
      post: {
        summary: 'Verify a holder-signed presentation (vp+jwt) and every credential in it',
        description:
          'The presentation nonce must be a challenge issued by POST /presentations/challenges (options.challenge, when given, must equal it) and its aud must be options.domain, or this service origin when no domain is given. Errors: wrong_audience, unknown_challenge, challenge_expired, replayed_presentation, holder_mismatch.',
        requestBody: { required: true, ...json(schema(verifyPresentationRequest)) },
        responses: {
          '200': { description: 'Verified', ...json({ type: 'object' }) },
          '400': { description: 'Not verified, or invalid input', ...json({ type: 'object' }) },
          '429': errors['429'],
        },
      },
    },
    '/credentials/status': {
      post: {
        summary: 'Revoke, suspend or reinstate a credential you issued',
        security: [{ apiToken: [] }],
        requestBody: { required: true, ...json(schema(updateStatusRequest)) },
        responses: {
          '200': { description: 'Updated', ...json({ type: 'object' }) },
          '409': { description: 'Not allowed from the current status', ...json(errorShape) },
          ...errors,
        },
      },
    },
  };
}

/** Academies' cohort uploads and employers' role fit, for their own systems. */
function organisationApiPaths() {
  return {
    '/api/v1/academies/{org}/cohorts': {
      post: {
        summary:
          'Upload a cohort (rows of learners) for an achievement; every row is validated, nothing is issued until confirmed',
        security: [{ apiToken: [] }],
        parameters: [{ name: 'org', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: { required: true, ...json(schema(cohortApiRequest)) },
        responses: {
          '201': { description: 'Batch stored with row-by-row validation', ...json({ type: 'object' }) },
          '200': {
            description: 'The same rows were uploaded before: the existing batch (idempotent)',
            ...json({ type: 'object' }),
          },
          ...errors,
        },
      },
    },
    '/api/v1/academies/{org}/cohorts/{batchId}/confirm': {
      post: {
        summary: 'Confirm a batch and start issuing (confirming twice issues nothing twice)',
        description:
          'When the upload warned of rows that would be expired on issue, confirming is refused (400 validation_failed, naming each row) unless the body is {"allowExpired": true}, which issues them as a record of past training.',
        security: [{ apiToken: [] }],
        parameters: [
          { name: 'org', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'batchId', in: 'path', required: true, schema: { type: 'string' } },
        ],
        requestBody: {
          required: false,
          ...json({ type: 'object', properties: { allowExpired: { type: 'boolean' } }, additionalProperties: false }),
        },
        responses: {
          '200': { description: 'Progress after the first chunk', ...json({ type: 'object' }) },
          ...errors,
        },
      },
    },
    '/api/v1/academies/{org}/cohorts/{batchId}/progress': {
      get: {
        summary: 'Progress of a batch; each call also issues the next chunks within a time budget',
        security: [{ apiToken: [] }],
        parameters: [
          { name: 'org', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'batchId', in: 'path', required: true, schema: { type: 'string' } },
        ],
        responses: { '200': { description: '{done, total, issued, failed, finished}', ...json({ type: 'object' }) } },
      },
    },
    '/api/v1/employers/{org}/role-fit': {
      post: {
        summary: "Role fit: which of a role's requirements a candidate's credentials meet and in date",
        security: [{ apiToken: [] }],
        parameters: [{ name: 'org', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: { required: true, ...json(schema(roleFitApiRequest)) },
        responses: {
          '200': { description: 'Per-requirement status and summary', ...json({ type: 'object' }) },
          ...errors,
        },
      },
    },
  };
}

/** What anyone may read: status lists, DID documents and the catalogue. */
function publicPaths() {
  return {
    '/status-lists/{id}': {
      get: {
        summary: 'A BitstringStatusListCredential (vc+jwt)',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': {
            description: 'The signed list',
            content: { 'application/vc+jwt': { schema: { type: 'string' } } },
          },
        },
      },
    },
    '/.well-known/did.json': {
      get: { summary: "The platform's did:web document", responses: { '200': { description: 'DID document' } } },
    },
    '/orgs/{slug}/did.json': {
      get: {
        summary: "An issuer's did:web document (all its keys, current and retired)",
        parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'DID document' }, '404': { description: 'Unknown issuer' } },
      },
    },
    '/api/v1/catalogue/competencies': {
      get: {
        summary: 'Catalogue competencies, training subjects and qualifications',
        parameters: Object.keys(competencyQuery.shape).map((name) => ({
          name,
          in: 'query',
          required: false,
          schema: { type: 'string' },
        })),
        responses: { '200': { description: 'List' }, '400': errors['400'] },
      },
    },
    '/api/v1/catalogue/ladders': {
      get: { summary: 'Every career ladder with its roles', responses: { '200': { description: 'Ladders' } } },
    },
    '/api/v1/catalogue/roles/{id}': {
      get: {
        summary: 'One role: requirements, band, pay points, equivalences, progression routes',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'Role' }, '404': { description: 'Unknown role' } },
      },
    },
  };
}

/** Builds the OpenAPI document for this deployment's origin. */
export function openApiDocument(origin: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Care Passport API',
      version: '1.0.0',
      description:
        'Issue and verify W3C Verifiable Credentials 2.0 (Open Badges 3.0) secured as vc+jwt (EdDSA / Ed25519) or with an embedded Data Integrity proof (eddsa-rdfc-2022), with did:web issuers and Bitstring Status List revocation. Endpoint shapes follow the W3C VC-API.',
    },
    servers: [{ url: origin }],
    components: {
      securitySchemes: {
        apiToken: { type: 'http', scheme: 'bearer', description: 'Organisation API token (cpt_...)' },
        walletAccessToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'Access token from an issuer’s OpenID4VCI token endpoint (cpw_...)',
        },
      },
    },
    paths: {
      ...walletIssuancePaths(),
      ...walletPresentationPaths(),
      ...issuePaths(),
      ...verificationPaths(),
      ...organisationApiPaths(),
      ...publicPaths(),
    },
  };
}
