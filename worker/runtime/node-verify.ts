/**
 * Ed25519 signature checks for the Node server on one dedicated thread. WebCrypto hands every check to libuv's
 * thread pool: one job, one wake-up and one lock per signature, shared with file and DNS work. Under load, those
 * hand-offs cost the event loop more than the JSON around them. Here checks made during one turn of the event
 * loop go to the thread as one message, and answers come back a few at a time, so responses are written while the
 * rest of the batch is still being checked. The thread holds only public keys. Only Node entry points import this
 * module (the Worker bundle must not pull node:worker_threads).
 */
import { createPublicKey, verify } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/** Answers per message back from the thread: small enough to overlap, large enough to spare messages. */
const ANSWERS_PER_MESSAGE = 8;

/** The thread's code (plain CommonJS, evaluated as-is: no loader or build step needed). */
const THREAD_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createPublicKey, verify } = require('node:crypto');
const keys = new Map();
const keyOf = (x) => {
  let key = keys.get(x);
  if (!key) {
    if (keys.size >= 1000) keys.clear();
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
    keys.set(x, key);
  }
  return key;
};
parentPort.on('message', (batch) => {
  let out = [];
  for (const [id, x, signature, data] of batch) {
    let ok = false;
    try { ok = verify(null, data, keyOf(x), signature); } catch { ok = false; }
    out.push(id, ok ? 1 : 0);
    if (out.length >= 2 * workerData.answersPerMessage) { parentPort.postMessage(out); out = []; }
  }
  if (out.length) parentPort.postMessage(out);
});
`;

type Check = [id: number, publicX: string, signature: Uint8Array, data: Uint8Array];

/** The same check on the calling thread: used when the thread is not available. */
function verifyHere(publicX: string, signature: Uint8Array, data: Uint8Array): boolean {
  try {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicX }, format: 'jwk' });
    return verify(null, data, key, signature);
  } catch {
    return false;
  }
}

/** Exactly the bytes of a view: structured cloning a view sends its whole buffer. */
function ownBytes(view: Uint8Array): Uint8Array {
  return view.byteOffset === 0 && view.byteLength === view.buffer.byteLength ? view : view.slice();
}

/** An Ed25519 checker backed by one thread, started on first use; `false` for any signature that does not verify. */
export function threadVerifier(): {
  verify(publicX: string, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
  /** Stops the thread; checks still waiting are answered on the calling thread. */
  close(): Promise<void>;
} {
  let thread: Worker | null = null;
  let queued: Check[] = [];
  const waiting = new Map<number, { check: Check; done: (ok: boolean) => void }>();
  let nextId = 0;

  // A thread that fails or exits must not leave a verification hanging: what it held is checked here.
  const settleHere = () => {
    thread = null;
    for (const { check, done } of waiting.values()) done(verifyHere(check[1], check[2], check[3]));
    waiting.clear();
  };
  const start = () => {
    const t = new Worker(THREAD_CODE, { eval: true, workerData: { answersPerMessage: ANSWERS_PER_MESSAGE } });
    t.unref();
    t.on('message', (answers: number[]) => {
      for (let i = 0; i < answers.length; i += 2) {
        const entry = waiting.get(answers[i] as number);
        if (!entry) continue;
        waiting.delete(answers[i] as number);
        entry.done(answers[i + 1] === 1);
      }
    });
    t.on('error', () => {
      if (thread === t) settleHere();
    });
    t.on('exit', () => {
      if (thread === t) settleHere();
    });
    return t;
  };
  const send = () => {
    if (!queued.length) return;
    const batch = queued;
    queued = [];
    thread ??= start();
    thread.postMessage(batch);
  };

  return {
    verify(publicX, signature, data) {
      return new Promise((done) => {
        const check: Check = [nextId++, publicX, ownBytes(signature), ownBytes(data)];
        waiting.set(check[0], { check, done });
        queued.push(check);
        // One message per turn of the event loop, carrying every check that turn asked for.
        if (queued.length === 1) setImmediate(send);
      });
    },
    async close() {
      const t = thread;
      thread = null;
      queued = [];
      if (t) await t.terminate();
      settleHere();
    },
  };
}

let shared: ReturnType<typeof threadVerifier> | undefined;

/** The process's one checker thread (it holds no secrets, so every app in the process can share it). */
export function nodeVerifyEd25519(publicX: string, signature: Uint8Array, data: Uint8Array): Promise<boolean> {
  shared ??= threadVerifier();
  return shared.verify(publicX, signature, data);
}
