/**
 * Benchmark 2 — an employer checks a passport at hire: server-side time to verify a worker's 100 credentials
 * and assess them against a catalogue role. Two shapes, both in-process through the services:
 *  - 100 credentials verified one by one (verifyCredential, concurrently) + holdingsFromResults + roleFitFor;
 *  - one holder-signed presentation of the same 100 credentials (verifyPresentation, fresh nonce each time) + role fit.
 */
import { signPresentationJwt } from '../worker/credentials/presentation';
import { holderSigner } from '../worker/services/passport/holders';
import type { IssuedCredential } from '../worker/services/academy/issue-types';
import { holdingsFromResults, loadRequirements, roleFitFor } from '../worker/services/employer/role-fit';
import { verifyCredentialJwt } from '../worker/credentials/verify';
import { verifyCredential, verifyPresentation } from '../worker/services/verification/verifier';
import type { BenchContext, BenchOutput, Benchmark } from './lib/context';
import { perRequestVerifierDeps, proposedVerifierDeps } from './lib/proposed';
import type { Figure } from './lib/report';
import { round, sampleLatencies, summarize } from './lib/stats';
import { benchWorld } from './lib/world';

/** A care worker role from the reference catalogue (Care Workforce Pathway), with ~19 requirements. */
export const ROLE = 'role:cwp-care-or-support-worker';
export const CREDENTIALS = 100;

