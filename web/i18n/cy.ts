/**
 * The Welsh catalogue, gathered from each area (each area file keeps the Welsh beside the English). Welsh entries
 * are awaiting review by a Welsh speaker until their key is listed in CY_REVIEWED; pages in Welsh say so.
 */
import { cy as academy } from './catalogue/academy';
import { cy as academyRegister } from './catalogue/academy-register';
import { cy as account } from './catalogue/account';
import { cy as admin } from './catalogue/admin';
import { cy as auth } from './catalogue/auth';
import { cy as cataloguePage } from './catalogue/catalogue-page';
import { cy as certificate } from './catalogue/certificate';
import { cy as commissioner } from './catalogue/commissioner';
import { cy as common } from './catalogue/common';
import { cy as dates } from './catalogue/dates';
import { cy as email } from './catalogue/email';
import { cy as employer } from './catalogue/employer';
import { cy as help } from './catalogue/help';
import { cy as home } from './catalogue/home';
import { cy as layout } from './catalogue/layout';
import { cy as leaving } from './catalogue/leaving';
import { cy as organisation } from './catalogue/organisation';
import { cy as passport } from './catalogue/passport';
import { cy as pathway } from './catalogue/pathway';
import { cy as print } from './catalogue/print';
import { cy as share } from './catalogue/share';
import { cy as verify } from './catalogue/verify';
import { cy as wallet } from './catalogue/wallet';
import { cy as wallets } from './catalogue/wallets';
import type { MessageKey } from './en';

export const cy: { readonly [K in MessageKey]?: string } = {
  ...academy,
  ...academyRegister,
  ...account,
  ...admin,
  ...auth,
  ...cataloguePage,
  ...certificate,
  ...commissioner,
  ...common,
  ...dates,
  ...email,
  ...employer,
  ...help,
  ...home,
  ...layout,
  ...leaving,
  ...organisation,
  ...passport,
  ...pathway,
  ...print,
  ...share,
  ...verify,
  ...wallet,
  ...wallets,
};

/**
 * Welsh entries a Welsh speaker has checked. Add a key here only after that review; every Welsh entry not listed is
 * shown as "awaiting review" (the note on Welsh pages and README.md).
 */
export const CY_REVIEWED: readonly MessageKey[] = [];
