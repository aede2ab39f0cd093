/** Certificates sent to the worker's confirmed email address that are waiting to be added to the passport. */
import type { Actor } from '../../worker/context';
import type { WaitingClaim } from '../../worker/services/passport/claims';
import { Csrf } from '../layout';

/** Groups waiting certificates by the organisation that issued them, keeping the order they came in. */
function byIssuer(items: readonly WaitingClaim[]): Map<string, WaitingClaim[]> {
  const groups = new Map<string, WaitingClaim[]>();
  for (const w of items) groups.set(w.issuerName, [...(groups.get(w.issuerName) ?? []), w]);
  return groups;
}

/** "1 certificate waiting from <academy>: add it", one button per certificate; nothing when none wait. */
export function WaitingClaims({ actor, items }: { actor: Actor; items: readonly WaitingClaim[] }) {
  if (!items.length) return null;
  return (
    <section aria-labelledby="waiting-title" class="card">
      <h2 id="waiting-title">Certificates waiting for you</h2>
      {[...byIssuer(items)].map(([issuer, list]) => (
        <div>
          <p>
            {list.length === 1 ? '1 certificate' : `${list.length} certificates`} waiting from {issuer}: add{' '}
            {list.length === 1 ? 'it' : 'them'} to your passport.
          </p>
          <ul class="plain">
            {list.map((w) => (
              <li>
                <form method="post" action={`/passport/waiting/${w.credentialId}`}>
                  <Csrf actor={actor} />
                  <button type="submit">Add “{w.achievementName}”</button>
                </form>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
