/**
 * The two servers the HTTP benchmarks drive, each with its own fresh database:
 *  - Node: worker/node.ts over a libSQL file, started as test/e2e/harness.ts startServer does;
 *  - edge: `wrangler dev` (workerd + local D1), prepared with the same steps as scripts/dev-edge.sh (migrations,
 *    reference seed) but in a private --persist-to directory, so a developer's own .wrangler state is untouched.
 * Both get the same bench issuer (an approved academy with an API token and one achievement) through SQL, and
 * credentials are then issued through the public API.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createClient } from '@libsql/client';
import { hashToken } from '../../worker/lib/ids';
import { API_TOKEN_PREFIX } from '../../worker/middleware/actor';
import { freePort, startServer } from '../../test/e2e/harness';
import { descendants, stopGroup, track, trackDir, waitForOk } from './processes';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
export const OFFLINE_WRANGLER_ENV = { WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };
/** Public verifier rate limit for load tests (per client address per minute): high enough never to trigger. */
export const LOAD_TEST_RATE = '100000000';

export interface BenchIssuer {
  token: string;
  achievementId: string;
  sql: string;
}

/** SQL that adds an approved academy (issuing scope: CSTF), an API token and a Moving and handling achievement. */
export function benchIssuerSql(now = new Date()): BenchIssuer {
  const token = `${API_TOKEN_PREFIX}bench${crypto.randomUUID().replaceAll('-', '')}`;
  const achievementId = crypto.randomUUID();
  const at = now.toISOString();
  const q = (s: string) => `'${s.replaceAll("'", "''")}'`;
  const sql = [
    `INSERT INTO organisations (id, slug, name, kind, status, approved_at, created_at) VALUES ('bench-academy', 'bench-academy', 'Bench Care Academy', 'academy', 'approved', ${q(at)}, ${q(at)});`,
    `INSERT INTO issuer_scopes (org_id, framework_id, approved_at) VALUES ('bench-academy', 'cstf', ${q(at)});`,
    `INSERT INTO api_tokens (id, org_id, name, token_hash, scopes, created_at) VALUES ('bench-token', 'bench-academy', 'bench', ${q(hashToken(token))}, '["issue","verify"]', ${q(at)});`,
    `INSERT INTO achievements (id, org_id, name, description, criteria, achievement_type, assessment_method, created_at) VALUES (${q(achievementId)}, 'bench-academy', 'Moving and handling (level 2)', 'Safe moving and handling of people, with practical assessment.', 'Completed the classroom session and passed an observed practical assessment.', 'CertificateOfCompletion', 'observed-practice', ${q(at)});`,
    `INSERT INTO achievement_alignments (achievement_id, competency_id) VALUES (${q(achievementId)}, 'cstf-mh-l2');`,
  ].join('\n');
  return { token, achievementId, sql };
}

/** Issues one credential through POST /credentials/issue; returns the compact vc+jwt. */
export async function issueOverHttp(
  origin: string,
  issuer: BenchIssuer,
  email = 'bench.worker@example.invalid',
): Promise<string> {
  const res = await fetch(`${origin}/credentials/issue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${issuer.token}` },
    body: JSON.stringify({
      credential: {
        achievementId: issuer.achievementId,
        credentialSubject: { email, name: 'Bench Worker' },
        validFrom: '2026-01-15',
      },
      // A fixed completion date: once its validity has run out, issuing it needs the academy's confirmation.
      options: { notify: false, allowExpired: true },
    }),
  });
  const body = (await res.json()) as { verifiableCredential?: { id: string } };
  if (res.status !== 201 || !body.verifiableCredential)
    throw new Error(`issue failed: ${res.status} ${JSON.stringify(body)}`);
  return body.verifiableCredential.id.slice('data:application/vc+jwt,'.length);
}

