/**
 * The Welsh catalogue, gathered from each area (each area file keeps the Welsh beside the English). Welsh entries
 * are awaiting review by a Welsh speaker until their key is listed in CY_REVIEWED; pages in Welsh say so.
 */
import { cy as academy } from './catalogue/academy';
import { cy as academyRegister } from './catalogue/academy-register';
import { cy as auth } from './catalogue/auth';
import { cy as layout } from './catalogue/layout';
import { cy as passport } from './catalogue/passport';
import { cy as pathway } from './catalogue/pathway';
import { cy as share } from './catalogue/share';
import { cy as verify } from './catalogue/verify';
import type { MessageKey } from './en';

export const cy: { readonly [K in MessageKey]?: string } = {
  ...academy,
  ...academyRegister,
  ...auth,
  ...layout,
  ...passport,
  ...pathway,
  ...share,
  ...verify,
};

/**
 * Welsh entries a Welsh speaker has checked. Add a key here only after that review; every Welsh entry not listed is
 * shown as "awaiting review" (the note on Welsh pages and README.md).
 */
export const CY_REVIEWED: readonly MessageKey[] = [];
