/** Building Open Badges 3.0 credentials and securing VC 2.0 credentials as vc+jwt (W3C VC-JOSE-COSE). */
import {
  OB3_CONTEXT,
  openBadgeCredentialSchema,
  VC2_CONTEXT,
  vc2CredentialSchema,
  type OpenBadgeCredential,
} from '../../schemas/credential';
import { signJwt, type JsonObject } from './jwt';
import { toDateTimeStamp } from './status-list';

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

export interface StatusInput {
  revocationListUrl: string;
  suspensionListUrl: string;
  /** One index, used in both lists. */
  index: number;
}

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

function statusEntries({ revocationListUrl, suspensionListUrl, index }: StatusInput) {
  if (!Number.isInteger(index) || index < 0)
    throw new InvalidCredentialError('Status index must be a non-negative integer', []);
  const entry = (statusPurpose: 'revocation' | 'suspension', statusListCredential: string) => ({
    id: `${statusListCredential}#${index}`,
    type: 'BitstringStatusListEntry' as const,
    statusPurpose,
    statusListIndex: String(index),
    statusListCredential,
  });
  return [entry('revocation', revocationListUrl), entry('suspension', suspensionListUrl)];
}

/**
 * Secures a VC 2.0 credential as a vc+jwt. The JWT claims set is the credential itself plus three registered
 * claims that only restate it: `iss` = issuer id (did-jwt and generic JOSE tooling find the key through it; the
 * spec requires it to match `issuer`), `jti` = credential id, and `iat` = when this signature was made. No
 * `exp`/`nbf`: VC-JOSE-COSE gives those signature semantics (and calls nbf NOT RECOMMENDED), while the
 * credential's own validity lives in validFrom/validUntil. Never `vc`/`vp` claims (forbidden for VC 2.0).
 */
export async function signCredentialJwt(
  credential: object,
  signer: CredentialSigner,
  options: { now?: Date } = {},
): Promise<string> {
  const parsed = vc2CredentialSchema.safeParse(credential);
  if (!parsed.success)
    throw new InvalidCredentialError(`Not a VC 2.0 credential: ${parsed.error.message}`, parsed.error.issues);
  const vc = credential as JsonObject & { id?: string; issuer: string | { id: string } };
  const issuer = typeof vc.issuer === 'string' ? vc.issuer : vc.issuer.id;
  // A kid from another DID would make every verifier reject the token as unknown_key; fail at issue time instead.
  if (!signer.kid.startsWith(`${issuer}#`))
    throw new Error(`Signing key ${signer.kid} does not belong to issuer ${issuer}`);
  const now = options.now ?? new Date();
  const claims: JsonObject = { ...vc, iss: issuer, iat: Math.floor(now.getTime() / 1000) };
  if (typeof vc.id === 'string') claims.jti = vc.id;
  return signJwt({ alg: 'EdDSA', typ: 'vc+jwt', cty: 'vc', kid: signer.kid }, claims, signer.privateKey);
}
