/** What a candidate brings, detected: share links, credential and presentation JWTs, JSON shapes, files, and bad input. */
import { describe, expect, it } from 'vitest';
import { base64UrlEncode, utf8 } from '../../worker/credentials/encoding';
import {
  MAX_INPUT_BYTES,
  classifyJwt,
  parseVerifyInput,
  readUpload,
  shareTokenFrom,
} from '../../worker/services/verification/verify-input';

const ORIGIN = 'https://passport.example';
const b64 = (v: unknown) => base64UrlEncode(utf8(typeof v === 'string' ? v : JSON.stringify(v)));
const SIG = base64UrlEncode(new Uint8Array(64).fill(7));
const jwt = (header: Record<string, unknown>, payload: Record<string, unknown> = { iss: 'did:web:x' }, sig = SIG) =>
  `${b64(header)}.${b64(payload)}.${sig}`;

/** Fresh fixtures each call. */
const vc2 = () =>
  jwt(
    { alg: 'EdDSA', typ: 'vc+jwt', kid: 'did:web:x#key-1' },
    { '@context': [], type: ['VerifiableCredential'], issuer: 'did:web:x' },
  );
const vc1 = () => jwt({ alg: 'EdDSA', typ: 'JWT' }, { iss: 'did:web:x', vc: { type: ['VerifiableCredential'] } });
const vp2 = () =>
  jwt({ alg: 'EdDSA', typ: 'vp+jwt', kid: 'did:key:z#z' }, { holder: 'did:key:z', verifiableCredential: [] });
const TOKEN = 'abcdefghijklmnopqrstuvwxyz234567';

describe('parseVerifyInput: what it is', () => {
  const CASES: {
    name: string;
    input: () => string;
    kind: string;
    detail?: (r: ReturnType<typeof parseVerifyInput>) => void;
  }[] = [
    {
      name: 'a vc+jwt',
      input: vc2,
      kind: 'credentials',
      detail: (r) => expect(r).toMatchObject({ credentials: [{ format: 'vc+jwt' }] }),
    },
    {
      name: 'a VC 1.1 JWT',
      input: vc1,
      kind: 'credentials',
      detail: (r) => expect(r).toMatchObject({ credentials: [{ format: 'vc1-jwt' }] }),
    },
    { name: 'a vp+jwt', input: vp2, kind: 'presentation' },
    { name: 'with surrounding white space and quotes', input: () => `  "${vc2()}"\n`, kind: 'credentials' },
    { name: 'a data: URL of a credential', input: () => `data:application/vc+jwt,${vc2()}`, kind: 'credentials' },
    {
      name: 'several JWTs on separate lines',
      input: () => `${vc2()}\n${vc1()}\n\n${vc2()}`,
      kind: 'credentials',
      detail: (r) => expect(r.ok && r.kind === 'credentials' && r.credentials.length).toBe(3),
    },
    { name: 'several JWTs separated by commas', input: () => `${vc2()}, ${vc2()}`, kind: 'credentials' },
    {
      name: 'a JWT wrapped over several lines (as email clients do)',
      input: () =>
        vc2()
          .match(/.{1,60}/g)!
          .join('\n'),
      kind: 'credentials',
      detail: (r) => expect(r.ok && r.kind === 'credentials' && r.credentials[0]!.jwt).toBe(vc2()),
    },
    {
      name: 'a share link on this service',
      input: () => `${ORIGIN}/s/${TOKEN}`,
      kind: 'share',
      detail: (r) => expect(r).toMatchObject({ token: TOKEN }),
    },
    { name: 'a share link with a trailing slash', input: () => `${ORIGIN}/s/${TOKEN}/`, kind: 'share' },
    { name: 'a bare share token', input: () => TOKEN, kind: 'share' },
    {
      name: 'a share link in capitals (codes are base32, the same in either case)',
      input: () => `${ORIGIN}/s/${TOKEN.toUpperCase()}`,
      kind: 'share',
      detail: (r) => expect(r).toMatchObject({ token: TOKEN }),
    },
    {
      name: 'a bare share token in capitals',
      input: () => TOKEN.toUpperCase(),
      kind: 'share',
      detail: (r) => expect(r).toMatchObject({ token: TOKEN }),
    },
    {
      name: 'JSON { verifiableCredential: jwt }',
      input: () => JSON.stringify({ verifiableCredential: vc2() }),
      kind: 'credentials',
    },
    {
      name: 'JSON { verifiableCredential: Enveloped }',
      input: () =>
        JSON.stringify({
          verifiableCredential: {
            '@context': [],
            type: 'EnvelopedVerifiableCredential',
            id: `data:application/vc+jwt,${vc2()}`,
          },
          credentialId: 'urn:uuid:1',
        }),
      kind: 'credentials',
    },
    {
      name: 'JSON { verifiableCredential: [jwt, jwt] }',
      input: () => JSON.stringify({ verifiableCredential: [vc2(), vc1()] }),
      kind: 'credentials',
    },
    {
      name: 'JSON { verifiablePresentation: jwt }',
      input: () => JSON.stringify({ verifiablePresentation: vp2() }),
      kind: 'presentation',
    },
    {
      name: 'JSON EnvelopedVerifiablePresentation',
      input: () => JSON.stringify({ type: 'EnvelopedVerifiablePresentation', id: `data:application/vp+jwt,${vp2()}` }),
      kind: 'presentation',
    },
    { name: 'JSON array of JWTs', input: () => JSON.stringify([vc2(), vc2()]), kind: 'credentials' },
    { name: 'a JSON string of a JWT', input: () => JSON.stringify(vc2()), kind: 'credentials' },
    {
      name: 'a JSON credential with an eddsa-rdfc-2022 Data Integrity proof (kept as its JSON text)',
      input: () =>
        JSON.stringify({
          '@context': ['https://www.w3.org/ns/credentials/v2'],
          type: ['VerifiableCredential'],
          proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofValue: 'z3abc' },
        }),
      kind: 'credentials',
      detail: (r) => {
        const item = r.ok && r.kind === 'credentials' ? r.credentials[0] : undefined;
        expect(item?.format).toBe('vc+di');
        expect(JSON.parse(item?.jwt ?? '{}').proof.cryptosuite).toBe('eddsa-rdfc-2022');
      },
    },
    {
      name: 'an unsigned alg "none" credential (left for the verifier to refuse)',
      input: () => jwt({ alg: 'none', typ: 'vc+jwt' }, {}, ''),
      kind: 'credentials',
    },
  ];
  it.each(CASES)('$name', (tc) => {
    const r = parseVerifyInput(tc.input(), { origin: ORIGIN });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (r.ok) expect(r.kind).toBe(tc.kind);
    tc.detail?.(r);
  });
});

