/** The file upload shared by the forms that check what a candidate brings. */
import { type Lang, translator } from '../i18n/messages';

/** The optional file upload beside the paste box of the verifier and role-fit forms. */
export function FileField({ lang = 'en' }: { lang?: Lang } = {}) {
  const t = translator(lang);
  return (
    <>
      <label for="file">
        {t('file.label')}
        <span class="hint" id="file-hint">
          {t('file.hint')}
        </span>
      </label>
      <input id="file" name="file" type="file" accept=".jwt,.json,.txt" aria-describedby="file-hint" />
    </>
  );
}
