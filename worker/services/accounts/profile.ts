/** The account's own profile: name and local authority area. */
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { areas, users } from '../../../db/schema';
import { AppError } from '../../errors';
import { findUserById, validationError } from './accounts';

/** Local authorities to choose from. */
export async function listAreas(db: Database) {
  return db.select().from(areas).orderBy(asc(areas.name));
}

/** Updates name and area; an unknown area code is a 400 on the area field. */
export async function updateProfile(
  db: Database,
  userId: string,
  input: { displayName: string; areaCode: string | null },
): Promise<void> {
  if (input.areaCode) {
    const found = await db.select({ code: areas.code }).from(areas).where(eq(areas.code, input.areaCode)).limit(1);
    if (!found[0]) throw validationError('areaCode', 'Choose an area from the list');
  }
  await db
    .update(users)
    .set({ displayName: input.displayName.trim(), areaCode: input.areaCode })
    .where(eq(users.id, userId));
}

/** The account's saved profile (for the settings page). */
export async function profileOf(db: Database, userId: string) {
  const u = await findUserById(db, userId);
  if (!u) throw new AppError('not_found', 'Account not found');
  return {
    displayName: u.displayName,
    email: u.email,
    areaCode: u.areaCode,
    emailVerified: u.emailVerifiedAt !== null,
  };
}
