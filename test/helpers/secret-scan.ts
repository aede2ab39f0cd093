/**
 * The secrets and privacy scanner: records every request/response an app serves in a test, gathers every secret
 * the database holds (decrypting private keys with the master key to learn their `d`), and reports where any of
 * them shows up in a response body, a response header or a log line where it has no business being.
 *
 * Policy, per kind of secret:
 * - private key material (`d`), encrypted key blobs, password hashes, the master key, session ids and stored token
 *   hashes: never, anywhere;
 * - session tokens: only in the Set-Cookie header that starts the session;
 * - API tokens: only in the body of the one response that created them (recorded with label 'create-token');
 * - link tokens (claim, share, invitation, email verification, password reset): only in a response to a request
 *   that already carried that token (an echo), or in its creation response (labels 'issue', 'create-share');
 * - in logs: nothing at all.
 */
import type { Client } from '@libsql/client';
import type { Database } from '../../db/client';
import { decryptPrivateKey } from '../../worker/credentials/keys';

export interface Exchange {
  label: string;
  method: string;
  url: string;
  requestBody: string;
  requestHeaders: [string, string][];
  status: number;
  responseHeaders: [string, string][];
  responseBody: string;
}

export type SecretKind =
  | 'private-key'
  | 'encrypted-key'
  | 'password-hash'
  | 'master-key'
  | 'session-id'
  | 'token-hash'
  | 'session-token'
  | 'api-token'
  | 'link-token';

export interface Secret {
  kind: SecretKind;
  /** Where it came from, for the report (never the value itself). */
  label: string;
  value: string;
  /** Creation-response labels allowed to show it (API tokens, claim and share tokens). */
  createdBy?: string[];
}

export interface Finding {
  kind: SecretKind;
  label: string;
  where: string;
}

type AppLike = { request(input: string, init?: RequestInit): Response | Promise<Response> };

/** Wraps an app so every exchange is recorded; `label` names the next requests (e.g. 'create-token'). */
export class Recorder {
  readonly exchanges: Exchange[] = [];
  label = 'page';

  constructor(private app: AppLike) {}

  readonly request = async (input: string, init: RequestInit = {}): Promise<Response> => {
    const res = await this.app.request(input, init);
    const body = await res.text();
    this.exchanges.push({
      label: this.label,
      method: init.method ?? 'GET',
      url: input,
      requestBody: bodyText(init.body),
      requestHeaders: [...new Headers(init.headers).entries()],
      status: res.status,
      responseHeaders: [...res.headers.entries()].concat(
        res.headers.getSetCookie().map((c) => ['set-cookie', c] as [string, string]),
      ),
      responseBody: body,
    });
    // Hand the caller a fresh response with the same body and headers.
    return new Response(res.status === 204 || res.status === 304 ? null : body, {
      status: res.status,
      headers: res.headers,
    });
  };

  /** Runs `fn` with every request labelled `label`. */
  async as<T>(label: string, fn: () => Promise<T>): Promise<T> {
    const before = this.label;
    this.label = label;
    try {
      return await fn();
    } finally {
      this.label = before;
    }
  }
}

function bodyText(body: BodyInit | null | undefined): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof FormData)
    return [...body.entries()].map(([k, v]) => `${k}=${typeof v === 'string' ? v : `[file ${v.name}]`}`).join('&');
  return '[binary]';
}

