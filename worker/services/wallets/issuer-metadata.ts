/**
 * Who issues into wallets, and how a wallet finds out: each approved academy (and the platform) is an OpenID for
 * Verifiable Credential Issuance credential issuer, identified by `<origin>/issuers/<slug>` (the platform by the
 * origin itself), acting as its own authorisation server. Its metadata lives at the spec's well-known path:
 * `/.well-known/openid-credential-issuer` + the identifier's path (and the same for the authorisation server).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { organisations } from '../../../db/schema';
import { OB3_CONTEXT, VC2_CONTEXT } from '../../../schemas/credential';
import type { Config } from '../../config';
import type { OrgMembership } from '../../context';
import { PLATFORM_SLUG } from '../organisations/issuers';

/** The first credential configuration offered: our Open Badges 3.0 credential as a VC 2.0 vc+jwt. */
const CREDENTIAL_CONFIGURATION_ID = 'OpenBadgeCredential_jwt_vc_json';
/** The second: the same credential secured with an embedded Data Integrity proof (eddsa-rdfc-2022), as ldp_vc. */
const LDP_CONFIGURATION_ID = 'OpenBadgeCredential_ldp_vc';
/** The configurations offered, in the order an offer lists them, with how each copy is secured. */
export const WALLET_CONFIGURATIONS = {
  [CREDENTIAL_CONFIGURATION_ID]: 'vc+jwt',
  [LDP_CONFIGURATION_ID]: 'eddsa-rdfc-2022',
} as const;
export type WalletConfigurationId = keyof typeof WALLET_CONFIGURATIONS;
export const PRE_AUTHORIZED_GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
/** Algorithms a wallet may sign its key proof with (the verifier's own allow-list, without RSA). */
export const PROOF_ALGORITHMS = ['EdDSA', 'ES256', 'ES384'] as const;

/** An organisation acting as a credential issuer (an approved academy, or the platform). */
export type IssuerOrg = Pick<OrgMembership, 'slug' | 'name' | 'kind' | 'status'> & { id: string };

/** The credential issuer identifier of an organisation. */
export function credentialIssuerId(config: Config, org: { slug: string; kind: string }): string {
  return org.kind === 'platform' ? config.PUBLIC_ORIGIN : `${config.PUBLIC_ORIGIN}/issuers/${org.slug}`;
}

/** The approved academy (or, without a slug, the platform) that is a credential issuer; null when there is none. */
export async function walletIssuerFor(db: Database, slug: string | null): Promise<IssuerOrg | null> {
  const rows = await db
    .select({
      id: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      kind: organisations.kind,
      status: organisations.status,
    })
    .from(organisations)
    .where(
      and(
        eq(organisations.slug, slug ?? PLATFORM_SLUG),
        eq(organisations.status, 'approved'),
        inArray(organisations.kind, slug === null ? ['platform'] : ['academy']),
      ),
    )
    .limit(1);
  return rows[0] ?? null;
}

/** The issuer's endpoints, under its identifier. */
export function walletEndpoints(config: Config, org: { slug: string; kind: string }) {
  const base = `${credentialIssuerId(config, org)}/oid4vci`;
  return { token: `${base}/token`, nonce: `${base}/nonce`, credential: `${base}/credential` };
}

/** Credential issuer metadata (OpenID4VCI 1.0 section 12.2). */
export function credentialIssuerMetadata(config: Config, org: IssuerOrg) {
  const endpoints = walletEndpoints(config, org);
  const proofTypes = { jwt: { proof_signing_alg_values_supported: [...PROOF_ALGORITHMS] } };
  const credentialMetadata = {
    display: [
      {
        name: 'Training certificate',
        locale: 'en-GB',
        description: `A training or competency certificate from ${org.name}, checked through Care Passport`,
        background_color: '#1d4f91',
        text_color: '#ffffff',
      },
    ],
  };
  return {
    credential_issuer: credentialIssuerId(config, org),
    credential_endpoint: endpoints.credential,
    nonce_endpoint: endpoints.nonce,
    display: [{ name: org.name, locale: 'en-GB' }],
    credential_configurations_supported: {
      [CREDENTIAL_CONFIGURATION_ID]: {
        format: 'jwt_vc_json',
        cryptographic_binding_methods_supported: ['did:key', 'did:jwk', 'jwk'],
        credential_signing_alg_values_supported: ['EdDSA'],
        proof_types_supported: proofTypes,
        credential_definition: { type: ['VerifiableCredential', 'OpenBadgeCredential'] },
        credential_metadata: credentialMetadata,
      },
      // OpenID4VCI 1.0 appendix A.1.2: the subject id of a Data Integrity copy is the wallet's DID.
      [LDP_CONFIGURATION_ID]: {
        format: 'ldp_vc',
        cryptographic_binding_methods_supported: ['did:key', 'did:jwk'],
        credential_signing_alg_values_supported: ['eddsa-rdfc-2022'],
        proof_types_supported: proofTypes,
        credential_definition: {
          '@context': [VC2_CONTEXT, OB3_CONTEXT],
          type: ['VerifiableCredential', 'OpenBadgeCredential'],
        },
        credential_metadata: credentialMetadata,
      },
    },
  };
}

/** Authorisation server metadata (RFC 8414) of the same issuer: only the pre-authorised code grant. */
export function authorizationServerMetadata(config: Config, org: IssuerOrg) {
  return {
    issuer: credentialIssuerId(config, org),
    token_endpoint: walletEndpoints(config, org).token,
    grant_types_supported: [PRE_AUTHORIZED_GRANT],
    token_endpoint_auth_methods_supported: ['none'],
    'pre-authorized_grant_anonymous_access_supported': true,
    response_types_supported: [],
  };
}
