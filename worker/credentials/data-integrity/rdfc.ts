/**
 * RDF Dataset Canonicalization (RDFC-1.0) of a JSON-LD document over the bundled contexts only: the first step of
 * every `*-rdfc-*` Data Integrity cryptosuite. Expansion runs in jsonld's safe mode, so a term no context defines,
 * a relative IRI or any other value JSON-LD would silently drop is an error instead of an unsigned gap.
 */
// jsonld's self-contained browser build: the same module on Node and workerd, with no Node network stack (its
// package entry pulls an HTTP client into workerd unless a bundler honours the browser field).
import jsonld from 'jsonld/dist/jsonld.esm.min.js';
import type { JsonLdDocument } from 'jsonld';
import { canonize } from 'rdf-canonize';
import { BUNDLED_CONTEXTS, UnknownContextError } from './contexts';

export type CanonicalResult = { ok: true; nquads: string } | { ok: false; unknownContext?: string; message: string };

/** Canonical N-Quads of `document`, or why it cannot be canonicalised (unknown context, undefined term, ...). */
export async function canonicalNQuads(document: object): Promise<CanonicalResult> {
  let unknownContext: string | undefined;
  const documentLoader = async (url: string) => {
    const context = Object.hasOwn(BUNDLED_CONTEXTS, url) ? BUNDLED_CONTEXTS[url] : undefined;
    if (context === undefined) {
      unknownContext = url;
      throw new UnknownContextError(url);
    }
    return { contextUrl: undefined, documentUrl: url, document: context as Record<string, unknown> };
  };
  try {
    const dataset = await jsonld.toRDF(document as JsonLdDocument, { documentLoader, safe: true } as never);
    // maxWorkFactor 1 (the library default, stated here): a credential whose blank nodes would make canonicalisation
    // run for long (a "poison graph") is refused rather than allowed to hold the verifier.
    const nquads = (await canonize(dataset, { algorithm: 'RDFC-1.0', maxWorkFactor: 1 })) as string;
    return { ok: true, nquads };
  } catch (error) {
    if (unknownContext) return { ok: false, unknownContext, message: new UnknownContextError(unknownContext).message };
    return { ok: false, message: `JSON-LD processing failed: ${describeJsonLdError(error)}` };
  }
}

function describeJsonLdError(error: unknown): string {
  const e = error as { message?: string; details?: { event?: { message?: string } } } | null;
  const detail = e?.details?.event?.message;
  return detail ? `${e?.message ?? 'error'} (${detail})` : (e?.message ?? String(error));
}
