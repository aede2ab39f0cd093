/** Refusing an organisation's application: the platform admin's form, and the notice the applicant then sees. */
import type { Actor } from '../../worker/context';
import { translator } from '../i18n/messages';
import { Csrf } from '../layout';

const t = translator('en');

/** The platform admin's form to refuse a pending application, with the reason the applicant will read. */
export function RefuseForm(p: { actor: Extract<Actor, { kind: 'user' }>; org: { id: string; name: string } }) {
  const id = `refuse-${p.org.id}`;
  return (
    <details>
      <summary>
        {t('admin.refuse')}
        <span class="visually-hidden"> {p.org.name}</span>
      </summary>
      <form method="post" action={`/admin/organisations/${p.org.id}/refuse`} class="stack">
        <Csrf actor={p.actor} />
        <div class="field">
          <label for={id}>{t('admin.refuseReason', { name: p.org.name })}</label>
          <p class="hint" id={`${id}-hint`}>
            {t('admin.refuseHint')}
          </p>
          <textarea id={id} name="reason" rows={3} maxlength={1000} required aria-describedby={`${id}-hint`} />
        </div>
        <button type="submit" class="danger">
          {t('admin.refuseApplication')}
          <span class="visually-hidden"> {t('admin.ofOrg', { name: p.org.name })}</span>
        </button>
      </form>
    </details>
  );
}

/** What the applicant sees on their organisation page once the application is refused. */
export function RefusalNotice({ reason }: { reason: string | null }) {
  return (
    <div class="notice error" role="status">
      <p>{t('organisation.refusedText')}</p>
      {reason ? <p>{t('organisation.refusedReason', { reason })}</p> : null}
      <p>{t('organisation.refusedQuestions')}</p>
    </div>
  );
}
