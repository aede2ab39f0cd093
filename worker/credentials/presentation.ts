/**
 * Holder-signed VC 2.0 presentations (vp+jwt) carrying vc+jwt credentials as EnvelopedVerifiableCredential and
 * Data Integrity credentials embedded as themselves.
 */
import { VC2_CONTEXT } from '../../schemas/credential';
import { signJwt } from './jwt';

export const ENVELOPED_VC_PREFIX = 'data:application/vc+jwt,';
/** Upper bound on presentation lifetime: a presentation answers one verifier's request, it is not a credential. */
export const MAX_PRESENTATION_SECONDS = 3600;

export interface PresentationInput {
  holderDid: string;
  /** Full DID URL of the holder's key, e.g. did:key:z6Mk...#z6Mk... */
  kid: string;
  privateKey: CryptoKey;
  /** Compact vc+jwt credentials, or the JSON text of credentials with an embedded proof. */
  credentialJwts: string[];
  /** Who the presentation is for (the verifier's origin or DID); binds it to one relying party. */
  audience: string;
  /** The verifier's challenge; binds it to one request. */
  nonce: string;
  validSeconds: number;
  now?: Date;
}

/** Signs a VerifiablePresentation as a vp+jwt with aud, nonce, iat, exp and iss = holder. */
export async function signPresentationJwt(input: PresentationInput): Promise<string> {
  const { holderDid, kid, privateKey, credentialJwts, audience, nonce, validSeconds } = input;
  if (!kid.startsWith(`${holderDid}#`)) throw new Error(`Key ${kid} does not belong to holder ${holderDid}`);
  if (!Number.isInteger(validSeconds) || validSeconds <= 0 || validSeconds > MAX_PRESENTATION_SECONDS) {
    throw new Error(`validSeconds must be between 1 and ${MAX_PRESENTATION_SECONDS}`);
  }
  if (!audience || !nonce) throw new Error('A presentation needs an audience and a nonce');
  const iat = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const payload = {
    '@context': [VC2_CONTEXT],
    type: ['VerifiablePresentation'],
    holder: holderDid,
    // A vc+jwt travels enveloped; a credential with an embedded proof (stored as its JSON text) travels as itself.
    verifiableCredential: credentialJwts.map((jwt) =>
      jwt.startsWith('{')
        ? (JSON.parse(jwt) as object)
        : { '@context': [VC2_CONTEXT], id: `${ENVELOPED_VC_PREFIX}${jwt}`, type: 'EnvelopedVerifiableCredential' },
    ),
    iss: holderDid,
    aud: audience,
    nonce,
    iat,
    exp: iat + validSeconds,
  };
  return signJwt({ alg: 'EdDSA', typ: 'vp+jwt', cty: 'vp', kid }, payload, privateKey);
}
