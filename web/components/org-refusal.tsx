/** Refusing an organisation's application: the platform admin's form, and the notice the applicant then sees. */
import type { Actor } from '../../worker/context';
import { Csrf } from '../layout';

/** The platform admin's form to refuse a pending application, with the reason the applicant will read. */
export function RefuseForm(p: { actor: Extract<Actor, { kind: 'user' }>; org: { id: string; name: string } }) {
  const id = `refuse-${p.org.id}`;
  return (
    <details>
      <summary>
        Refuse<span class="visually-hidden"> {p.org.name}</span>
      </summary>
      <form method="post" action={`/admin/organisations/${p.org.id}/refuse`} class="stack">
        <Csrf actor={p.actor} />
        <div class="field">
          <label for={id}>Reason for refusing {p.org.name}</label>
          <p class="hint" id={`${id}-hint`}>
            The applicant sees this on their organisation page and in the email.
          </p>
          <textarea id={id} name="reason" rows={3} maxlength={1000} required aria-describedby={`${id}-hint`} />
        </div>
        <button type="submit" class="danger">
          Refuse application<span class="visually-hidden"> of {p.org.name}</span>
        </button>
      </form>
    </details>
  );
}

/** What the applicant sees on their organisation page once the application is refused. */
export function RefusalNotice({ reason }: { reason: string | null }) {
  return (
    <div class="notice error" role="status">
      <p>The platform team did not approve this organisation.</p>
      {reason ? <p>Reason: {reason}</p> : null}
      <p>If you have questions, contact the platform team.</p>
    </div>
  );
}
