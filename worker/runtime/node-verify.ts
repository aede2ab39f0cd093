/**
 * Ed25519 signature checks for the Node server on dedicated threads. WebCrypto hands every check to libuv's
 * thread pool: one job, one wake-up and one lock per signature, shared with file and DNS work. Under load, those
 * hand-offs cost the event loop more than the JSON around them. Here the checks made during one turn of the event
 * loop go to one thread as one message, and answers come back a few at a time, so responses are written while the
 * rest of the batch is still being checked. The threads hold only public keys. Only Node entry points import this
 * module (the Worker bundle must not pull node:worker_threads).
 */
import { createPublicKey, verify } from 'node:crypto';
import { availableParallelism } from 'node:os';
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

/** Checker threads for this machine: one per core, as WebCrypto's pool would use them, at most four. */
function defaultThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

interface CheckerThread {
  worker: Worker;
  waiting: Map<number, { check: Check; done: (ok: boolean) => void }>;
}

/**
 * An Ed25519 checker backed by `threads` threads, started on first use; `false` for any signature that does not
 * verify. Each turn's checks go, as one message, to the thread with the fewest checks in hand.
 */
export function threadVerifier(threads = defaultThreads()): {
  verify(publicX: string, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
  /** Stops the threads; checks still waiting are answered on the calling thread. */
  close(): Promise<void>;
} {
  let running: CheckerThread[] = [];
  let queued: { check: Check; done: (ok: boolean) => void }[] = [];
  let nextId = 0;

  // A thread that fails or exits must not leave a verification hanging: what it held is checked here.
  const settleHere = (t: CheckerThread) => {
    running = running.filter((r) => r !== t);
    for (const { check, done } of t.waiting.values()) done(verifyHere(check[1], check[2], check[3]));
    t.waiting.clear();
  };
  const start = (): CheckerThread => {
    const worker = new Worker(THREAD_CODE, { eval: true, workerData: { answersPerMessage: ANSWERS_PER_MESSAGE } });
    const t: CheckerThread = { worker, waiting: new Map() };
    worker.on('message', (answers: number[]) => {
      for (let i = 0; i < answers.length; i += 2) {
        const entry = t.waiting.get(answers[i] as number);
        if (!entry) continue;
        t.waiting.delete(answers[i] as number);
        entry.done(answers[i + 1] === 1);
      }
      if (t.waiting.size === 0) worker.unref();
    });
    worker.on('error', () => settleHere(t));
    worker.on('exit', () => settleHere(t));
    // A thread keeps the process alive only while it holds checks: an idle one must not keep a finished command or
    // benchmark from exiting, and a busy one must not let the process end before its answers arrive. (After the
    // listeners: adding a 'message' listener refs the thread's port again.)
    worker.unref();
    running.push(t);
    return t;
  };
  const leastBusy = (): CheckerThread => {
    const idle = running.find((t) => t.waiting.size === 0);
    if (idle) return idle;
    if (running.length < threads) return start();
    return running.reduce((a, b) => (b.waiting.size < a.waiting.size ? b : a));
  };
  const send = () => {
    if (!queued.length) return;
    const batch = queued;
    queued = [];
    const t = leastBusy();
    if (t.waiting.size === 0) t.worker.ref();
    for (const entry of batch) t.waiting.set(entry.check[0], entry);
    t.worker.postMessage(batch.map((e) => e.check));
  };

  return {
    verify(publicX, signature, data) {
      return new Promise((done) => {
        queued.push({ check: [nextId++, publicX, ownBytes(signature), ownBytes(data)], done });
        // One message per turn of the event loop, carrying every check that turn asked for.
        if (queued.length === 1) setImmediate(send);
      });
    },
    async close() {
      const stopping = running;
      running = [];
      for (const { check, done } of queued.splice(0)) done(verifyHere(check[1], check[2], check[3]));
      await Promise.all(stopping.map((t) => t.worker.terminate()));
      for (const t of stopping) settleHere(t);
    },
  };
}

let shared: ReturnType<typeof threadVerifier> | undefined;

/** The process's checker threads (they hold no secrets, so every app in the process can share them). */
export function nodeVerifyEd25519(publicX: string, signature: Uint8Array, data: Uint8Array): Promise<boolean> {
  shared ??= threadVerifier();
  return shared.verify(publicX, signature, data);
}
