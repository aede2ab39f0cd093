/** Request bodies of the VC-API style endpoints (issue, verify, status), shared by routes, OpenAPI and tests. */
import { z } from 'zod';

// VC 2.0 §4.13: an enveloped credential or presentation is itself a VC 2.0 object, so a given @context must be a
// non-empty list starting with the VC 2.0 context (an empty one is refused).
const envelopeContext = z
  .array(z.union([z.string().max(2048), z.record(z.string(), z.unknown())]))
  .min(1)
  .max(20)
  .refine((c) => c[0] === 'https://www.w3.org/ns/credentials/v2', {
    message: 'The first @context must be https://www.w3.org/ns/credentials/v2',
  })
  .optional();
const envelopedCredential = z.object({
  id: z.string().startsWith('data:application/vc+jwt,').max(70_000),
  type: z.literal('EnvelopedVerifiableCredential'),
  '@context': envelopeContext,
});
const envelopedPresentation = z.object({
  id: z.string().startsWith('data:application/vp+jwt,').max(600_000),
  type: z.literal('EnvelopedVerifiablePresentation'),
  '@context': envelopeContext,
});
/** A credential secured with an embedded proof (Data Integrity): answered as an unsupported proof type, not a 400. */
const embeddedProofCredential = z.looseObject({
  '@context': z.unknown(),
  type: z.unknown(),
  proof: z.unknown(),
});

/** A JWT as a compact string or wrapped as an enveloped credential; normalised to the compact string. */
export const credentialInput = z
  .union([z.string().max(70_000), envelopedCredential])
  .transform((v) => (typeof v === 'string' ? v.trim() : v.id.slice('data:application/vc+jwt,'.length)));

/** POST /credentials/verify: a JWT (compact or enveloped), or an embedded-proof credential object. */
export const verifiableCredentialInput = z.union([credentialInput, embeddedProofCredential]);

export const presentationInput = z
  .union([z.string().max(600_000), envelopedPresentation])
  .transform((v) => (typeof v === 'string' ? v.trim() : v.id.slice('data:application/vp+jwt,'.length)));

export const verifyCredentialRequest = z.object({
  verifiableCredential: verifiableCredentialInput,
  options: z.object({}).passthrough().optional(),
});

export const verifyPresentationRequest = z.object({
  verifiablePresentation: presentationInput,
  options: z
    .object({
      challenge: z.string().max(256).optional(),
      domain: z.string().max(512).optional(),
    })
    .optional(),
});

/**
 * POST /presentations/challenges: the verifier's challenge for one presentation. `domain` is the audience the
 * presentation must name (default: this service's origin); `holder`, when given, is the only DID that may answer.
 */
export const challengeRequest = z.object({
  domain: z.string().trim().min(1).max(512).optional(),
  holder: z
    .string()
    .max(2048)
    .regex(/^did:[a-z0-9]+:\S+$/, 'The holder must be a DID')
    .optional(),
});

/**
 * How the issued credential is secured: a vc+jwt (default) or an embedded Data Integrity proof with the
 * eddsa-rdfc-2022 cryptosuite (the credential is then returned as JSON with its `proof`).
 */
export const securing = z.enum(['vc+jwt', 'eddsa-rdfc-2022']).optional();

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD');

export const evidenceInput = z.object({
  assessorName: z.string().trim().max(200).optional(),
  assessedOn: isoDate.optional(),
  score: z.string().trim().max(100).optional(),
  notes: z.string().trim().max(4000).optional(),
});

/** POST /credentials/issue: the academy names the achievement and the learner; the service builds the credential. */
export const issueCredentialRequest = z.object({
  credential: z.object({
    achievementId: z.string().uuid(),
    credentialSubject: z.object({
      email: z.string().trim().toLowerCase().email().max(254),
      name: z.string().trim().min(1).max(200),
    }),
    /** Completion date; the credential is valid from then. */
    validFrom: isoDate.optional(),
  }),
  options: z
    .object({
      evidence: evidenceInput.optional(),
      /** Email the learner (default true). */
      notify: z.boolean().optional(),
      securing,
      /** Issue even when the completion date makes the credential expired already: a record of past training. */
      allowExpired: z.boolean().optional(),
    })
    .optional(),
});

/**
 * POST /credentials/issue, the standard VC-API body: an unsigned VC 2.0 / Open Badges 3.0 credential. The service
 * assigns id, issuer, validFrom (when absent) and status, so those it sets itself must not be sent; the achievement
 * must be one of the academy's own (its id is the achievement's URL on this service).
 */
export const standardIssueRequest = z.object({
  credential: z.looseObject({
    '@context': z
      .array(z.union([z.string().max(2048), z.record(z.string(), z.unknown())]))
      .min(1)
      .max(20),
    type: z.union([z.string(), z.array(z.string()).min(1).max(10)]),
    id: z.undefined({ error: 'The credential id is assigned by the issuer' }).optional(),
    credentialStatus: z.undefined({ error: 'credentialStatus is assigned by the issuer' }).optional(),
    proof: z.undefined({ error: 'Send the credential unsigned' }).optional(),
    issuer: z.union([z.string(), z.looseObject({ id: z.string() })]).optional(),
    credentialSubject: z.looseObject({
      id: z.string().regex(/^did:[a-z0-9]+:\S+$/, 'The subject id must be the learner wallet DID'),
      achievement: z.looseObject({ id: z.string().url().max(2048) }),
    }),
  }),
  options: z.looseObject({ notify: z.boolean().optional(), securing, allowExpired: z.boolean().optional() }).optional(),
});

/** Either issue body: the service's own (achievementId + learner) or the standard unsigned credential. */
export const anyIssueRequest = z.union([issueCredentialRequest, standardIssueRequest]);

/** POST /credentials/status: VC-API shape `{ credentialId, credentialStatus: [{ type, status }] }`. */
export const updateStatusRequest = z.object({
  credentialId: z
    .string()
    .transform((s) => s.replace(/^urn:uuid:/, ''))
    .pipe(z.string().uuid()),
  credentialStatus: z
    .array(
      z.object({
        type: z.literal('BitstringStatusListEntry').optional(),
        status: z.enum(['revoked', 'suspended', 'active']),
      }),
    )
    .length(1),
  reason: z.string().trim().max(500).optional(),
});
