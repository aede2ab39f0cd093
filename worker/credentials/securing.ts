/**
 * How an issued credential is secured: as a vc+jwt (the default) or with an embedded Data Integrity proof
 * (`eddsa-rdfc-2022`), stored as its JSON text. The JSON-LD code is loaded only when a Data Integrity proof is made.
 */
import { type CredentialSigner, InvalidCredentialError, REGISTERED_CLAIMS, signCredentialJwt } from './issue';
import { type JsonObject, parseCompactJwt } from './jwt';
import { vc2CredentialSchema } from '../../schemas/credential';

/** What an academy may choose per issue: a JWT, or an eddsa-rdfc-2022 Data Integrity proof. */
export const SECURING_CHOICES = ['vc+jwt', 'eddsa-rdfc-2022'] as const;
export type Securing = (typeof SECURING_CHOICES)[number];

/** How a stored credential is secured (the register's `format` column). */
export type StoredFormat = 'vc+jwt' | 'vc+di';

export interface SecuredCredential {
  /** The compact JWT, or the credential's JSON text with its proof. */
  text: string;
  format: StoredFormat;
}

/** Secures `credential` as chosen; the signing key must be the issuer's (as for JWTs). */
export async function secureCredential(
  credential: object,
  signer: CredentialSigner,
  now: Date,
  securing: Securing = 'vc+jwt',
): Promise<SecuredCredential> {
  if (securing === 'vc+jwt') return { text: await signCredentialJwt(credential, signer, { now }), format: 'vc+jwt' };
  const parsed = vc2CredentialSchema.safeParse(credential);
  if (!parsed.success)
    throw new InvalidCredentialError(`Not a VC 2.0 credential: ${parsed.error.message}`, parsed.error.issues);
  const vc = credential as JsonObject;
  const issuer = typeof vc.issuer === 'string' ? vc.issuer : (vc.issuer as { id: string }).id;
  if (!signer.kid.startsWith(`${issuer}#`))
    throw new Error(`Signing key ${signer.kid} does not belong to issuer ${issuer}`);
  const { addEddsaRdfc2022Proof } = await import('./data-integrity/eddsa-rdfc-2022');
  const secured = await addEddsaRdfc2022Proof(vc, {
    verificationMethod: signer.kid,
    privateKey: signer.privateKey,
    created: now,
  });
  return { text: JSON.stringify(secured), format: 'vc+di' };
}

/**
 * The unsigned credential inside a stored one, for re-signing it (a claim binds it to its holder; a wallet copy may be
 * secured either way): the JWT's claims without the registered ones it restates, or the JSON without its proof. Null when it cannot be read.
 */
export function unsecuredCredential(
  text: string,
  format: StoredFormat,
): { credential: JsonObject; securing: Securing } | null {
  if (format === 'vc+di') {
    try {
      const { proof: _proof, ...credential } = JSON.parse(text) as JsonObject;
      return { credential, securing: 'eddsa-rdfc-2022' };
    } catch {
      return null;
    }
  }
  const parsed = parseCompactJwt(text);
  if (!parsed.ok) return null;
  // The claims the JWT restates (iss, sub, jti, iat, nbf, exp) are not part of the credential: a copy secured
  // otherwise must not carry them, and a JWT re-made from it restates them afresh.
  const credential = { ...parsed.jwt.payload };
  for (const claim of REGISTERED_CLAIMS) delete credential[claim];
  return { credential, securing: 'vc+jwt' };
}
