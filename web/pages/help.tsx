/** Help for each audience: care workers, employers, academies and commissioners, in a few plain steps each. */
import type { Actor } from '../../worker/context';
import { Layout } from '../layout';

interface HelpTopic {
  title: string;
  steps: string[];
}

interface HelpAudience {
  name: string;
  intro: string;
  topics: HelpTopic[];
}

/** Every audience's help, by the path segment used in /help/<audience>. */
export const HELP: Record<string, HelpAudience> = {
  'care-workers': {
    name: 'Care workers',
    intro: 'Keep your training certificates in one place and show them to any employer.',
    topics: [
      {
        title: 'Claim a certificate',
        steps: [
          'After your training, your academy emails you a claim link.',
          'Open the link and sign in, or create your passport with the same email address.',
          'The certificate is added to your passport. A link works for a limited time; ask the academy for a new one if it has run out.',
        ],
      },
      {
        title: 'Share your passport',
        steps: [
          'Open your passport and choose "Share".',
          'Pick what to share and for how long, then copy the link or show the QR code.',
          'You can withdraw a share at any time; the employer then sees nothing more.',
        ],
      },
    ],
  },
  employers: {
    name: 'Employers',
    intro: 'Check a candidate’s training in seconds, without phoning the academy.',
    topics: [
      {
        title: 'Verify a passport or certificate',
        steps: [
          'Open "Verify" and paste the share link, or upload the certificate file the candidate gave you.',
          'Each certificate is checked: signed by an approved academy, not revoked, in date.',
        ],
      },
      {
        title: 'Read a report',
        steps: [
          'Green checks passed; amber ones need your judgement (for example a refresher due soon); red ones failed.',
          'For a role you have set up, the report shows which requirements are already met and which are missing.',
          'Framework mappings are indicative: they guide your decision, they do not make it.',
        ],
      },
    ],
  },
  academies: {
    name: 'Academies and training providers',
    intro: 'Issue signed certificates to one learner or a whole cohort.',
    topics: [
      {
        title: 'Issue a cohort',
        steps: [
          'Define the achievement once (for example "Moving and handling, level 2").',
          'Download the Excel or CSV template from the achievement’s page and fill in one learner per row. UK dates (20/05/2026) are fine.',
          'Upload the file: every row is checked and you see a preview. Nothing is issued until you confirm.',
          'Each learner is emailed a claim link. The result file lists every certificate issued.',
        ],
      },
    ],
  },
  commissioners: {
    name: 'Commissioners',
    intro: 'See the training of the care workforce in your area, from workers who agreed to share it.',
    topics: [
      {
        title: 'Read your area’s figures',
        steps: [
          'The platform team sets the areas your organisation plans for.',
          'Figures count only workers who consented, and small numbers are hidden so nobody can be identified.',
        ],
      },
    ],
  },
};

/** GET /help: a short guide per audience. */
export function HelpIndexPage({ actor }: { actor: Actor }) {
  return (
    <Layout title="Help" actor={actor}>
      <h1>Help</h1>
      <p>Choose who you are for the steps that matter to you.</p>
      <ul class="cards">
        {Object.entries(HELP).map(([slug, a]) => (
          <li class="card">
            <h2>
              <a href={`/help/${slug}`}>{a.name}</a>
            </h2>
            <p>{a.intro}</p>
          </li>
        ))}
      </ul>
      <p>
        Still stuck? <a href="/contact">Contact us</a>.
      </p>
    </Layout>
  );
}

/** GET /help/:audience: that audience's topics as numbered steps. */
export function HelpAudiencePage({ actor, audience }: { actor: Actor; audience: HelpAudience }) {
  return (
    <Layout title={`Help for ${audience.name.toLowerCase()}`} actor={actor}>
      <p>
        <a href="/help">All help</a>
      </p>
      <h1>Help for {audience.name.toLowerCase()}</h1>
      <p>{audience.intro}</p>
      {audience.topics.map((t) => (
        <section>
          <h2>{t.title}</h2>
          <ol>
            {t.steps.map((s) => (
              <li>{s}</li>
            ))}
          </ol>
        </section>
      ))}
    </Layout>
  );
}