/** Verifies once over HTTP and throws unless the result is verified (a load test of failures proves nothing). */
export async function verifyOverHttp(origin: string, jwt: string): Promise<void> {
  const res = await fetch(`${origin}/credentials/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ verifiableCredential: jwt }),
  });
  const body = (await res.json()) as { verified?: boolean; errors?: unknown };
  if (res.status !== 200 || !body.verified)
    throw new Error(`verify failed: ${res.status} ${JSON.stringify(body.errors ?? body)}`);
}

export interface RunningBenchServer {
  kind: 'node' | 'edge';
  /** Base URL for load (127.0.0.1, never a name that could resolve elsewhere). */
  url: string;
  /** PUBLIC_ORIGIN the app was configured with. */
  origin: string;
  issuer: BenchIssuer;
  /** Spawn to first 2xx from /healthz. */
  startupMs: number;
  /** Spawn to wrangler's "Ready on" line (edge only; the rest of startupMs is the first request building the app). */
  readyMs?: number;
  /** Processes whose memory counts as the server's. */
  pids(): number[];
  /** The runtime proper (workerd for the edge; the Node process for Node). */
  enginePids(): number[];
  output(): string;
  stop(): Promise<void>;
}

/** Starts worker/node.ts on a free port with a fresh database, the bench issuer inserted, and load-test settings. */
export async function startNodeServer(): Promise<RunningBenchServer> {
  const t0 = performance.now();
  const server = await startServer({
    VERIFY_RATE_PER_MINUTE: LOAD_TEST_RATE,
    LOG_REQUESTS: 'false',
    SEED_DEMO: 'false',
  });
  track(server.proc, false);
  trackDir(server.dir);
  const startupMs = performance.now() - t0;
  try {
    const issuer = benchIssuerSql();
    const client = createClient({ url: `file:${join(server.dir, 'e2e.db')}` });
    await client.executeMultiple(issuer.sql);
    client.close();
    const port = new URL(server.origin).port;
    return {
      kind: 'node',
      url: `http://127.0.0.1:${port}`,
      origin: server.origin,
      issuer,
      startupMs,
      pids: () => (server.proc.pid ? [server.proc.pid] : []),
      enginePids: () => (server.proc.pid ? [server.proc.pid] : []),
      output: () => server.output.join(''),
      stop: () => server.stop(),
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** Starts bench/lib/whatif-server.ts (the proposed verifier behind the real app) like startNodeServer. */
export async function startWhatIfServer(): Promise<RunningBenchServer> {
  const dir = mkdtempSync(join(tmpdir(), 'cp-bench-whatif-'));
  trackDir(dir);
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const output: string[] = [];
  const t0 = performance.now();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/whatif-server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      PUBLIC_ORIGIN: origin,
      DATABASE_URL: `file:${join(dir, 'whatif.db')}`,
      MASTER_KEY: 'whatif-master-key-0123456789-abcdefghijklmnopqrstuv',
      VERIFY_RATE_PER_MINUTE: LOAD_TEST_RATE,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  track(proc, true);
  proc.stdout?.on('data', (d) => output.push(String(d)));
  proc.stderr?.on('data', (d) => output.push(String(d)));
  const stop = async () => {
    await stopGroup(proc);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const url = `http://127.0.0.1:${port}`;
    await waitForOk(`${url}/healthz`, { timeoutMs: 60_000, alive: () => proc.exitCode === null });
    const startupMs = performance.now() - t0;
    const issuer = benchIssuerSql();
    const client = createClient({ url: `file:${join(dir, 'whatif.db')}` });
    await client.executeMultiple(issuer.sql);
    client.close();
    const pid = proc.pid as number;
    return {
      kind: 'node',
      url,
      origin,
      issuer,
      startupMs,
      pids: () => [pid],
      enginePids: () => [pid],
      output: () => output.join(''),
      stop,
    };
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${output.join('').slice(-3000)}`);
  }
}

/** Runs a wrangler command offline (no metrics, no account look-ups) and returns its standard output. */
export async function wrangler(args: string[], cwd = ROOT): Promise<string> {
  const { stdout } = await run('npx', ['wrangler', ...args], {
    cwd,
    env: { ...process.env, ...OFFLINE_WRANGLER_ENV, CI: 'true' },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 180_000,
  });
  return stdout;
}

/**
 * Starts `wrangler dev` (workerd, local D1) on a free port: migrations and the reference seed applied as
 * scripts/dev-edge.sh does, the bench issuer inserted, load-test vars set. `startupMs` covers only the
 * `wrangler dev` process (spawn to first 2xx), not the database preparation. `persistDir` serves local state
 * the caller prepared (with `prepareDb: false`, a D1 database it put there); it is removed on stop like our own.
 */
export async function startEdgeServer(
  log: (m: string) => void,
  opts: { prepareDb?: boolean; quiet?: boolean; persistDir?: string } = {},
): Promise<RunningBenchServer> {
  const persist = opts.persistDir ?? mkdtempSync(join(tmpdir(), 'cp-bench-edge-'));
  trackDir(persist);
  const output: string[] = [];
  let proc: ChildProcess | undefined;
  const cleanup = async () => {
    if (proc) await stopGroup(proc);
    rmSync(persist, { recursive: true, force: true });
  };
  try {
    const issuer = benchIssuerSql();
    if (opts.prepareDb !== false) {
      log('edge: applying migrations and the reference seed to a private local D1');
      await wrangler(['d1', 'migrations', 'apply', 'care-passport', '--local', '--persist-to', persist]);
      const { stdout: seed } = await run('npx', ['tsx', 'scripts/seed-sql.ts'], {
        cwd: ROOT,
        maxBuffer: 64 * 1024 * 1024,
      });
      writeFileSync(join(persist, 'seed-reference.sql'), seed);
      await wrangler([
        'd1',
        'execute',
        'care-passport',
        '--local',
        '--persist-to',
        persist,
        '--file',
        join(persist, 'seed-reference.sql'),
      ]);
      writeFileSync(join(persist, 'bench-issuer.sql'), issuer.sql);
      await wrangler([
        'd1',
        'execute',
        'care-passport',
        '--local',
        '--persist-to',
        persist,
        '--file',
        join(persist, 'bench-issuer.sql'),
      ]);
    }
    const [port, inspector] = [await freePort(), await freePort()];
    const origin = `http://localhost:${port}`;
    const vars = {
      PUBLIC_ORIGIN: origin,
      MASTER_KEY: 'bench-edge-master-key-0123456789-abcdefghijklmnop',
      LOG_REQUESTS: 'false',
      VERIFY_RATE_PER_MINUTE: LOAD_TEST_RATE,
    };
    const t0 = performance.now();
    proc = spawn(
      'npx',
      [
        'wrangler',
        'dev',
        '--port',
        String(port),
        '--ip',
        '127.0.0.1',
        '--inspector-port',
        String(inspector),
        '--persist-to',
        persist,
        ...Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}:${v}`]),
        // quiet: wrangler dev logs every request at info level, which a load test would mostly measure.
        ...(opts.quiet ? ['--log-level', 'warn'] : []),
      ],
      {
        cwd: ROOT,
        env: { ...process.env, ...OFFLINE_WRANGLER_ENV },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    track(proc, true);
    let readyMs = Number.NaN;
    const onData = (d: Buffer) => {
      output.push(String(d));
      if (Number.isNaN(readyMs) && /Ready on/.test(String(d))) readyMs = performance.now() - t0;
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    const child = proc;
    const url = `http://127.0.0.1:${port}`;
    await waitForOk(`${url}/healthz`, { timeoutMs: 120_000, alive: () => child.exitCode === null, intervalMs: 50 });
    const startupMs = performance.now() - t0;
    const root = child.pid as number;
    // Scanning /proc costs milliseconds on the load generator's event loop: refresh the process list every 2 s.
    let known: { at: number; list: { pid: number; cmd: string }[] } = { at: 0, list: [] };
    const tree = () => {
      if (performance.now() - known.at > 2000) known = { at: performance.now(), list: descendants(root) };
      return known.list;
    };
    return {
      kind: 'edge',
      url,
      origin,
      issuer,
      startupMs,
      readyMs,
      // wrangler (Node) and the workerd processes it runs: together they are what `wrangler dev` costs.
      pids: () => [root, ...tree().map((d) => d.pid)],
      enginePids: () =>
        tree()
          .filter((d) => /\bworkerd\b/.test(d.cmd))
          .map((d) => d.pid),
      output: () => output.join(''),
      stop: cleanup,
    };
  } catch (error) {
    await cleanup();
    throw new Error(`${(error as Error).message}\n${output.join('').slice(-3000)}`);
  }
}
