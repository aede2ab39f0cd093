/**
 * Benchmark — issuing into a wallet vs issuing to the passport, server time per credential, in process through
 * app.request. Passport: POST /credentials/issue with the academy's token to a worker who has a passport. Wallet
 * (OpenID4VCI, pre-authorised code): the worker's offer (the service behind "Add to a wallet app"), the token
 * request with the PIN, the nonce request and the credential request with a key proof. The wallet's own work
 * (making its key and signing the proof) is not server time and is not timed. Every wallet copy is checked to be
 * bound to the wallet's key before anything is reported. The issue's rule: wallet adds ≤ 20 ms p50.
 */
import { verifyCredential } from '../worker/services/verification/verifier';
import { createWalletOffer } from '../worker/services/wallets/offers';
import { codeOf, handMadeProof, rawWallet, walletKey } from '../test/helpers/wallet';
import type { BenchContext, BenchOutput, Benchmark } from './lib/context';
import type { Figure } from './lib/report';
import { round, summarize } from './lib/stats';
import { type BenchWorld, benchWorld } from './lib/world';

/** The two ways a wallet can take a copy: the vc+jwt configuration and the Data Integrity (ldp_vc) one. */
const CONFIGURATIONS = { jwt: 'OpenBadgeCredential_jwt_vc_json', ldp: 'OpenBadgeCredential_ldp_vc' } as const;
type Configuration = (typeof CONFIGURATIONS)[keyof typeof CONFIGURATIONS];

async function timed<T>(work: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await work();
  return { value, ms: performance.now() - t0 };
}

/** One credential to the worker's passport through the VC-API, as an academy's system issues it. */
async function toPassport(bw: BenchWorld, achievementId: string): Promise<{ ms: number; credentialId: string }> {
  const { value: res, ms } = await timed(() =>
    bw.env.app.request('/credentials/issue', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bw.world.apiToken}` },
      body: JSON.stringify({
        credential: { achievementId, credentialSubject: { email: bw.world.worker.email, name: 'Wendy Worker' } },
        options: { notify: false },
      }),
    }),
  );
  if (res.status !== 201) throw new Error(`passport issue answered ${res.status}`);
  const body = (await res.json()) as { credentialId: string };
  return { ms, credentialId: body.credentialId.replace('urn:uuid:', '') };
}

/** The same credential into a wallet: offer, token, nonce, credential (server time only); returns the copy too. */
async function toWallet(
  bw: BenchWorld,
  credentialId: string,
  configuration: Configuration,
): Promise<{ ms: number; copy: string }> {
  const { db, config, clock } = bw.env.deps;
  const request = (url: string, init?: RequestInit) => bw.env.app.request(url, init);
  const offer = await timed(() =>
    createWalletOffer(db, config, { userId: bw.world.worker.id, credentialId, now: clock() }),
  );
  const { issuer, code } = codeOf(offer.value.deepLink);
  const raw = rawWallet(request, issuer);
  const token = await timed(
    async () => (await (await raw.token(code, offer.value.txCode)).json()) as { access_token: string },
  );
  const nonce = await timed(() => raw.nonce());
  const key = await walletKey('ES256');
  const aud = issuer;
  const proof = await handMadeProof(key, {}, { aud, iat: Math.floor(clock().getTime() / 1000), nonce: nonce.value });
  const credential = await timed(() =>
    raw.credential(token.value.access_token, { credential_configuration_id: configuration, proofs: { jwt: [proof] } }),
  );
  if (credential.value.status !== 200) throw new Error(`wallet credential answered ${credential.value.status}`);
  const body = (await credential.value.json()) as { credentials: { credential: string | object }[] };
  const copy = body.credentials[0]?.credential ?? '';
  // A Data Integrity copy is a JSON object; the verifier reads it as its JSON text.
  return {
    ms: offer.ms + token.ms + nonce.ms + credential.ms,
    copy: typeof copy === 'string' ? copy : JSON.stringify(copy),
  };
}

async function run(ctx: BenchContext): Promise<BenchOutput> {
  const warmup = ctx.quick ? 5 : 20;
  const iterations = ctx.quick ? 30 : 200;
  const bw = await benchWorld();
  try {
    const achievementId = bw.loaded.achievement.id;
    const passport: number[] = [];
    const wallet: number[] = [];
    const walletLdp: number[] = [];
    const last = { jwt: '', ldp: '' };
    for (let i = 0; i < warmup + iterations; i++) {
      // Alternate the three, so machine drift hits all alike.
      const issued = await toPassport(bw, achievementId);
      const copy = await toWallet(bw, issued.credentialId, CONFIGURATIONS.jwt);
      const ldp = await toWallet(bw, issued.credentialId, CONFIGURATIONS.ldp);
      if (i >= warmup) {
        passport.push(issued.ms);
        wallet.push(copy.ms);
        walletLdp.push(ldp.ms);
      }
      last.jwt = copy.copy;
      last.ldp = ldp.copy;
    }
    for (const copy of [last.jwt, last.ldp]) {
      const check = await verifyCredential(bw.env.deps, copy);
      const subject = (check.credential as { credentialSubject?: { id?: string } } | undefined)?.credentialSubject?.id;
      if (!check.verified || !subject?.startsWith('did:jwk:')) throw new Error('a wallet copy did not verify');
    }
    ctx.log(`wallet: ${iterations} samples of each`);
    const p = summarize(passport);
    const w = summarize(wallet);
    const wl = summarize(walletLdp);
    const figures: Figure[] = [
      { bench: 'wallet', name: 'issue to the passport (POST /credentials/issue), p50', value: p.p50, unit: 'ms' },
      {
        bench: 'wallet',
        name: 'issue into a wallet (offer + token + nonce + credential), p50',
        value: w.p50,
        unit: 'ms',
      },
      {
        bench: 'wallet',
        name: 'wallet over passport, p50 server time',
        value: w.p50 - p.p50,
        unit: 'ms',
        target: { op: '<=', value: 20 },
      },
      { bench: 'wallet', name: 'issue into a wallet, p95', value: w.p95, unit: 'ms' },
      {
        bench: 'wallet',
        name: 'issue into a wallet as ldp_vc (Data Integrity), p50',
        value: wl.p50,
        unit: 'ms',
      },
      {
        bench: 'wallet',
        name: 'wallet ldp_vc over passport, p50 server time',
        value: wl.p50 - p.p50,
        unit: 'ms',
        target: { op: '<=', value: 20 },
      },
    ];
    return {
      figures,
      details: {
        samples: iterations,
        warmup,
        passportMs: Object.fromEntries(Object.entries(p).map(([k, v]) => [k, round(v, 4)])),
        walletMs: Object.fromEntries(Object.entries(w).map(([k, v]) => [k, round(v, 4)])),
        walletLdpMs: Object.fromEntries(Object.entries(wl).map(([k, v]) => [k, round(v, 4)])),
      },
    };
  } finally {
    bw.close();
  }
}

export const walletIssueBenchmark: Benchmark = {
  name: 'wallet',
  description: 'issue one credential into a wallet (OpenID4VCI) vs to the passport: server time p50',
  run,
};
