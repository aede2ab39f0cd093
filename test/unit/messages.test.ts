/** Every validation message a person can see is written for them, never in the schema library's own wording. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as academy from '../../schemas/academy';
import * as accounts from '../../schemas/accounts';
import * as achievement from '../../schemas/achievement';
import * as catalogue from '../../schemas/catalogue';
import * as credential from '../../schemas/credential';
import * as employer from '../../schemas/employer';
import { plainMessage } from '../../schemas/messages';
import * as passport from '../../schemas/passport';
import * as vcApi from '../../schemas/vc-api';
import * as workforce from '../../schemas/workforce';
import { LIBRARY_WORDING } from '../helpers/wording';

const modules = { academy, accounts, achievement, catalogue, credential, employer, passport, vcApi, workforce };

/** Every exported schema of the shared schemas folder. */
const schemas = Object.entries(modules).flatMap(([m, exports]) =>
  Object.entries(exports as Record<string, unknown>)
    .filter((e): e is [string, z.ZodType] => e[1] instanceof z.ZodType)
    .map(([name, schema]) => [`${m}.${name}`, schema] as const),
);

/** Wrong inputs of every kind, including objects whose every known field has the wrong type or is missing. */
function badInputs(schema: z.ZodType): unknown[] {
  const out: unknown[] = [
    undefined,
    null,
    42,
    -1,
    1.5,
    '',
    'x',
    ' ',
    'not-a-thing',
    [],
    [1, 'a'],
    {},
    true,
    { extra: 1 },
  ];
  const def = (schema as unknown as { def?: { shape?: Record<string, unknown> } }).def;
  const shape = def?.shape;
  if (shape) {
    const keys = Object.keys(shape);
    for (const wrong of [42, 'x', '', [], {}, null, true, 'a'.repeat(5000)]) {
      out.push(Object.fromEntries(keys.map((k) => [k, wrong])));
    }
  }
  return out;
}

describe('validation messages', () => {
  it('covers the shared schemas', () => {
    expect(schemas.length).toBeGreaterThan(30);
  });

  it.each(schemas)('%s never answers in the schema library wording', (_name, schema) => {
    for (const input of badInputs(schema)) {
      const r = schema.safeParse(input);
      if (r.success) continue;
      for (const issue of r.error.issues) {
        expect(issue.message, JSON.stringify({ input, path: issue.path })).not.toMatch(LIBRARY_WORDING);
        expect(issue.message.length).toBeGreaterThan(3);
      }
    }
  });

  it('says plainly what is wrong', () => {
    const msg = (schema: z.ZodType, input: unknown) => schema.safeParse(input).error?.issues[0]?.message;
    expect(msg(z.object({ name: z.string() }), {})).toBe('This is required');
    expect(msg(z.string(), 5)).toBe('Enter text here');
    expect(msg(z.number(), 'x')).toBe('Enter a number');
    expect(msg(z.string().min(1), '')).toBe('Enter a value');
    expect(msg(z.string().min(10), 'short')).toBe('Use at least 10 characters');
    expect(msg(z.string().max(3), 'long')).toBe('Use at most 3 characters');
    expect(msg(z.array(z.string()).min(1), [])).toBe('Choose at least one');
    expect(msg(z.number().max(5), 9)).toBe('Enter 5 or less');
    expect(msg(z.email(), 'nope')).toBe('Enter an email address, like name@example.org');
    expect(msg(z.enum(['a', 'b']), 'c')).toBe('Choose one of the options given');
    expect(msg(z.object({}).strict(), { surprise: 1 })).toBe('This request has fields we do not use: surprise');
    // A schema's own message still wins over the plain default.
    expect(msg(z.string().min(1, "Enter the learner's name"), '')).toBe("Enter the learner's name");
    expect(plainMessage({ code: 'custom', input: 1, path: [] } as never)).toBe('This value is not accepted');
  });
});
