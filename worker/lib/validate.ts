/** zod at the boundary: parse bodies, queries and params into typed values or fail with 400 + issues. */
import type { z } from 'zod';
import { AppError } from '../errors';
import type { AppContext } from '../context';

/** Parses a value with a schema; throws a 400 carrying the zod issues on failure. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, what = 'Input'): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) {
    throw new AppError(
      'validation_failed',
      `${what} is not valid`,
      r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  return r.data;
}

/** Validates the query string. */
export function queryOf<S extends z.ZodType>(c: AppContext, schema: S): z.infer<S> {
  return parseWith(schema, c.req.query(), 'Query');
}

/** Nesting depth of a JSON value, iteratively (a hostile body must not overflow the stack). */
export function depthOf(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop() as [unknown, number];
    if (v && typeof v === 'object') {
      if (d > max) max = d;
      if (max > 64) return max;
      for (const child of Object.values(v as Record<string, unknown>)) stack.push([child, d + 1]);
    }
  }
  return max;
}
