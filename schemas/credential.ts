/** zod schemas for the credentials we issue (Open Badges 3.0 in VC 2.0 form), any VC 2.0 credential, status lists and presentations. */
import { z } from 'zod';

export const VC2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const VC1_CONTEXT = 'https://www.w3.org/2018/credentials/v1';
export const OB3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

// XSD dateTimeStamp: a date-time that always carries Z or an offset, as VC 2.0 requires for validFrom/validUntil.
export const dateTimeStamp = z.iso.datetime({ offset: true });
// Any absolute URL or URN (ids are IRIs in VC 2.0: urn:uuid:..., did:..., https://...).
export const iri = z
  .string()
  .min(3)
  .max(2048)
  .regex(/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/, 'Expected an absolute IRI');
export const did = z
  .string()
  .max(2048)
  .regex(/^did:[a-z0-9]+:\S+$/, 'Expected a DID');
const urnUuid = z
  .string()
  .regex(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'Expected urn:uuid:<uuid>');
const text = (max: number) => z.string().min(1).max(max);

/** `type` as a string or array of strings that must contain `required`. */
const typeIncluding = (...required: string[]) =>
  z
    .union([z.string(), z.array(z.string()).min(1)])
    .refine((t) => required.every((r) => (Array.isArray(t) ? t.includes(r) : t === r)), {
      message: `type must include ${required.join(', ')}`,
    });

const contextStartingWithV2 = (...also: string[]) =>
  z
    .array(z.union([z.string(), z.record(z.string(), z.unknown())]))
    .min(1)
    .refine((c) => c[0] === VC2_CONTEXT, { message: `The first @context must be ${VC2_CONTEXT}` })
    .refine((c) => also.every((a) => c.includes(a)), { message: `@context must include ${also.join(', ')}` });

// Open Badges 3.0 enumerations are open-ended through "ext:" terms.
const achievementTypes = [
  'Achievement',
  'ApprenticeshipCertificate',
  'Assessment',
  'Assignment',
  'AssociateDegree',
  'Award',
  'Badge',
  'BachelorDegree',
  'Certificate',
  'CertificateOfCompletion',
  'Certification',
  'CommunityService',
  'Competency',
  'Course',
  'CoCurricular',
  'Degree',
  'Diploma',
  'DoctoralDegree',
  'Fieldwork',
  'GeneralEducationDevelopment',
  'JourneymanCertificate',
  'LearningProgram',
  'License',
  'Membership',
  'ProfessionalDoctorate',
  'QualityAssuranceCredential',
  'MasterCertificate',
  'MasterDegree',
  'MicroCredential',
  'ResearchDoctorate',
  'SecondarySchoolDiploma',
] as const;
const alignmentTargetTypes = [
  'ceasn:Competency',
  'ceterms:Credential',
  'CFItem',
  'CFRubric',
  'CFRubricCriterion',
  'CFRubricCriterionLevel',
  'CTDL',
] as const;
const extTerm = z.string().regex(/^ext:[A-Za-z0-9._-]+$/);

export const achievementType = z.union([z.enum(achievementTypes), extTerm]);
export const alignmentTargetType = z.union([z.enum(alignmentTargetTypes), extTerm]);

export const alignmentSchema = z.looseObject({
  type: typeIncluding('Alignment'),
  targetName: text(300),
  targetUrl: iri,
  targetDescription: text(2000).optional(),
  targetCode: text(200).optional(),
  targetFramework: text(300).optional(),
  targetType: alignmentTargetType.optional(),
});

export const achievementSchema = z.looseObject({
  id: iri,
  type: typeIncluding('Achievement'),
  achievementType: achievementType.optional(),
  name: text(300),
  description: text(5000),
  criteria: z.looseObject({ id: iri.optional(), narrative: text(10000).optional() }),
  alignment: z.array(alignmentSchema).max(100).optional(),
});

export const profileSchema = z.looseObject({
  id: iri,
  type: typeIncluding('Profile'),
  name: text(300),
  url: iri.optional(),
});

export const bitstringStatusListEntrySchema = z.looseObject({
  id: iri.optional(),
  type: z.literal('BitstringStatusListEntry'),
  statusPurpose: text(50),
  // The spec makes the index a string holding a base-10 integer, not a JSON number.
  statusListIndex: z.string().regex(/^(0|[1-9][0-9]{0,9})$/, 'statusListIndex must be a non-negative integer string'),
  statusListCredential: iri,
  statusSize: z.number().int().min(1).max(8).optional(),
  // Bitstring Status List: one message per possible value when statusSize > 1 (e.g. "0x1" -> "revoked").
  statusMessage: z
    .array(z.looseObject({ status: z.string().regex(/^0x[0-9a-fA-F]+$/), message: text(200) }))
    .max(256)
    .optional(),
});

export const evidenceSchema = z.looseObject({
  id: iri.optional(),
  type: typeIncluding('Evidence'),
  name: text(300).optional(),
  narrative: text(10000).optional(),
  description: text(5000).optional(),
  genre: text(100).optional(),
  audience: text(100).optional(),
});

export const achievementSubjectSchema = z.looseObject({
  id: did,
  type: typeIncluding('AchievementSubject'),
  achievement: achievementSchema,
});

const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).min(1)]);