describe('parseVerifyInput: clear reasons for bad input', () => {
  const full = vc2();
  const [h, p] = full.split('.');
  const CASES: { name: string; input: () => string; problem: string; message?: RegExp }[] = [
    { name: 'empty', input: () => '', problem: 'empty' },
    { name: 'only white space', input: () => ' \n\t ', problem: 'empty' },
    {
      name: 'plain words',
      input: () => 'I did my moving and handling last year',
      problem: 'not_jwt',
      message: /not a credential or a share link/,
    },
    { name: 'cut off in the header', input: () => full.slice(0, 20), problem: 'truncated', message: /cut off/ },
    {
      name: 'cut off after the payload',
      input: () => `${h}.${p}`,
      problem: 'truncated',
      message: /signature\) is missing/,
    },
    { name: 'cut off in the payload', input: () => `${h}.${p!.slice(0, p!.length - 7)}.${SIG}`, problem: 'truncated' },
    {
      name: 'cut off in the signature',
      input: () => full.slice(0, full.length - 20),
      problem: 'truncated',
      message: /signature is shorter/,
    },
    { name: 'trailing dot, no signature', input: () => `${h}.${p}.`, problem: 'truncated' },
    { name: 'garbage base64 (not base64url characters)', input: () => `${h}.${p}!!.${SIG}`, problem: 'bad_base64' },
    { name: 'standard base64 with + and /', input: () => `${h}.${p}+/+.${SIG}`, problem: 'bad_base64' },
    { name: 'a header that is not JSON', input: () => `${b64('hello')}.${p}.${SIG}`, problem: 'bad_base64' },
    {
      name: 'a JWT that is not a credential',
      input: () => jwt({ alg: 'EdDSA', typ: 'JWT' }, { sub: 'x' }),
      problem: 'not_credential',
    },
    {
      name: 'a VC 1.1 presentation',
      input: () => jwt({ alg: 'EdDSA', typ: 'JWT' }, { vp: { verifiableCredential: [] } }),
      problem: 'not_credential',
    },
    { name: 'an encrypted JWE', input: () => 'eyJhbGciOiJSU0EifQ.a.b.c.d', problem: 'not_credential' },
    { name: 'a presentation with other credentials', input: () => `${vp2()}\n${vc2()}`, problem: 'mixed' },
    { name: 'too many credentials', input: () => Array.from({ length: 21 }, vc2).join('\n'), problem: 'too_many' },
    { name: 'over 1 MiB', input: () => 'a'.repeat(MAX_INPUT_BYTES + 1), problem: 'too_large' },
    {
      name: 'over 1 MiB in UTF-8 bytes, though fewer characters',
      input: () => 'é'.repeat(MAX_INPUT_BYTES / 2 + 1),
      problem: 'too_large',
    },
    { name: 'broken JSON', input: () => '{"verifiableCredential": "eyJ', problem: 'bad_json' },
    { name: 'JSON of something else', input: () => '{"name": "Wendy"}', problem: 'unsupported_json' },
    { name: 'an empty JSON list', input: () => '[]', problem: 'empty' },
    {
      name: 'a JSON credential without a JWT (embedded proof)',
      input: () => JSON.stringify({ '@context': [], type: ['VerifiableCredential'], proof: {} }),
      problem: 'unsigned_json',
    },
    {
      name: 'JSON listing a broken JWT names the item',
      input: () => JSON.stringify([vc2(), 'eyJhbGciOi']),
      problem: 'truncated',
      message: /^Item 2 of 2: /,
    },
    { name: 'a web page that is not a share link', input: () => `${ORIGIN}/catalogue`, problem: 'not_share_link' },
    {
      name: 'a share link cut short',
      input: () => `${ORIGIN}/s/${TOKEN.slice(0, 18)}`,
      problem: 'incomplete_share_link',
      message: /^The link is not complete: the code after \/s\/ is shorter/,
    },
    {
      name: 'a share link with no code',
      input: () => `${ORIGIN}/s/`,
      problem: 'incomplete_share_link',
      message: /^The link is not complete/,
    },
    {
      name: 'a share link whose code holds characters no code has',
      input: () => `${ORIGIN}/s/${TOKEN.slice(0, 30)}0o`,
      problem: 'incomplete_share_link',
      message: /^The link is not complete or was changed/,
    },
    {
      name: 'the start of a credential is not taken for a share code',
      input: () => vc2().split('.')[0]!.slice(0, 30),
      problem: 'truncated',
    },
    {
      name: "another service's share link",
      input: () => `https://elsewhere.example/s/${TOKEN}`,
      problem: 'foreign_share',
      message: /elsewhere\.example/,
    },
    {
      name: 'an address elsewhere whose path only looks like a share link',
      input: () => 'https://elsewhere.example/s/foo',
      problem: 'not_share_link',
      message: /not a Care Passport share link/,
    },
  ];
  it.each(CASES)('$name', (tc) => {
    const r = parseVerifyInput(tc.input(), { origin: ORIGIN });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem).toBe(tc.problem);
      expect(r.message.length).toBeGreaterThan(10);
      if (tc.message) expect(r.message).toMatch(tc.message);
    }
  });

  it('never throws on hostile input', () => {
    for (const s of [
      '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
      '['.repeat(100_000),
      '{"verifiableCredential":'.repeat(1000),
      '.'.repeat(5000),
      '\u0000\uFFFF',
      'eyJ.eyJ.eyJ',
    ]) {
      expect(() => parseVerifyInput(s)).not.toThrow();
      expect(parseVerifyInput(s).ok).toBe(false);
    }
  });
});

