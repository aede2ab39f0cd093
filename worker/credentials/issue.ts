/** Building Open Badges 3.0 credentials and securing VC 2.0 credentials as vc+jwt (W3C VC-JOSE-COSE). */
import {
  OB3_CONTEXT,
  openBadgeCredentialSchema,
  VC2_CONTEXT,
  vc2CredentialSchema,
  type OpenBadgeCredential,
} from '../../schemas/credential';
import { signJwt, type JsonObject } from './jwt';
import type { SignBytes } from './signing';
import { MESSAGE_STATUS_SIZE, STATUS_MESSAGES, toDateTimeStamp } from './status-list';

export interface AlignmentInput {
  targetName: string;
  targetUrl: string;
  targetCode?: string;
  targetFramework?: string;
  /** An Open Badges AlignmentTargetType, e.g. "CFItem" or "ext:SkillsForCareStandard". */
  targetType?: string;
  targetDescription?: string;
}

export interface AchievementInput {
  id: string;
  /** Open Badges achievementType, e.g. "Certificate", "Competency", "License". */
  achievementType: string;
  name: string;
  description: string;
  criteriaNarrative: string;
  alignments?: AlignmentInput[];
}

/**
 * The credential's status: one BitstringStatusListEntry (purpose `message`, 2 bits: valid, revoked, suspended) in
 * `listUrl`, as Open Badges 3.0 allows a single credentialStatus object. The legacy form (two 1-bit entries, one
 * revocation and one suspension list) is what credentials issued before carry; it is kept to rebuild those.
 */
export type StatusInput =
  | { listUrl: string; index: number }
  | {
      revocationListUrl: string;
      suspensionListUrl: string;
      /** One index, used in both lists. */
      index: number;
    };

export interface EvidenceInput {
  id?: string;
  name?: string;
  narrative?: string;
  description?: string;
  genre?: string;
}

export interface OpenBadgeInput {
  /** urn:uuid:... */
  id: string;
  issuerDid: string;
  issuerName: string;
  issuerUrl?: string;
  holderDid: string;
  validFrom: Date | string;
  validUntil?: Date | string;
  /** Defaults to the achievement name. */
  name?: string;
  description?: string;
  achievement: AchievementInput;
  status?: StatusInput;
  evidence?: EvidenceInput[];
}

export interface CredentialSigner {
  /** Full DID URL of the signing key, e.g. did:web:example.org#key-2. */
  kid: string;
  privateKey: CryptoKey;
  /** The same key prepared by the runtime's Ed25519 (faster on Node); JWTs are signed with it when present. */
  sign?: SignBytes;
}

/** Error thrown when an input would produce a credential that fails the schema. */
export class InvalidCredentialError extends Error {
  constructor(
    message: string,
    readonly issues: unknown,
  ) {
    super(message);
    this.name = 'InvalidCredentialError';
  }
}

/** Builds an OpenBadgeCredential (VC 2.0 data model) and validates it; throws InvalidCredentialError if invalid. */
export function buildOpenBadgeCredential(input: OpenBadgeInput): OpenBadgeCredential {
  const { achievement, status } = input;
  const credential = {
    '@context': [VC2_CONTEXT, OB3_CONTEXT],
    id: input.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: {
      id: input.issuerDid,
      type: ['Profile'],
      name: input.issuerName,
      ...(input.issuerUrl ? { url: input.issuerUrl } : {}),
    },
    validFrom: toDateTimeStamp(input.validFrom),
    ...(input.validUntil ? { validUntil: toDateTimeStamp(input.validUntil) } : {}),
    // The Open Badges 3.0 JSON Schema still requires issuanceDate (and readers built on it look for expirationDate):
    // both restate validFrom / validUntil exactly, and the verifier holds them to the same dates.
    issuanceDate: toDateTimeStamp(input.validFrom),
    ...(input.validUntil ? { expirationDate: toDateTimeStamp(input.validUntil) } : {}),
    name: input.name ?? achievement.name,
    ...(input.description ? { description: input.description } : {}),
    credentialSubject: {
      id: input.holderDid,
      type: ['AchievementSubject'],
      achievement: {
        id: achievement.id,
        type: ['Achievement'],
        achievementType: achievement.achievementType,
        name: achievement.name,
        description: achievement.description,
        criteria: { narrative: achievement.criteriaNarrative },
        ...(achievement.alignments?.length
          ? { alignment: achievement.alignments.map((a) => ({ type: ['Alignment'], ...a })) }
          : {}),
      },
    },
    ...(status ? { credentialStatus: statusEntries(status) } : {}),
    ...(input.evidence?.length ? { evidence: input.evidence.map((e) => ({ type: ['Evidence'], ...e })) } : {}),
  };
  const parsed = openBadgeCredentialSchema.safeParse(credential);
  if (!parsed.success)
    throw new InvalidCredentialError(`Invalid credential: ${parsed.error.message}`, parsed.error.issues);
  return parsed.data;
}

