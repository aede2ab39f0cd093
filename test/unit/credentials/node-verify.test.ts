/**
 * The Node server's Ed25519 checks on a dedicated thread: the same answers as WebCrypto, each answer to its own
 * question when many are asked at once, and nothing left waiting when the thread goes away.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createVerifierCache } from '../../../worker/credentials/cache';
import { signCredentialJwt } from '../../../worker/credentials/issue';
import { parseCompactJwt } from '../../../worker/credentials/jwt';
import { generateEd25519KeyPair, importPrivateKey } from '../../../worker/credentials/keys';
import { verifyWithKeys } from '../../../worker/credentials/verify-common';
import { keyFingerprint } from '../../../worker/credentials/algorithms';
import { Cache } from '../../../worker/lib/cache';
import { threadVerifier } from '../../../worker/runtime/node-verify';

const open: ReturnType<typeof threadVerifier>[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((v) => v.close()));
});

function verifier() {
  const v = threadVerifier();
  open.push(v);
  return v;
}

async function signed(text: string) {
  const { publicJwk, privateJwk } = await generateEd25519KeyPair();
  const key = await importPrivateKey(privateJwk);
  const data = new TextEncoder().encode(text);
  const signature = new Uint8Array(await crypto.subtle.sign('Ed25519', key, data));
  return { x: publicJwk.x as string, data, signature };
}

describe('Ed25519 checks on a dedicated thread', () => {
  it('accepts a good signature and refuses altered data, another key, a bad key and a short signature', async () => {
    const v = verifier();
    const a = await signed('a credential');
    const b = await signed('another credential');
    expect(await v.verify(a.x, a.signature, a.data)).toBe(true);
    expect(await v.verify(a.x, a.signature, b.data)).toBe(false);
    expect(await v.verify(b.x, a.signature, a.data)).toBe(false);
    expect(await v.verify('not-a-key', a.signature, a.data)).toBe(false);
    expect(await v.verify(a.x, a.signature.slice(0, 63), a.data)).toBe(false);
  });

  it('answers each of many checks asked in the same turn with its own result', async () => {
    const v = verifier();
    const pairs = await Promise.all(Array.from({ length: 6 }, (_, i) => signed(`credential ${i}`)));
    const asked = Array.from({ length: 200 }, (_, i) => {
      const p = pairs[i % pairs.length]!;
      const good = i % 3 !== 0;
      const data = good ? p.data : new TextEncoder().encode(`tampered ${i}`);
      return { good, answer: v.verify(p.x, p.signature, data) };
    });
    const answers = await Promise.all(asked.map((a) => a.answer));
    expect(answers).toEqual(asked.map((a) => a.good));
  });

  it('checks only the bytes a view shows, not the rest of its buffer', async () => {
    const v = verifier();
    const a = await signed('inside a larger buffer');
    const buffer = new Uint8Array(a.data.length + 20).fill(7);
    buffer.set(a.data, 10);
    expect(await v.verify(a.x, a.signature, buffer.subarray(10, 10 + a.data.length))).toBe(true);
    expect(await v.verify(a.x, a.signature, buffer.subarray(9, 9 + a.data.length))).toBe(false);
  });

  it('answers checks still waiting when the thread is stopped, on the calling thread', async () => {
    const v = verifier();
    const a = await signed('asked just before a stop');
    await v.verify(a.x, a.signature, a.data); // the thread is running
    const waiting = [v.verify(a.x, a.signature, a.data), v.verify(a.x, a.signature, new Uint8Array([1, 2, 3]))];
    await v.close();
    expect(await Promise.all(waiting)).toEqual([true, false]);
    // A later check starts a new thread.
    expect(await v.verify(a.x, a.signature, a.data)).toBe(true);
  });
});

describe('the verifier with a runtime Ed25519 check', () => {
  it('takes the runtime check for an EdDSA token, and a refusal there fails the signature', async () => {
    const { publicJwk, privateJwk } = await generateEd25519KeyPair();
    const kid = 'did:web:academy.example#key-1';
    const jwt = await signCredentialJwt(
      {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiableCredential'],
        issuer: 'did:web:academy.example',
        credentialSubject: { id: 'did:example:learner' },
      },
      { kid, privateKey: await importPrivateKey(privateJwk) },
    );
    const parsed = parseCompactJwt(jwt);
    if (!parsed.ok) throw new Error(parsed.message);
    const candidate = { vmId: kid, jwk: publicJwk, alg: 'EdDSA' as const, fingerprint: keyFingerprint(publicJwk) };
    const asked: string[] = [];
    const withAnswer = (answer: boolean | 'thread') =>
      createVerifierCache({
        keys: new Cache({ ttlMs: Number.POSITIVE_INFINITY, max: 10 }, Date.now),
        statusLists: new Cache({ ttlMs: Number.POSITIVE_INFINITY, max: 10 }, Date.now),
        verifyEd25519: async (x, signature, data) => {
          asked.push(x);
          return answer === 'thread' ? verifier().verify(x, signature, data) : answer;
        },
      });
    expect(await verifyWithKeys(parsed.jwt, [candidate], withAnswer('thread'))).toEqual(candidate);
    expect(await verifyWithKeys(parsed.jwt, [candidate], withAnswer(false))).toBeNull();
    expect(asked).toEqual([publicJwk.x, publicJwk.x]);
  });
});

describe('a process that checked signatures', () => {
  it('exits by itself when its work is done: the checker threads do not keep it alive', async () => {
    const { spawnSync } = await import('node:child_process');
    const script = [
      "import { generateKeyPairSync, sign } from 'node:crypto';",
      "import { nodeVerifyEd25519 } from './worker/runtime/node-verify.ts';",
      "const { publicKey, privateKey } = generateKeyPairSync('ed25519');",
      'const data = new Uint8Array([1, 2, 3]);',
      'const signature = new Uint8Array(sign(null, data, privateKey));',
      "const x = publicKey.export({ format: 'jwk' }).x;",
      'const answers = await Promise.all([nodeVerifyEd25519(x, signature, data), nodeVerifyEd25519(x, signature, new Uint8Array([4]))]);',
      'console.log(JSON.stringify(answers));',
    ].join('\n');
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: process.cwd(),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('[true,false]');
  }, 40_000);
});
