/** Ids taken from the path: anything malformed is answered like an unknown record (404), never a 400. */
import { uuid } from '../../../schemas/academy';
import { uuidParam } from '../../../schemas/accounts';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';

/** A UUID from the path (RFC form); anything else is "No such <what>". */
export function uuidFromPath(c: AppContext, name: string, what: string): string {
  const r = uuidParam.safeParse(c.req.param(name));
  if (!r.success) throw new AppError('not_found', `No such ${what}`);
  return r.data;
}

/** A record id from the academy's paths: any 8-4-4-4-12 hex id, in either case, as the lower-case id stored. */
export function hexIdFromPath(c: AppContext, name: string, what: string): string {
  const r = uuid.safeParse(c.req.param(name));
  if (!r.success) throw new AppError('not_found', `No such ${what}`);
  return r.data.toLowerCase();
}
