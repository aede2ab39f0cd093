/** The academy's signing keys, and retiring one that may be compromised (revoke or re-sign what it signed). */
import type { KeyRetirement } from '../../worker/services/organisations/key-retirement';
import { Csrf, Layout } from '../layout';
import type { FormState } from '../components/form-state';
import { ErrorSummary } from '../components/forms';
import { AcademyNav, type UserActor, longDate } from '../components/academy';
import { translator } from '../i18n/messages';

const t = translator('en');

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
  if (k.withdrawnAt) return t('academy.keyWithdrawn', { date: longDate(k.withdrawnAt) });
  if (k.retirement?.status === 'running')
    return t('academy.keyRetiring', { done: k.retirement.done, total: k.retirement.total });
  if (k.active) return t('academy.keyActive');
  return t('academy.keyReplaced', { date: longDate(k.retiredAt) });
}

const MODE_TEXT = {
  reissue: t('academy.keyModeReissue'),
  revoke: t('academy.keyModeRevoke'),
} as const;

/** One key's "retire" form: the academy chooses what happens to what the key signed. */
function RetireForm({ actor, slug, k, form }: { actor: UserActor; slug: string; k: KeyView; form: FormState }) {
  const running = k.retirement?.status === 'running';
  return (
    <form method="post" action={`/academy/${slug}/keys/${k.kid}/retire`} class="stack" novalidate>
      <Csrf actor={actor} />
      <fieldset>
        <legend>{t('academy.keyWhatHappens', { count: k.signed })}</legend>
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
        <label for={`reason-${k.kid}`}>{t('academy.keyWhy')}</label>
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
        {running ? t('academy.keyContinue') : t('academy.keyRetire')}
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
    <Layout title={t('academy.navKeys')} actor={p.actor}>
      <AcademyNav slug={p.slug} />
      <h1>{t('academy.navKeys')}</h1>
      {p.notice ? (
        <p class="notice" role="status">
          {p.notice}
        </p>
      ) : null}
      <ErrorSummary errors={p.form.errors} />
      <p>{t('academy.keysIntro')}</p>
      {p.keys.map((k) => (
        <section class="card">
          <h2>
            <code>{k.kid}</code>
          </h2>
          <p>{t('academy.keyFacts', { date: longDate(k.createdAt), state: stateOf(k), count: k.signed })}</p>
          {k.withdrawnAt ? null : <RetireForm actor={p.actor} slug={p.slug} k={k} form={p.form} />}
        </section>
      ))}
      {p.keys.length ? null : <p>{t('academy.noKey')}</p>}
    </Layout>
  );
}
