/** The English catalogue: complete by construction, every key any page asks for, gathered from each area. */
import { en as auth } from './catalogue/auth';
import { en as layout } from './catalogue/layout';
import { en as passport } from './catalogue/passport';
import { en as pathway } from './catalogue/pathway';
import { en as share } from './catalogue/share';
import { en as verify } from './catalogue/verify';
import { en as wallets } from './catalogue/wallets';

export const en = { ...auth, ...layout, ...passport, ...pathway, ...share, ...verify, ...wallets } as const;

/** Every message key; a key exists only if it has English. */
export type MessageKey = keyof typeof en;