/** Every secret the database holds, with private keys decrypted to learn the `d` that must never leave. */
export async function storedSecrets(db: Database, masterKey: string): Promise<Secret[]> {
  const out: Secret[] = [{ kind: 'master-key', label: 'MASTER_KEY', value: masterKey }];
  const client = (db as unknown as { $client: Client }).$client;
  const all = async <T>(q: string) => (await client.execute(q)).rows as unknown as T[];
  for (const k of await all<{ kid: string; private_key_enc: string }>('SELECT kid, private_key_enc FROM issuer_keys')) {
    out.push({ kind: 'encrypted-key', label: `issuer key ${k.kid} (blob)`, value: k.private_key_enc });
    const jwk = await decryptPrivateKey(masterKey, k.private_key_enc);
    out.push({ kind: 'private-key', label: `issuer key ${k.kid} (d)`, value: String(jwk.d) });
  }
  for (const u of await all<{ email: string; holder_key_enc: string | null; password_hash: string }>(
    'SELECT email, holder_key_enc, password_hash FROM users',
  )) {
    out.push({ kind: 'password-hash', label: `password hash of ${u.email}`, value: u.password_hash });
    // The hash part alone (after the last $) is as sensitive as the whole string.
    out.push({
      kind: 'password-hash',
      label: `password hash digest of ${u.email}`,
      value: u.password_hash.split('$').at(-1) ?? '',
    });
    if (u.holder_key_enc) {
      out.push({ kind: 'encrypted-key', label: `holder key of ${u.email} (blob)`, value: u.holder_key_enc });
      const jwk = await decryptPrivateKey(masterKey, u.holder_key_enc);
      out.push({ kind: 'private-key', label: `holder key of ${u.email} (d)`, value: String(jwk.d) });
    }
  }
  for (const s of await all<{ id: string; token_enc: string }>(
    'SELECT id, token_enc FROM shares WHERE token_enc IS NOT NULL',
  ))
    out.push({ kind: 'encrypted-key', label: `sealed share token of share ${s.id} (blob)`, value: s.token_enc });
  for (const s of await all<{ id: string }>('SELECT id FROM sessions'))
    out.push({ kind: 'session-id', label: 'session id (token hash)', value: s.id });
  for (const t of await all<{ name: string; token_hash: string }>('SELECT name, token_hash FROM api_tokens'))
    out.push({ kind: 'token-hash', label: `API token hash (${t.name})`, value: t.token_hash });
  const hashes: [string, string][] = [
    ['claims', 'token_hash'],
    ['shares', 'token_hash'],
    ['invitations', 'token_hash'],
    ['email_tokens', 'id'],
  ];
  for (const [table, column] of hashes) {
    for (const r of await all<Record<string, string>>(`SELECT ${column} AS h FROM ${table}`))
      out.push({ kind: 'token-hash', label: `${table} token hash`, value: r.h! });
  }
  return out.filter((s) => s.value && s.value.length >= 16);
}

/** Where each secret appears against the policy in the header comment; an empty list means clean. */
export function scan(exchanges: Exchange[], logs: string[], secrets: Secret[]): Finding[] {
  const findings: Finding[] = [];
  for (const s of secrets) {
    for (const [i, line] of logs.entries())
      if (line.includes(s.value)) findings.push({ kind: s.kind, label: s.label, where: `log line ${i}` });
    for (const ex of exchanges) {
      const at = `${ex.label}: ${ex.method} ${ex.url.replace(/^https?:\/\/[^/]+/, '')} -> ${ex.status}`;
      const echoed = ex.url.includes(s.value) || ex.requestBody.includes(s.value);
      for (const [name, value] of ex.responseHeaders) {
        if (!value.includes(s.value)) continue;
        if (s.kind === 'session-token' && name === 'set-cookie') continue;
        if (s.kind === 'link-token' && (echoed || s.createdBy?.includes(ex.label))) continue;
        findings.push({ kind: s.kind, label: s.label, where: `${at} header ${name}` });
      }
      if (!ex.responseBody.includes(s.value)) continue;
      if (s.kind === 'api-token' && s.createdBy?.includes(ex.label)) continue;
      if (s.kind === 'link-token' && (echoed || s.createdBy?.includes(ex.label))) continue;
      findings.push({ kind: s.kind, label: s.label, where: `${at} body` });
    }
  }
  return findings;
}

/** Shapes of secrets whatever their value: a private JWK, an encrypted key blob, a password hash. */
export const SECRET_SHAPES: { name: string; pattern: RegExp }[] = [
  { name: 'private JWK ("d" member)', pattern: /"d"\s*:\s*"[A-Za-z0-9_-]{43}"/ },
  { name: 'encrypted key blob', pattern: /\bv1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{60,}/ },
  { name: 'password hash', pattern: /pbkdf2-sha256\$\d+\$/ },
];

/** Responses and log lines matching a secret shape. */
export function scanShapes(exchanges: Exchange[], logs: string[]): string[] {
  const out: string[] = [];
  for (const { name, pattern } of SECRET_SHAPES) {
    for (const ex of exchanges) {
      if (pattern.test(ex.responseBody)) out.push(`${name} in ${ex.label}: ${ex.method} ${ex.url} body`);
    }
    for (const [i, line] of logs.entries()) if (pattern.test(line)) out.push(`${name} in log line ${i}`);
  }
  return out;
}
