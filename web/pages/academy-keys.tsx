/** The academy's signing keys, and retiring one that may be compromised (revoke or re-sign what it signed). */
import type { KeyRetirement } from '../../worker/services/organisations/key-retirement';
import { Csrf, Layout } from '../layout';
import type { FormState } from '../components/form-state';
import { ErrorSummary } from '../components/forms';
import { AcademyNav, type UserActor, longDate } from '../components/academy';

export interface KeyView {
  kid: string;
  createdAt: string;
  active: boolean;
  retiredAt: string | null;
  withdrawnAt: string | null;
  /** Credentials signed with this key now. */
  signed: number;
  retirement: KeyRetirement | null;
}

function stateOf(k: KeyView): string {
  if (k.withdrawnAt) return `Withdrawn ${longDate(k.withdrawnAt)}`;
  if (k.retirement?.status === 'running') return `Being retired: ${k.retirement.done} of ${k.retirement.total} done`;
  if (k.active) return 'Signs new certificates';
  return `Replaced ${longDate(k.retiredAt)}; still checks what it signed`;
}

const MODE_TEXT = {
  reissue:
    'Re-sign them with a new key: learners and employers keep valid certificates (downloaded copies must be downloaded again).',
  revoke: 'Revoke them all: nothing signed with this key is valid any more; issue new certificates yourself.',
} as const;

/** One key's "retire" form: the academy chooses what happens to what the key signed. */
function RetireForm({ actor, slug, k, form }: { actor: UserActor; slug: string; k: KeyView; form: FormState }) {
  const running = k.retirement?.status === 'running';
  return (
    <form method="post" action={`/academy/${slug}/keys/${k.kid}/retire`} class="stack" novalidate>
      <Csrf actor={actor} />
      <fieldset>
        <legend>What happens to the {k.signed} certificates it signed</legend>
        {(['reissue', 'revoke'] as const).map((mode) => (
          <label class="choice">
            <input
              type="radio"
              name="mode"
              value={mode}
              checked={(running ? k.retirement?.mode : (form.values.mode ?? 'reissue')) === mode}
              disabled={running && k.retirement?.mode !== mode}
            />{' '}
            {MODE_TEXT[mode]}
          </label>
        ))}
      </fieldset>
      <div class="field">
        <label for={`reason-${k.kid}`}>Why (kept in the audit log and given as the reason for revocation)</label>
        {form.errors.reason ? (
          <p class="error" id={`reason-${k.kid}-error`}>
            {form.errors.reason}
          </p>
        ) : null}
        <input
          id={`reason-${k.kid}`}
          name="reason"
          maxLength={200}
          value={running ? (k.retirement?.reason ?? '') : (form.values.reason ?? '')}
          aria-describedby={form.errors.reason ? `reason-${k.kid}-error` : undefined}
        />
      </div>
      <button type="submit" class="danger">
        {running ? 'Continue retiring this key' : 'Retire this key'}
      </button>
    </form>
  );
}

export function AcademyKeysPage(p: {
  actor: UserActor;
  slug: string;
  keys: KeyView[];
  form: FormState;
  notice?: string | undefined;
}) {
  return (
    <Layout title="Signing keys" actor={p.actor}>
      <AcademyNav slug={p.slug} />
      <h1>Signing keys</h1>
      {p.notice ? (
        <p class="notice" role="status">
          {p.notice}
        </p>
      ) : null}
      <ErrorSummary errors={p.form.errors} />
      <p>
        Your certificates are signed with these keys. If you think a key's secret may have been stolen (for example a
        server or backup was exposed), retire it: you get a new key at once, the old key is withdrawn from your public
        identity document so nothing signed with it verifies any more, including forgeries, and the certificates it
        signed are re-signed or revoked, as you choose. If it is interrupted, press the button again to finish.
      </p>
      {p.keys.map((k) => (
        <section class="card">
          <h2>
            <code>{k.kid}</code>
          </h2>
          <p>
            Created {longDate(k.createdAt)} · {stateOf(k)} · {k.signed} certificates signed with it
          </p>
          {k.withdrawnAt ? null : <RetireForm actor={p.actor} slug={p.slug} k={k} form={p.form} />}
        </section>
      ))}
      {p.keys.length ? null : <p>No key yet: one is made when you issue your first certificate.</p>}
    </Layout>
  );
}
