/** The privacy notice: what we keep about whom, why, for how long, and what deleting an account does (English only). */
import type { Actor } from '../../worker/context';
import { type MessageKey, translator } from '../i18n/messages';
import { rich } from '../i18n/rich';
import { Layout } from '../layout';

/** The notice is not in Welsh yet: it is written in English, and the page frame says so to a visitor who chose Welsh. */
const t = translator('en');

/** A row of the deletion table: a record or what becomes of it. */
type PrivacyKey = Extract<MessageKey, `privacy.row${string}` | 'privacy.erased'>;

/** What happens to each kind of record when a person deletes their account (shown as a table). */
const ON_DELETION: [PrivacyKey, PrivacyKey][] = [
  ['privacy.rowAccount', 'privacy.erased'],
  ['privacy.rowKey', 'privacy.rowKeyOutcome'],
  ['privacy.rowSessions', 'privacy.erased'],
  ['privacy.rowShares', 'privacy.rowSharesOutcome'],
  ['privacy.rowImports', 'privacy.erased'],
  ['privacy.rowMail', 'privacy.erased'],
  ['privacy.rowCounters', 'privacy.erased'],
  ['privacy.rowIssued', 'privacy.rowIssuedOutcome'],
  ['privacy.rowCohort', 'privacy.rowCohortOutcome'],
  ['privacy.rowSaved', 'privacy.rowSavedOutcome'],
  ['privacy.rowLog', 'privacy.rowLogOutcome'],
];

/** What we keep and why: each sentence with its subject in bold. */
const KEPT = [
  ['privacy.account', 'privacy.accountWhat'],
  ['privacy.certificates', 'privacy.certificatesWhat'],
  ['privacy.providers', 'privacy.providersWhat'],
  ['privacy.employers', 'privacy.employersWhat'],
  ['privacy.workforce', 'privacy.workforceWhat'],
  ['privacy.security', 'privacy.securityWhat'],
] as const;

export function PrivacyPage({ actor }: { actor: Actor }) {
  return (
    <Layout title={t('privacy.title')} actor={actor}>
      <h1>{t('privacy.heading')}</h1>
      <h2>{t('privacy.keepTitle')}</h2>
      <ul>
        {KEPT.map(([sentence, what]) => (
          <li>{rich('en', sentence, { what: <strong>{t(what)}</strong> })}</li>
        ))}
      </ul>
      <h2>{t('privacy.deleteTitle')}</h2>
      <p>{t('privacy.deleteText')}</p>
      <table>
        <caption>{t('privacy.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('privacy.record')}</th>
            <th scope="col">{t('privacy.onDeletion')}</th>
          </tr>
        </thead>
        <tbody>
          {ON_DELETION.map(([what, outcome]) => (
            <tr>
              <td>{t(what)}</td>
              <td>{t(outcome)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>{t('privacy.backups')}</p>
      <h2>{t('privacy.questionsTitle')}</h2>
      <p>{t('privacy.questions')}</p>
    </Layout>
  );
}
