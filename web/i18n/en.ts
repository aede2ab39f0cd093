/** The English catalogue: complete by construction, every key any page asks for, gathered from each area. */
import { en as auth } from './catalogue/auth';
import { en as common } from './catalogue/common';
import { en as help } from './catalogue/help';
import { en as home } from './catalogue/home';
import { en as layout } from './catalogue/layout';
import { en as passport } from './catalogue/passport';
import { en as pathway } from './catalogue/pathway';
import { en as share } from './catalogue/share';
import { en as verify } from './catalogue/verify';

export const en = {
  ...auth,
  ...common,
  ...help,
  ...home,
  ...layout,
  ...passport,
  ...pathway,
  ...share,
  ...verify,
} as const;

/** Every message key; a key exists only if it has English. */
export type MessageKey = keyof typeof en;
