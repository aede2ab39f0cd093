/** Certificates sent to the worker's confirmed email address that are waiting to be added to the passport. */
import type { Actor } from '../../worker/context';
import type { WaitingClaim } from '../../worker/services/passport/claims';
import { type Lang, translator } from '../i18n/messages';
import { Csrf } from '../layout';

/** Groups waiting certificates by the organisation that issued them, keeping the order they came in. */
function byIssuer(items: readonly WaitingClaim[]): Map<string, WaitingClaim[]> {
  const groups = new Map<string, WaitingClaim[]>();
  for (const w of items) groups.set(w.issuerName, [...(groups.get(w.issuerName) ?? []), w]);
  return groups;
}

/** "1 certificate waiting from <academy>: add it", one button per certificate; nothing when none wait. */
export function WaitingClaims({
  actor,
  items,
  lang = 'en',
}: {
  actor: Actor;
  items: readonly WaitingClaim[];
  lang?: Lang;
}) {
  if (!items.length) return null;
  const t = translator(lang);
  return (
    <section aria-labelledby="waiting-title" class="card">
      <h2 id="waiting-title">{t('waiting.title')}</h2>
      {[...byIssuer(items)].map(([issuer, list]) => (
        <div>
          <p>{list.length === 1 ? t('waiting.one', { issuer }) : t('waiting.many', { issuer, count: list.length })}</p>
          <ul class="plain">
            {list.map((w) => (
              <li>
                <form method="post" action={`/passport/waiting/${w.credentialId}`}>
                  <Csrf actor={actor} />
                  <button type="submit">{t('waiting.add', { name: w.achievementName })}</button>
                </form>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