async function run(ctx: BenchContext): Promise<BenchOutput> {
  const bw = await benchWorld();
  try {
    const { env, world } = bw;
    const { db, config } = env.deps;
    const now = env.deps.clock();
    const requirements = await loadRequirements(db, ROLE);
    if (!requirements?.length) throw new Error(`${ROLE} has no requirements in the catalogue`);

    // One achievement per requirement of the role; the worker's 100 credentials spread over them, some renewed,
    // some lapsed, some older than the role's maximum age, like a long career's worth of training.
    const loadedList = [];
    for (const r of requirements) {
      try {
        loadedList.push(await bw.achievement({ name: `Bench: ${r.name}`.slice(0, 120), alignedIds: [r.competencyId] }));
      } catch (error) {
        ctx.log(`role-fit: skipped requirement ${r.competencyId} (${(error as Error).message})`);
      }
    }
    if (!loadedList.length) throw new Error('no achievement could be created for the role');
    const issued: IssuedCredential[] = [];
    for (let i = 0; issued.length < CREDENTIALS; i++) {
      const loaded = loadedList[i % loadedList.length];
      if (!loaded) break;
      const daysAgo = (i * 37) % 1400;
      const completedOn = new Date(now.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);
      issued.push(...(await bw.issue([{ email: world.worker.email, name: 'Wendy Worker', completedOn }], loaded)));
    }
    const jwts = issued.map((c) => c.jwt);

    const verifyAndFit = async () => {
      const results = await Promise.all(jwts.map((jwt) => verifyCredential(env.deps, jwt)));
      const fit = await roleFitFor(env.deps, ROLE, holdingsFromResults(results), env.deps.clock());
      return { results, fit };
    };
    const check = await verifyAndFit();
    const bad = check.results.filter((r) => !r.verified && !r.errors.every((e) => e.code === 'expired'));
    if (bad.length) throw new Error(`${bad.length} credentials failed to verify: ${JSON.stringify(bad[0]?.errors)}`);
    if (!check.fit?.lines.length) throw new Error('role fit returned nothing');

    const signer = await holderSigner(db, config, world.worker.id);
    if (!signer) throw new Error('the worker has no holder key');
    const audience = `${config.PUBLIC_ORIGIN}/shares/bench`;
    const present = async () => {
      const nonce = crypto.randomUUID();
      const jwt = await signPresentationJwt({
        holderDid: signer.did,
        kid: signer.kid,
        privateKey: signer.privateKey,
        credentialJwts: jwts,
        audience,
        nonce,
        validSeconds: 300,
        now: env.deps.clock(),
      });
      return { jwt, nonce };
    };
    const presentAndFit = async (p: { jwt: string; nonce: string }) => {
      const result = await verifyPresentation(env.deps, p.jwt, {
        audience,
        nonce: p.nonce,
        maxCredentials: CREDENTIALS,
      });
      const fit = await roleFitFor(env.deps, ROLE, holdingsFromResults(result.credentials), env.deps.clock());
      return { result, fit };
    };
    const vpCheck = await presentAndFit(await present());
    const vpErrors = vpCheck.result.errors.filter((e) => e.code !== 'credential_invalid');
    if (vpErrors.length) throw new Error(`the presentation failed: ${JSON.stringify(vpErrors)}`);

    const opts = ctx.quick
      ? { warmup: 5, iterations: 30, maxMs: 5_000 }
      : { warmup: 20, iterations: 200, maxMs: 20_000 };
    ctx.log(
      `role-fit: ${CREDENTIALS} credentials, ${requirements.length} requirements, ${opts.iterations} samples per shape`,
    );
    const credentialsMs = await sampleLatencies(() => verifyAndFit(), opts);
    const proposed = proposedVerifierDeps(env.deps);
    const whatIfMs = await sampleLatencies(async () => {
      const results = await Promise.all(jwts.map((jwt) => verifyCredentialJwt(jwt, proposed)));
      return roleFitFor(env.deps, ROLE, holdingsFromResults(results), env.deps.clock());
    }, opts);
    const memoMs = await sampleLatencies(async () => {
      const perRequest = perRequestVerifierDeps(env.deps);
      const results = await Promise.all(jwts.map((jwt) => verifyCredentialJwt(jwt, perRequest)));
      return roleFitFor(env.deps, ROLE, holdingsFromResults(results), env.deps.clock());
    }, opts);
    const presentationMs = await sampleLatencies((p: { jwt: string; nonce: string }) => presentAndFit(p), {
      ...opts,
      prepare: present,
    });

    // Stage split of the first shape, for the report: verification vs the role-fit step.
    const stageVerify = await sampleLatencies(() => Promise.all(jwts.map((jwt) => verifyCredential(env.deps, jwt))), {
      warmup: 2,
      iterations: Math.min(50, opts.iterations),
    });
    const holdings = holdingsFromResults(check.results);
    const stageFit = await sampleLatencies(() => roleFitFor(env.deps, ROLE, holdings, env.deps.clock()), {
      warmup: 5,
      iterations: 100,
    });

    const c = summarize(credentialsMs);
    const p = summarize(presentationMs);
    const target = { op: '<' as const, value: 20 };
    const figures: Figure[] = [
      {
        bench: 'role-fit',
        name: `verify ${CREDENTIALS} credentials + role fit, p50`,
        value: c.p50,
        unit: 'ms',
        target,
      },
      { bench: 'role-fit', name: `verify ${CREDENTIALS} credentials + role fit, p95`, value: c.p95, unit: 'ms' },
      { bench: 'role-fit', name: `presentation of ${CREDENTIALS} + role fit, p50`, value: p.p50, unit: 'ms', target },
      { bench: 'role-fit', name: `presentation of ${CREDENTIALS} + role fit, p95`, value: p.p95, unit: 'ms' },
      {
        bench: 'role-fit',
        name: 'what-if (lookups memoised per request): credentials + fit, p50',
        value: summarize(memoMs).p50,
        unit: 'ms',
      },
      {
        bench: 'role-fit',
        name: 'what-if (trust/status caches): credentials + fit, p50',
        value: summarize(whatIfMs).p50,
        unit: 'ms',
      },
      { bench: 'role-fit', name: 'of which: role fit alone, p50', value: summarize(stageFit).p50, unit: 'ms' },
    ];
    const r = (s: ReturnType<typeof summarize>) =>
      Object.fromEntries(Object.entries(s).map(([k, v]) => [k, round(v, 4)]));
    return {
      figures,
      details: {
        role: ROLE,
        requirements: requirements.length,
        credentials: jwts.length,
        expiredAmongThem: check.results.filter((x) => !x.verified).length,
        fitSummary: check.fit.summary,
        samples: opts,
        credentialsPlusFitMs: r(c),
        presentationPlusFitMs: r(p),
        whatIfCachesPlusFitMs: r(summarize(whatIfMs)),
        whatIfPerRequestMemoPlusFitMs: r(summarize(memoMs)),
        stages: { verify100Ms: r(summarize(stageVerify)), roleFitMs: r(summarize(stageFit)) },
      },
    };
  } finally {
    bw.close();
  }
}

export const roleFitBenchmark: Benchmark = {
  name: 'role-fit',
  description: "verify a worker's 100 credentials (and a presentation of them) + role fit for a catalogue role",
  run,
};
