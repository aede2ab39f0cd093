import type { Actor } from '../../worker/context';
import { Layout } from '../layout';

/** The landing page: what the service does for each of its users. */
export function HomePage({ actor }: { actor: Actor }) {
  return (
    <Layout title="Your training, trusted everywhere" actor={actor}>
      <h1>Your care training, trusted by every employer</h1>
      <p>
        Care Passport keeps signed, portable records of your training and qualifications. Move to a new employer without
        starting your training again.
      </p>
      <ul class="cards">
        <li class="card">
          <h2>Care workers</h2>
          <p>
            Keep your certificates in one place, see your next step on the career ladder, and share proof with a link.
          </p>
          <a class="button" href={actor.kind === 'user' ? '/passport' : '/sign-up'}>
            {actor.kind === 'user' ? 'Open my passport' : 'Create my passport'}
          </a>
        </li>
        <li class="card">
          <h2>Employers</h2>
          <p>
            Check a candidate's training in seconds and see which requirements of the role are already met and in date.
          </p>
          <a class="button secondary" href="/verify">
            Verify a passport
          </a>
        </li>
        <li class="card">
          <h2>Academies and training providers</h2>
          <p>Issue signed certificates after training, to one learner or a whole cohort, and revoke or renew them.</p>
          <a class="button secondary" href="/sign-in">
            Sign in to issue
          </a>
        </li>
        <li class="card">
          <h2>Career ladders</h2>
          <p>
            England's Care Workforce Pathway, Wales's pay and progression bands and NHS Agenda for Change, side by side.
          </p>
          <a class="button secondary" href="/catalogue">
            Browse the ladders
          </a>
        </li>
      </ul>
      <section aria-labelledby="organisations-title" class="stack">
        <h2 id="organisations-title">For organisations</h2>
        <p>
          Academies, employers and councils register once; the platform checks who you are before you can issue or
          verify on behalf of your organisation.
        </p>
        <p>
          <a class="button" href="/organisations/new">
            Register your academy, employer or council
          </a>
        </p>
      </section>
    </Layout>
  );
}
