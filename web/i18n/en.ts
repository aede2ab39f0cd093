/** The English catalogue: complete by construction, every key any page asks for, gathered from each area. */
import { en as academy } from './catalogue/academy';
import { en as academyRegister } from './catalogue/academy-register';
import { en as auth } from './catalogue/auth';
import { en as layout } from './catalogue/layout';
import { en as passport } from './catalogue/passport';
import { en as pathway } from './catalogue/pathway';
import { en as share } from './catalogue/share';
import { en as verify } from './catalogue/verify';

export const en = {
  ...academy,
  ...academyRegister,
  ...auth,
  ...layout,
  ...passport,
  ...pathway,
  ...share,
  ...verify,
} as const;

/** Every message key; a key exists only if it has English. */
export type MessageKey = keyof typeof en;