/** The Open Badges 3.0 OpenBadgeCredential in VC 2.0 form, as Care Passport issues it. */
export const openBadgeCredentialSchema = z.looseObject({
  '@context': contextStartingWithV2(OB3_CONTEXT),
  id: urnUuid,
  type: typeIncluding('VerifiableCredential', 'OpenBadgeCredential'),
  issuer: profileSchema,
  validFrom: dateTimeStamp,
  validUntil: dateTimeStamp.optional(),
  // Required by the Open Badges 3.0 JSON Schema; restates validFrom (and expirationDate restates validUntil).
  issuanceDate: dateTimeStamp.optional(),
  expirationDate: dateTimeStamp.optional(),
  name: text(300),
  description: text(5000).optional(),
  credentialSubject: achievementSubjectSchema,
  credentialStatus: oneOrMany(bitstringStatusListEntrySchema).optional(),
  evidence: z.array(evidenceSchema).max(50).optional(),
});

/** Any VC 2.0 credential: only the data-model rules a verifier relies on. */
export const vc2CredentialSchema = z.looseObject({
  '@context': contextStartingWithV2(),
  id: iri.optional(),
  type: typeIncluding('VerifiableCredential'),
  issuer: z.union([iri, z.looseObject({ id: iri })]),
  validFrom: dateTimeStamp.optional(),
  validUntil: dateTimeStamp.optional(),
  credentialSubject: oneOrMany(z.looseObject({ id: iri.optional() })),
  credentialStatus: oneOrMany(z.looseObject({ type: z.string(), id: iri.optional() })).optional(),
  // VC-JOSE-COSE: the "vc" and "vp" claim names must not appear in a VC 2.0 claims set.
  vc: z.undefined({ error: 'The "vc" claim is not allowed in a VC 2.0 JWT' }).optional(),
  vp: z.undefined({ error: 'The "vp" claim is not allowed in a VC 2.0 JWT' }).optional(),
});

/** A Bitstring Status List credential (W3C Bitstring Status List v1.0). */
export const bitstringStatusListCredentialSchema = z.looseObject({
  '@context': contextStartingWithV2(),
  id: iri,
  type: typeIncluding('VerifiableCredential', 'BitstringStatusListCredential'),
  issuer: z.union([iri, z.looseObject({ id: iri })]),
  validFrom: dateTimeStamp.optional(),
  validUntil: dateTimeStamp.optional(),
  credentialSubject: z.looseObject({
    id: iri.optional(),
    type: z.literal('BitstringStatusList'),
    statusPurpose: text(50),
    // Multibase base64url ("u" prefix) of the GZIP-compressed bitstring.
    encodedList: z.string().regex(/^u[A-Za-z0-9_-]+$/, 'encodedList must be multibase base64url'),
    ttl: z.number().nonnegative().optional(),
  }),
});

/** A VC 1.1 credential secured as a JWT in the did-jwt-vc shape (`vc` claim plus registered claims). */
export const vc1JwtPayloadSchema = z.looseObject({
  iss: did,
  sub: iri.optional(),
  jti: iri.optional(),
  nbf: z.number().int().nonnegative().optional(),
  iat: z.number().int().nonnegative().optional(),
  exp: z.number().int().nonnegative().optional(),
  vc: z.looseObject({
    '@context': z
      .union([z.literal(VC1_CONTEXT), z.array(z.union([z.string(), z.record(z.string(), z.unknown())]))])
      .refine((c) => c === VC1_CONTEXT || (Array.isArray(c) && c[0] === VC1_CONTEXT), {
        message: `The first @context must be ${VC1_CONTEXT}`,
      }),
    type: typeIncluding('VerifiableCredential'),
    credentialSubject: z.looseObject({}),
    credentialStatus: z.looseObject({ type: z.string() }).optional(),
  }),
});

export const envelopedCredentialSchema = z.looseObject({
  '@context': contextStartingWithV2(),
  id: z.string().startsWith('data:application/vc+jwt,'),
  type: z.literal('EnvelopedVerifiableCredential'),
});

/** A credential embedded in a presentation as itself, secured with its own embedded proof (Data Integrity). */
export const embeddedProofCredentialSchema = z.looseObject({
  '@context': z.unknown(),
  type: z.unknown(),
  proof: z.looseObject({ type: z.string() }),
});

/**
 * A VC 2.0 VerifiablePresentation secured as a JWT (vp+jwt), carrying enveloped vc+jwt credentials and credentials
 * with an embedded Data Integrity proof.
 */
export const vc2PresentationJwtPayloadSchema = z.looseObject({
  '@context': contextStartingWithV2(),
  type: typeIncluding('VerifiablePresentation'),
  holder: did,
  verifiableCredential: z.array(z.union([envelopedCredentialSchema, embeddedProofCredentialSchema])).max(100),
  iss: did,
  aud: z.union([z.string(), z.array(z.string())]).optional(),
  nonce: z.string().min(1).max(512).optional(),
  iat: z.number().int().nonnegative(),
  exp: z.number().int().nonnegative(),
});

export type Alignment = z.infer<typeof alignmentSchema>;
export type Achievement = z.infer<typeof achievementSchema>;
export type Profile = z.infer<typeof profileSchema>;
export type BitstringStatusListEntry = z.infer<typeof bitstringStatusListEntrySchema>;
export type Evidence = z.infer<typeof evidenceSchema>;
export type AchievementSubject = z.infer<typeof achievementSubjectSchema>;
export type OpenBadgeCredential = z.infer<typeof openBadgeCredentialSchema>;
export type Vc2Credential = z.infer<typeof vc2CredentialSchema>;
export type BitstringStatusListCredential = z.infer<typeof bitstringStatusListCredentialSchema>;
export type Vc1JwtPayload = z.infer<typeof vc1JwtPayloadSchema>;
export type EnvelopedCredential = z.infer<typeof envelopedCredentialSchema>;
export type Vc2PresentationJwtPayload = z.infer<typeof vc2PresentationJwtPayloadSchema>;
