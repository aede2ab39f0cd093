/** The English catalogue: complete by construction, every key any page asks for, gathered from each area. */
import { en as academy } from './catalogue/academy';
import { en as academyRegister } from './catalogue/academy-register';
import { en as account } from './catalogue/account';
import { en as admin } from './catalogue/admin';
import { en as auth } from './catalogue/auth';
import { en as cataloguePage } from './catalogue/catalogue-page';
import { en as certificate } from './catalogue/certificate';
import { en as commissioner } from './catalogue/commissioner';
import { en as common } from './catalogue/common';
import { en as dates } from './catalogue/dates';
import { en as email } from './catalogue/email';
import { en as employer } from './catalogue/employer';
import { en as help } from './catalogue/help';
import { en as home } from './catalogue/home';
import { en as layout } from './catalogue/layout';
import { en as leaving } from './catalogue/leaving';
import { en as organisation } from './catalogue/organisation';
import { en as passport } from './catalogue/passport';
import { en as pathway } from './catalogue/pathway';
import { en as print } from './catalogue/print';
import { en as share } from './catalogue/share';
import { en as verify } from './catalogue/verify';
import { en as wallet } from './catalogue/wallet';
import { en as wallets } from './catalogue/wallets';

export const en = {
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
} as const;

/** Every message key; a key exists only if it has English. */
export type MessageKey = keyof typeof en;
