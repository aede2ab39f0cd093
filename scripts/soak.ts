/**
 * Load and soak: starts the Node server (worker/node.ts, its own temporary data folder, demo data, verifier rate
 * limit raised, request logging off) and drives mixed traffic on 127.0.0.1 for a fixed time with autocannon:
 * - public verification: POST /credentials/verify with credentials issued through the API;
 * - a signed-in care worker's passport pages: /passport, a certificate page, /passport/pathway;
 * - issuing through the VC-API: POST /credentials/issue with an academy API token (a new learner each time).
 * It samples the server's RSS from /proc/<pid>/status every 5 s and reports requests, errors (must be 0), RSS at
 * start and end, and whether memory stayed flat (last-minute mean within 20% of the minute-2 mean).
 *
 *   npx tsx scripts/soak.ts                      # 10 minutes
 *   npx tsx scripts/soak.ts --minutes 2 --keep   # shorter; keep the data folder
 *   npx tsx scripts/soak.ts --json out.json      # also write the figures as JSON
 *
 * Run by hand (not part of npm test). Exits 1 when any request failed or memory grew.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon, { type Result } from 'autocannon';
import { DEMO_PASSWORD } from '../db/seed/demo-accounts';

declare module 'autocannon' {
  interface RequestSpec {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    setupRequest?: (req: RequestSpec) => RequestSpec;
  }
  interface Options {
    requests?: RequestSpec[];
  }
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const MINUTES = Number(arg('minutes') ?? 10);
const KEEP = process.argv.includes('--keep');
const JSON_OUT = arg('json');
const ACADEMY_SLUG = 'yorkshire-health-and-care-academy';
const SAMPLE_MS = 5000;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

async function startServer(dir: string): Promise<{ origin: string; proc: ChildProcess; output: string[] }> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  const proc = spawn(process.execPath, ['--import', 'tsx', 'worker/node.ts'], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_ORIGIN: `http://localhost:${port}`,
      DATABASE_URL: `file:${join(dir, 'soak.db')}`,
      MASTER_KEY: 'soak-master-key-0123456789-abcdefghijklmnopqrstuv',
      ENVIRONMENT: 'development',
      LOG_REQUESTS: 'false',
      SEED_DEMO: 'true',
      VERIFY_RATE_PER_MINUTE: '1000000000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout?.on('data', (d) => output.push(String(d)));
  proc.stderr?.on('data', (d) => output.push(String(d)));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited early:\n${output.join('')}`);
    try {
      if ((await fetch(`${origin}/healthz`)).ok) return { origin, proc, output };
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output.join('')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** RSS of a process in MiB, from /proc/<pid>/status. */
function rssMiB(pid: number): number {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

/** Signs in through the form and returns the session cookie. */
async function signIn(origin: string, email: string): Promise<string> {
  const res = await fetch(`${origin}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('cp_session='));
  if (res.status !== 303 || !cookie) throw new Error(`sign-in failed for ${email}: ${res.status}`);
  return cookie.split(';')[0]!;
}

async function page(origin: string, path: string, cookie: string): Promise<string> {
  const res = await fetch(`${origin}${path}`, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
  return res.text();
}

/** Everything the traffic needs, obtained the way a client would: sign-ins, an API token, credentials to verify. */
async function prepare(origin: string) {
  const worker = await signIn(origin, 'amira@worker.demo');
  const trainer = await signIn(origin, 'trainer@yhca.demo');
  const tokensPage = await page(origin, `/org/${ACADEMY_SLUG}/tokens`, trainer);
  const csrf = tokensPage.match(/name="_csrf" value="([^"]+)"/)?.[1];
  const created = await fetch(`${origin}/org/${ACADEMY_SLUG}/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: trainer, origin: new URL(origin).origin },
    body: new URLSearchParams([
      ['_csrf', csrf ?? ''],
      ['name', 'soak'],
      ['scopes', 'issue'],
      ['scopes', 'verify'],
    ]),
  });
  const token = (await created.text()).match(/cpt_[a-z2-7]{20,}/)?.[0];
  if (!token) throw new Error(`could not create an API token (${created.status})`);
  const academy = await page(origin, `/academy/${ACADEMY_SLUG}`, trainer);
  const achievements = [...new Set([...academy.matchAll(/\/achievements\/([0-9a-f-]{36})/g)].map((m) => m[1]!))];
  if (!achievements.length) throw new Error('no achievements on the academy page');
  const jwts: string[] = [];
  for (let i = 0; i < 20; i++) {
    const res = await fetch(`${origin}/credentials/issue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        credential: {
          achievementId: achievements[i % achievements.length],
          credentialSubject: { email: `verify${i}@soak.example`, name: `Verify ${i}` },
        },
        options: { notify: false },
      }),
    });
    if (res.status !== 201) throw new Error(`issue: ${res.status} ${await res.text()}`);
    jwts.push(
      String(((await res.json()) as { verifiableCredential: { id: string } }).verifiableCredential.id).slice(
        'data:application/vc+jwt,'.length,
      ),
    );
  }
  const passport = await page(origin, '/passport', worker);
  const credentialIds = [
    ...new Set([...passport.matchAll(/\/passport\/credentials\/([0-9a-f-]{36})/g)].map((m) => m[1]!)),
  ];
  if (!credentialIds.length) throw new Error('the demo worker has no credentials');
  return { worker, token, achievements, jwts, credentialIds };
}

interface StreamFigures {
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  rps: number;
  p50: number;
  p99: number;
  statusCodes: Record<string, number>;
}

function figures(r: Result): StreamFigures {
  return {
    requests: r['2xx'] + r.non2xx,
    ok: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count])),
  };
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);
const round1 = (x: number) => Math.round(x * 10) / 10;

async function main() {
  if (!(MINUTES > 0)) throw new Error('--minutes must be positive');
  const dir = mkdtempSync(join(tmpdir(), 'cp-soak-'));
  const server = await startServer(dir);
  const pid = server.proc.pid!;
  let stopping = false;
  try {
    const ctx = await prepare(server.origin);
    const duration = Math.round(MINUTES * 60);
    const started = Date.now();
    const samples: { t: number; rss: number }[] = [{ t: 0, rss: rssMiB(pid) }];
    const sampler = setInterval(() => samples.push({ t: (Date.now() - started) / 1000, rss: rssMiB(pid) }), SAMPLE_MS);
    let issued = 0;
    let turn = 0;
    console.log(
      `Soaking ${server.origin} for ${MINUTES} min (server pid ${pid}, RSS ${round1(samples[0]!.rss)} MiB after setup)...`,
    );

    const verify = autocannon({
      url: server.origin,
      connections: 4,
      duration,
      requests: [
        {
          method: 'POST',
          path: '/credentials/verify',
          headers: { 'content-type': 'application/json' },
          setupRequest: (req) => ({
            ...req,
            body: JSON.stringify({ verifiableCredential: ctx.jwts[turn++ % ctx.jwts.length] }),
          }),
        },
      ],
    });
    const pages = autocannon({
      url: server.origin,
      connections: 2,
      duration,
      headers: { cookie: ctx.worker },
      requests: [
        { method: 'GET', path: '/passport' },
        { method: 'GET', path: `/passport/credentials/${ctx.credentialIds[0]}` },
        { method: 'GET', path: '/passport/pathway' },
      ],
    });
    const issue = autocannon({
      url: server.origin,
      connections: 1,
      duration,
      requests: [
        {
          method: 'POST',
          path: '/credentials/issue',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${ctx.token}` },
          setupRequest: (req) => {
            const n = issued++;
            return {
              ...req,
              body: JSON.stringify({
                credential: {
                  achievementId: ctx.achievements[n % ctx.achievements.length],
                  credentialSubject: { email: `learner${n}@soak.example`, name: `Learner ${n}` },
                },
              }),
            };
          },
        },
      ],
    });
    const progress = setInterval(() => {
      const last = samples.at(-1)!;
      console.log(`  ${Math.round(last.t)} s  RSS ${round1(last.rss)} MiB  issued ${issued}`);
    }, 60_000);
    const [v, p, i] = await Promise.all([verify, pages, issue]);
    clearInterval(sampler);
    clearInterval(progress);
    samples.push({ t: (Date.now() - started) / 1000, rss: rssMiB(pid) });

    const streams = { verify: figures(v), passportPages: figures(p), issue: figures(i) };
    const totals = Object.values(streams).reduce(
      (a, s) => ({ requests: a.requests + s.requests, failed: a.failed + s.non2xx + s.errors + s.timeouts }),
      { requests: 0, failed: 0 },
    );
    const inWindow = (from: number, to: number) =>
      mean(samples.filter((s) => s.t >= from && s.t < to).map((s) => s.rss));
    // Minute 2 is the baseline (minute 1 is warm-up: JIT, caches filling); compare the last minute with it.
    const base = duration >= 180 ? inWindow(60, 120) : inWindow(duration * 0.2, duration * 0.4);
    const last = duration >= 180 ? inWindow(duration - 60, duration + 1) : inWindow(duration * 0.8, duration + 1);
    const growth = (last - base) / base;
    const unhandled = server.output
      .join('')
      .split('\n')
      .filter((l) => l.includes('"unhandled"'));
    const report = {
      minutes: MINUTES,
      requests: totals.requests,
      errors: totals.failed,
      streams,
      issuedDuringSoak: streams.issue.ok,
      rssMiB: {
        start: round1(samples[0]!.rss),
        end: round1(samples.at(-1)!.rss),
        peak: round1(Math.max(...samples.map((s) => s.rss))),
        minute2Mean: round1(base),
        lastMinuteMean: round1(last),
        growthPercent: round1(growth * 100),
      },
      memoryFlat: Math.abs(growth) <= 0.2,
      unhandledErrorsLogged: unhandled.length,
    };
    console.log(JSON.stringify(report, null, 2));
    if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify({ ...report, samples }, null, 2));
    console.log(
      `\n${report.requests} requests, ${report.errors} errors; RSS ${report.rssMiB.start} -> ${report.rssMiB.end} MiB ` +
        `(minute 2 mean ${report.rssMiB.minute2Mean}, last minute ${report.rssMiB.lastMinuteMean}: ${report.memoryFlat ? 'flat' : 'GREW'})`,
    );
    stopping = true;
    process.exitCode = report.errors || unhandled.length || !report.memoryFlat ? 1 : 0;
  } finally {
    if (!stopping) console.error(server.output.join('').slice(-4000));
    server.proc.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    if (server.proc.exitCode === null) server.proc.kill('SIGKILL');
    if (KEEP) console.log(`data kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
