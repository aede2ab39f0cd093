/** Reading a stored credential's signed text in tests, wherever the app keeps it (db/credential-bodies.ts). */
import { eq } from 'drizzle-orm';
import { bodyOf } from '../../db/credential-bodies';
import { credentials } from '../../db/schema';
import type { AppDeps } from '../../worker/context';

/** The current signed text (compact JWT or Data Integrity JSON) of the credential with this id. */
export async function storedText(deps: Pick<AppDeps, 'db' | 'bodies'>, id: string): Promise<string> {
  const [row] = await deps.db
    .select({ id: credentials.id, bodyRef: credentials.bodyRef })
    .from(credentials)
    .where(eq(credentials.id, id));
  if (!row) throw new Error(`no credential ${id}`);
  return bodyOf(deps, row);
}
