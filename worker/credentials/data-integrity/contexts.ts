/**
 * The JSON-LD contexts Data Integrity proofs are canonicalised with, bundled: a verifier never fetches a context
 * (a context from the network could redefine terms after signing, and fetching one per credential is a tracking
 * and availability risk). A credential naming any other context fails with that context's URL.
 */
import credentialsV2 from './contexts/credentials-v2.json';
import openBadgesV3 from './contexts/ob-v3p0-3.0.3.json';

/** The W3C examples context (VC 2.0 §B.1), used by the specifications' own examples and test vectors. */
const credentialsExamplesV2 = { '@context': { '@vocab': 'https://www.w3.org/ns/credentials/examples#' } };

/** Context URL -> document, exactly as published. */
export const BUNDLED_CONTEXTS: Readonly<Record<string, unknown>> = Object.freeze({
  'https://www.w3.org/ns/credentials/v2': credentialsV2,
  'https://www.w3.org/ns/credentials/examples/v2': credentialsExamplesV2,
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json': openBadgesV3,
});

/** Thrown by the document loader for a context that is not bundled; the verifier reports it by name. */
export class UnknownContextError extends Error {
  constructor(readonly url: string) {
    super(`The JSON-LD context ${url} is not one this verifier knows (contexts are never fetched)`);
    this.name = 'UnknownContextError';
  }
}
