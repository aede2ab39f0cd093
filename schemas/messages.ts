/**
 * Validation messages written for people. Every schema without a message of its own falls back to these
 * (zod's global error map), so no page or API error ever shows the schema library's wording such as
 * "Invalid input: expected string, received undefined". Import this module once where the app is built.
 */
import { z } from 'zod';
import type { $ZodRawIssue } from 'zod/v4/core';

type Issue = $ZodRawIssue;

const TYPE_WORDS: Record<string, string> = {
  string: 'Enter text here',
  number: 'Enter a number',
  int: 'Enter a whole number',
  bigint: 'Enter a whole number',
  boolean: 'Choose yes or no',
  array: 'Send a list here',
  object: 'Send a set of named values here',
  date: 'Enter a date',
};

const FORMAT_WORDS: Record<string, string> = {
  email: 'Enter an email address, like name@example.org',
  url: 'Enter a web address starting with https://',
  uuid: 'This reference is not one we recognise',
  guid: 'This reference is not one we recognise',
  date: 'Enter a date, like 2026-11-20',
  datetime: 'Enter a date and time, like 2026-11-20T09:00:00Z',
  time: 'Enter a time, like 09:30',
  regex: 'This is not in the expected format',
  starts_with: 'This is not in the expected format',
  ends_with: 'This is not in the expected format',
  includes: 'This is not in the expected format',
  base64url: 'This is not in the expected format',
  jwt: 'This is not a signed credential we can read',
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function sizeMessage(issue: Issue & { code: 'too_small' | 'too_big' }): string {
  const small = issue.code === 'too_small';
  const bound = Number(small ? (issue as { minimum: unknown }).minimum : (issue as { maximum: unknown }).maximum);
  switch (issue.origin) {
    case 'string':
      if (small && bound <= 1) return 'Enter a value';
      return small
        ? `Use at least ${plural(bound, 'character', 'characters')}`
        : `Use at most ${plural(bound, 'character', 'characters')}`;
    case 'array':
    case 'set':
      if (small && bound <= 1) return 'Choose at least one';
      return small ? `Choose at least ${bound}` : `Choose at most ${bound}`;
    case 'file':
      return small ? 'This file is empty' : 'This file is too large';
    case 'date':
      return small ? 'This date is too early' : 'This date is too late';
    default:
      return small ? `Enter ${bound} or more` : `Enter ${bound} or less`;
  }
}

/** The plain-words message for one validation problem. */
export function plainMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return 'This is required';
      return TYPE_WORDS[String(issue.expected)] ?? 'This value is not in a form we accept';
    case 'too_small':
    case 'too_big':
      return sizeMessage(issue as Issue & { code: 'too_small' | 'too_big' });
    case 'invalid_format':
      return FORMAT_WORDS[String((issue as { format?: unknown }).format)] ?? 'This is not in the expected format';
    case 'invalid_value':
      return 'Choose one of the options given';
    case 'not_multiple_of':
      return `Enter a multiple of ${String((issue as { divisor?: unknown }).divisor)}`;
    case 'unrecognized_keys': {
      const keys = ((issue as { keys?: string[] }).keys ?? []).join(', ');
      return `This request has fields we do not use: ${keys}`;
    }
    case 'invalid_union':
      return 'This value is not in a form we accept';
    case 'invalid_key':
    case 'invalid_element':
      return 'Some entries are not valid';
    default:
      return 'This value is not accepted';
  }
}

z.config({ customError: plainMessage });