describe('readUpload and helpers', () => {
  it('accepts .jwt, .json and .txt files of UTF-8 text', () => {
    expect(readUpload('cred.JWT', utf8(vc2()))).toEqual({ ok: true, text: vc2() });
    expect(readUpload('x.json', utf8('{}')).ok).toBe(true);
    expect(readUpload('x.txt', utf8('hi')).ok).toBe(true);
  });
  it('refuses other types, empty, oversized and non-text files', () => {
    expect(readUpload('scan.pdf', utf8('x'))).toMatchObject({ ok: false, problem: 'bad_file_type' });
    expect(readUpload('x.jwt', new Uint8Array(0))).toMatchObject({ ok: false, problem: 'empty' });
    expect(readUpload('x.jwt', new Uint8Array(MAX_INPUT_BYTES + 1))).toMatchObject({ ok: false, problem: 'too_large' });
    expect(readUpload('x.txt', new Uint8Array([0xff, 0xfe, 0x00, 0xc3]))).toMatchObject({
      ok: false,
      problem: 'not_text',
    });
  });
  it('classifies single JWTs and finds share tokens in links', () => {
    expect(classifyJwt(vp2())).toMatchObject({ ok: true, kind: 'presentation' });
    expect(shareTokenFrom(`${ORIGIN}/s/${TOKEN}`)).toBe(TOKEN);
    expect(shareTokenFrom('https://x.example/other')).toBeNull();
    expect(shareTokenFrom(`${ORIGIN}/s/${TOKEN.toUpperCase()}`)).toBe(TOKEN);
    expect(shareTokenFrom(`${ORIGIN}/s/${TOKEN.slice(0, 18)}`)).toBeNull();
  });
});
