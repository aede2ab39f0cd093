/** The share form's hint under the certificate list, matching what is actually ticked. */
import { type Lang, t } from '../i18n/messages';

/** "All are ticked" only when every offered certificate is ticked; otherwise how many are, in words. */
export function chooseHint(offered: readonly string[], checked: readonly string[], lang: Lang = 'en'): string {
  const ticked = offered.filter((id) => checked.includes(id)).length;
  if (ticked === offered.length) return t(lang, 'share.hintAll');
  if (ticked === 0) return t(lang, 'share.hintNone');
  return t(lang, 'share.hintSome', { ticked, offered: offered.length });
}