function statusEntries(status: StatusInput) {
  const { index } = status;
  if (!Number.isInteger(index) || index < 0)
    throw new InvalidCredentialError('Status index must be a non-negative integer', []);
  if ('listUrl' in status) {
    return {
      id: `${status.listUrl}#${index}`,
      type: 'BitstringStatusListEntry' as const,
      statusPurpose: 'message',
      statusListIndex: String(index),
      statusListCredential: status.listUrl,
      statusSize: MESSAGE_STATUS_SIZE,
      statusMessage: STATUS_MESSAGES.map((m) => ({ ...m })),
    };
  }
  const { revocationListUrl, suspensionListUrl } = status;
  const entry = (statusPurpose: 'revocation' | 'suspension', statusListCredential: string) => ({
    id: `${statusListCredential}#${index}`,
    type: 'BitstringStatusListEntry' as const,
    statusPurpose,
    statusListIndex: String(index),
    statusListCredential,
  });
  return [entry('revocation', revocationListUrl), entry('suspension', suspensionListUrl)];
}

/** JWT registered claims that restate credential properties; recomputed on every signature, never copied. */
export const REGISTERED_CLAIMS = ['iss', 'sub', 'jti', 'iat', 'nbf', 'exp'] as const;

/**
 * Secures a VC 2.0 credential as a vc+jwt. The JWT claims set is the credential itself plus registered claims that
 * only restate it, so VC-JOSE-COSE verifiers and Open Badges 3.0 JWT verifiers (which read the registered claims)
 * both accept it: `iss` = issuer id, `jti` = credential id, `sub` = the (single) subject id, `nbf` = validFrom,
 * `exp` = validUntil, and `iat` = when this signature was made. Never `vc`/`vp` claims (forbidden for VC 2.0).
 */
export async function signCredentialJwt(
  credential: object,
  signer: CredentialSigner,
  options: { now?: Date } = {},
): Promise<string> {
  const parsed = vc2CredentialSchema.safeParse(credential);
  if (!parsed.success)
    throw new InvalidCredentialError(`Not a VC 2.0 credential: ${parsed.error.message}`, parsed.error.issues);
  const vc: JsonObject = { ...(credential as JsonObject) };
  // A re-signed credential (a claim) brings the old token's claims along; they would disagree with the new subject.
  for (const claim of REGISTERED_CLAIMS) delete vc[claim];
  const issuer = issuerIdOf(vc.issuer as string | { id: string });
  // A kid from another DID would make every verifier reject the token as unknown_key; fail at issue time instead.
  if (!signer.kid.startsWith(`${issuer}#`))
    throw new Error(`Signing key ${signer.kid} does not belong to issuer ${issuer}`);
  const now = options.now ?? new Date();
  const claims: JsonObject = { ...vc, iss: issuer, iat: seconds(now) };
  if (typeof vc.id === 'string') claims.jti = vc.id;
  const subject = vc.credentialSubject as { id?: unknown } | { id?: unknown }[];
  const subjectId = Array.isArray(subject) ? (subject.length === 1 ? subject[0]?.id : undefined) : subject.id;
  if (typeof subjectId === 'string') claims.sub = subjectId;
  if (typeof vc.validFrom === 'string') claims.nbf = seconds(new Date(vc.validFrom));
  if (typeof vc.validUntil === 'string') claims.exp = seconds(new Date(vc.validUntil));
  return signJwt({ alg: 'EdDSA', typ: 'vc+jwt', cty: 'vc', kid: signer.kid }, claims, signer.sign ?? signer.privateKey);
}

function issuerIdOf(issuer: string | { id: string }): string {
  return typeof issuer === 'string' ? issuer : issuer.id;
}

function seconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
