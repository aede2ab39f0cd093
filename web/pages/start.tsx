/** The chooser after sign-in for people who work in more than one place. */
import type { Actor } from '../../worker/context';
import type { WorkPlace } from '../../worker/services/accounts/landing';
import { Layout } from '../layout';

/** "Where do you want to go?": each organisation's home, the admin area and the person's own passport. */
export function StartPage(p: { actor: Actor; places: readonly WorkPlace[] }) {
  return (
    <Layout title="Where do you want to go?" actor={p.actor}>
      <h1>Where do you want to go?</h1>
      <p>You work in more than one place. Choose where to start; you can switch at any time from the menu.</p>
      <ul class="cards">
        {p.places.map((place) => (
          <li class="card">
            <a href={place.href}>{place.label}</a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
