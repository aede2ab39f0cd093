/** A wide table's box: it scrolls sideways on a phone, and is focusable and named so keyboards can scroll it too. */
import type { Child } from 'hono/jsx';

export function Scroll({ label, children }: { label: string; children: Child }) {
  return (
    <section class="scroll" tabindex={0} aria-label={label}>
      {children}
    </section>
  );
}
