/** The contact page: the support address, and a form whose message is emailed to the support team. */
import type { Actor } from '../../worker/context';
import { ErrorSummary, Field, FieldNotes, describedBy } from '../components/forms';
import type { FormState } from '../components/form-state';
import { Csrf, Layout } from '../layout';

/** GET/POST /contact */
export function ContactPage(p: { actor: Actor; supportEmail: string; form: FormState; notice?: string | undefined }) {
  const error = p.form.errors.message;
  return (
    <Layout title="Contact us" actor={p.actor} notice={p.notice}>
      <h1>Contact us</h1>
      <p>
        Email <a href={`mailto:${p.supportEmail}`}>{p.supportEmail}</a>, or send a message here. The{' '}
        <a href="/help">help pages</a> may answer your question straight away.
      </p>
      <ErrorSummary errors={p.form.errors} />
      <form method="post" action="/contact" class="stack" novalidate>
        <Csrf actor={p.actor} />
        <Field name="name" label="Your name" form={p.form} autocomplete="name" />
        <Field name="email" label="Your email address" type="email" form={p.form} autocomplete="email" />
        <div class="field">
          <label for="message">Message</label>
          <FieldNotes id="message" error={error} />
          <textarea
            id="message"
            name="message"
            rows={6}
            required
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={describedBy('message', undefined, error)}
          >
            {p.form.values.message ?? ''}
          </textarea>
        </div>
        <button type="submit">Send message</button>
      </form>
    </Layout>
  );
}
