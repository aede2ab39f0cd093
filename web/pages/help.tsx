/** Help for each audience: care workers, employers, academies and commissioners, in a few plain steps each. */
import type { Actor } from '../../worker/context';
import { type Lang, type MessageKey, translator } from '../i18n/messages';
import { rich } from '../i18n/rich';
import { Layout } from '../layout';

/** A help message: every help entry is a whole sentence or heading without placeholders. */
type HelpKey = Exclude<Extract<MessageKey, `help.${string}`>, 'help.stuck'>;

interface HelpTopic {
  title: HelpKey;
  steps: HelpKey[];
}

interface HelpAudience {
  name: HelpKey;
  /** The page's heading and title ("Help for care workers"). */
  title: HelpKey;
  intro: HelpKey;
  topics: HelpTopic[];
}

/** Every audience's help, by the path segment used in /help/<audience>. */
export const HELP: Record<string, HelpAudience> = {
  'care-workers': {
    name: 'help.workersName',
    title: 'help.workersTitle',
    intro: 'help.workersIntro',
    topics: [
      { title: 'help.workersClaim', steps: ['help.workersClaim1', 'help.workersClaim2', 'help.workersClaim3'] },
      { title: 'help.workersShare', steps: ['help.workersShare1', 'help.workersShare2', 'help.workersShare3'] },
    ],
  },
  employers: {
    name: 'help.employersName',
    title: 'help.employersTitle',
    intro: 'help.employersIntro',
    topics: [
      { title: 'help.employersVerify', steps: ['help.employersVerify1', 'help.employersVerify2'] },
      {
        title: 'help.employersReport',
        steps: ['help.employersReport1', 'help.employersReport2', 'help.employersReport3'],
      },
    ],
  },
  academies: {
    name: 'help.academiesName',
    title: 'help.academiesTitle',
    intro: 'help.academiesIntro',
    topics: [
      {
        title: 'help.academiesCohort',
        steps: ['help.academiesCohort1', 'help.academiesCohort2', 'help.academiesCohort3', 'help.academiesCohort4'],
      },
    ],
  },
  commissioners: {
    name: 'help.commissionersName',
    title: 'help.commissionersTitle',
    intro: 'help.commissionersIntro',
    topics: [
      { title: 'help.commissionersFigures', steps: ['help.commissionersFigures1', 'help.commissionersFigures2'] },
    ],
  },
};

/** GET /help: a short guide per audience. */
export function HelpIndexPage({ actor, lang = 'en' }: { actor: Actor; lang?: Lang }) {
  const t = translator(lang);
  return (
    <Layout title={t('help.title')} actor={actor} lang={lang}>
      <h1>{t('help.title')}</h1>
      <p>{t('help.choose')}</p>
      <ul class="cards">
        {Object.entries(HELP).map(([slug, a]) => (
          <li class="card">
            <h2>
              <a href={`/help/${slug}`}>{t(a.name)}</a>
            </h2>
            <p>{t(a.intro)}</p>
          </li>
        ))}
      </ul>
      <p>{rich(lang, 'help.stuck', { contact: <a href="/contact">{t('help.contactLink')}</a> })}</p>
    </Layout>
  );
}

/** GET /help/:audience: that audience's topics as numbered steps. */
export function HelpAudiencePage({
  actor,
  audience,
  lang = 'en',
}: {
  actor: Actor;
  audience: HelpAudience;
  lang?: Lang;
}) {
  const t = translator(lang);
  return (
    <Layout title={t(audience.title)} actor={actor} lang={lang}>
      <p>
        <a href="/help">{t('help.all')}</a>
      </p>
      <h1>{t(audience.title)}</h1>
      <p>{t(audience.intro)}</p>
      {audience.topics.map((topic) => (
        <section>
          <h2>{t(topic.title)}</h2>
          <ol>
            {topic.steps.map((s) => (
              <li>{t(s)}</li>
            ))}
          </ol>
        </section>
      ))}
    </Layout>
  );
}
