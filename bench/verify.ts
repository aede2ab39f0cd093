/**
 * Benchmark 1 — verification throughput of one credential through the full pipeline (verifyCredential with
 * warm DID-document and status-list caches, DB-backed trust registry) against, in the same run on equivalent
 * credentials: raw Ed25519 (node:crypto and WebCrypto), did-jwt-vc and a Veramo agent.
 */
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { type DidDocument, ed25519JwkFromVerificationMethod } from '../worker/credentials/did';
import { parseCompactJwt } from '../worker/credentials/jwt';
import { verifyCredentialJwt } from '../worker/credentials/verify';
import { verifyCredential } from '../worker/services/verification/verifier';
import type { BenchContext, BenchOutput, Benchmark } from './lib/context';
import { didJwtVcVerifier, inMemoryResolver, vc1Equivalent, veramoVerifier } from './lib/libraries';
import { proposedVerifierDeps } from './lib/proposed';
import type { Figure } from './lib/report';
import { type Contender, compareThroughput, ratio, round } from './lib/stats';
import { benchWorld } from './lib/world';

/** Loops in flight for the async contenders: a server verifies many requests at once, and WebCrypto runs off-thread. */
export const CONCURRENCY = 16;

async function run(ctx: BenchContext): Promise<BenchOutput> {
  const bw = await benchWorld();
  try {
    const { env, world } = bw;
    const [issued] = await bw.issue([{ email: world.worker.email, name: 'Wendy Worker' }]);
    if (!issued) throw new Error('nothing issued');
    const jwt = issued.jwt;
    const first = await verifyCredential(env.deps, jwt);
    if (!first.verified) throw new Error(`the issued credential does not verify: ${JSON.stringify(first.errors)}`);

    // Raw signature check over exactly the bytes the pipeline checks, with the issuer key from its DID document.
    const keys = await bw.issuerKeys();
    const parsed = parseCompactJwt(jwt);
    if (!parsed.ok) throw new Error(parsed.message);
    const { signingInput, signature } = parsed.jwt;
    const vm = keys.doc.verificationMethod?.[0];
    const publicJwk = vm && ed25519JwkFromVerificationMethod(vm);
    if (!publicJwk?.x) throw new Error('no public key');
    const keyObject = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicJwk.x }, format: 'jwk' });
    const cryptoKey = await crypto.subtle.importKey(
      'jwk',
      { kty: 'OKP', crv: 'Ed25519', x: publicJwk.x },
      { name: 'Ed25519' },
      false,
      ['verify'],
    );
    if (!nodeVerify(null, signingInput, keyObject, signature)) throw new Error('node:crypto rejects the signature');
    if (!(await crypto.subtle.verify('Ed25519', cryptoKey, signature, signingInput)))
      throw new Error('WebCrypto rejects the signature');

    // The same credential as VC 1.1 for the libraries, resolved from the same DID document held in memory.
    const vc1 = await vc1Equivalent(jwt, keys);
    const resolver = inMemoryResolver(new Map<string, DidDocument>([[keys.did, keys.doc]]));
    const didJwtVc = didJwtVcVerifier(resolver);
    const veramo = veramoVerifier(resolver);
    await didJwtVc(vc1);
    await veramo(vc1);
    const ourVc1 = await verifyCredential(env.deps, vc1);

    const mustVerify = async (token: string) => {
      const r = await verifyCredential(env.deps, token);
      if (!r.verified) throw new Error(`verification failed during the run: ${JSON.stringify(r.errors)}`);
    };
    const proposed = proposedVerifierDeps(env.deps);
    const mustVerifyProposed = async (token: string) => {
      const r = await verifyCredentialJwt(token, proposed);
      if (!r.verified) throw new Error(`verification (proposed caches) failed: ${JSON.stringify(r.errors)}`);
    };
    await mustVerifyProposed(jwt);
    const contenders: Contender[] = [
      { name: 'raw Ed25519 node:crypto.verify', op: () => nodeVerify(null, signingInput, keyObject, signature) },
      {
        name: 'raw Ed25519 WebCrypto subtle.verify',
        op: () => crypto.subtle.verify('Ed25519', cryptoKey, signature, signingInput),
        concurrency: CONCURRENCY,
      },
      {
        name: 'raw Ed25519 WebCrypto (sequential)',
        op: () => crypto.subtle.verify('Ed25519', cryptoKey, signature, signingInput),
      },
      { name: 'pipeline verifyCredential', op: () => mustVerify(jwt), concurrency: CONCURRENCY },
      { name: 'pipeline verifyCredential (sequential)', op: () => mustVerify(jwt) },
      { name: 'what-if: pipeline + trust/status caches', op: () => mustVerifyProposed(jwt), concurrency: CONCURRENCY },
      { name: 'did-jwt-vc verifyCredential (VC 1.1)', op: () => didJwtVc(vc1), concurrency: CONCURRENCY },
      { name: 'Veramo agent.verifyCredential (VC 1.1)', op: () => veramo(vc1), concurrency: CONCURRENCY },
    ];
    if (ourVc1.verified)
      contenders.push({ name: 'pipeline on the VC 1.1 JWT', op: () => mustVerify(vc1), concurrency: CONCURRENCY });
    const opts = ctx.quick
      ? { warmupMs: 300, durationMs: 500, runs: 3 }
      : { warmupMs: 1000, durationMs: 1500, runs: 5 };
    ctx.log(`verify: ${contenders.length} contenders x ${opts.runs} runs of ${opts.durationMs} ms`);
    const results = await compareThroughput(contenders, opts);
    const rate = (name: string) => results.find((r) => r.name === name)?.opsPerSec ?? Number.NaN;

    const pipeline = rate('pipeline verifyCredential');
    const rawNode = rate('raw Ed25519 node:crypto.verify');
    const rawWeb = rate('raw Ed25519 WebCrypto subtle.verify');
    const rawLimit = Math.max(rawNode, rawWeb);
    const bestLibrary = Math.max(
      rate('did-jwt-vc verifyCredential (VC 1.1)'),
      rate('Veramo agent.verifyCredential (VC 1.1)'),
    );
    const figures: Figure[] = [
      ...results.map((r) => ({
        bench: 'verify',
        name: `${r.name}${r.concurrency > 1 ? ` (x${r.concurrency})` : ''}`,
        value: r.opsPerSec,
        unit: 'ops/s',
      })),
      {
        bench: 'verify',
        name: 'pipeline / raw Ed25519 (faster of node:crypto, WebCrypto)',
        value: ratio(pipeline, rawLimit),
        unit: 'ratio',
        target: { op: '>=', value: 0.5 },
      },
      {
        bench: 'verify',
        name: 'what-if (trust/status caches) / raw Ed25519',
        value: ratio(rate('what-if: pipeline + trust/status caches'), rawLimit),
        unit: 'ratio',
      },
      {
        bench: 'verify',
        name: 'what-if (trust/status caches) / faster library',
        value: ratio(rate('what-if: pipeline + trust/status caches'), bestLibrary),
        unit: 'ratio',
      },
      { bench: 'verify', name: 'pipeline / raw node:crypto', value: ratio(pipeline, rawNode), unit: 'ratio' },
      { bench: 'verify', name: 'pipeline / raw WebCrypto', value: ratio(pipeline, rawWeb), unit: 'ratio' },
      {
        bench: 'verify',
        name: 'pipeline / faster of did-jwt-vc, Veramo',
        value: ratio(pipeline, bestLibrary),
        unit: 'ratio',
        target: { op: '>=', value: 10 },
      },
    ];
    return {
      figures,
      details: {
        concurrency: CONCURRENCY,
        options: opts,
        credentialBytes: jwt.length,
        vc1Bytes: vc1.length,
        ourPipelineOnVc1: { verified: ourVc1.verified, errors: ourVc1.errors },
        results: results.map((r) => ({
          name: r.name,
          concurrency: r.concurrency,
          opsPerSec: round(r.opsPerSec, 5),
          cores: round(r.cores),
          spread: round(r.spread),
          runs: r.runs.map((x) => round(x.opsPerSec, 5)),
        })),
      },
    };
  } finally {
    bw.close();
  }
}

export const verifyBenchmark: Benchmark = {
  name: 'verify',
  description: 'one credential through the full verifier vs raw Ed25519, did-jwt-vc and Veramo (ops/s and ratios)',
  run,
};
