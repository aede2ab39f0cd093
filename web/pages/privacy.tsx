/** The privacy notice: what we keep about whom, why, for how long, and what deleting an account does. */
import type { Actor } from '../../worker/context';
import { Layout } from '../layout';

/** What happens to each kind of record when a person deletes their account (shown as a table). */
const ON_DELETION: [string, string][] = [
  ['Your account: name, email address, password, area, roles, consent choices', 'Erased'],
  ['Your passport key (the key that signs what you share)', 'Erased, so nothing new can be signed in your name'],
  ['Sessions, sign-in and reset links, invitations sent to you', 'Erased'],
  ['Share links and the record of who opened them', 'Erased; the links stop working'],
  ['Certificates you brought in from elsewhere', 'Erased'],
  ['Messages sent to you or naming you (our mail log)', 'Erased'],
  ['Sign-in and rate-limit counters with your email or account', 'Erased'],
  [
    "A training provider's record of certificates it issued you",
    'Kept without you: the certificate, its dates and status (so it can still be checked and withdrawn), without your name, email or account',
  ],
  [
    "A training provider's upload of a class list that named you",
    'Kept without you: your name and email are removed from the row',
  ],
  [
    "An employer's saved check of your passport",
    'Kept without you: the result (verified or not, role assessment, dates), without your name, certificates or share link; it can no longer be re-checked',
  ],
  [
    'Security log and anonymous career-move counts',
    'Kept without you: what happened and when, with your name and email removed',
  ],
];

export function PrivacyPage({ actor }: { actor: Actor }) {
  return (
    <Layout title="Privacy" actor={actor}>
      <h1>How Care Passport handles personal data</h1>
      <h2>What we keep and why</h2>
      <ul>
        <li>
          <strong>Your account</strong>: your name, email address and a hash of your password, so you can sign in.
        </li>
        <li>
          <strong>Your certificates</strong>: training providers issue them to your email address; you decide who sees
          them by sharing a link. Every opening of a link is recorded and shown to you.
        </li>
        <li>
          <strong>Training providers' records</strong>: each provider keeps a register of the certificates it issued, so
          it can withdraw or renew them and answer whether they are still valid.
        </li>
        <li>
          <strong>Employers' checks</strong>: an employer may save the result of checking what you shared with them.
        </li>
        <li>
          <strong>Workforce figures</strong>: only if you agree, you are counted in anonymous figures for your area;
          small numbers are hidden. You can withdraw at any time in your account.
        </li>
        <li>
          <strong>Security</strong>: a log of important actions (issuing, withdrawing, changes to accounts and
          organisations), and counters that limit repeated attempts. Request logs hold no personal data.
        </li>
      </ul>
      <h2>When you delete your account</h2>
      <p>
        You can delete your account at any time from your passport. Certificates issued to you stay valid for whoever
        holds a copy, because checking one needs only the issuer's signature and its public status list.
      </p>
      <table>
        <caption>What happens to each record</caption>
        <thead>
          <tr>
            <th scope="col">Record</th>
            <th scope="col">On deletion</th>
          </tr>
        </thead>
        <tbody>
          {ON_DELETION.map(([what, outcome]) => (
            <tr>
              <td>{what}</td>
              <td>{outcome}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        The database is rewritten when an account is deleted, so the erased data does not linger in the file. Backups
        taken before the deletion still hold it until the operator deletes them in turn.
      </p>
      <h2>Questions</h2>
      <p>
        Write to the operator of this service. To report a security problem, see the security contact in our security
        policy.
      </p>
    </Layout>
  );
}
