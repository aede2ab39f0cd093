/** Role titles as an employer sees them: the sourced title, or the band alone where no title is published. */

/**
 * The title to show for a catalogue role: its sourced title; where the source gives none, or the title is only our
 * inference, the band alone ("Band B"); with neither, plain words saying the title is not published.
 */
export function plainRoleTitle(title: string | null, bandLabel: string | null | undefined): string {
  if (title && !/\(inferred\)/i.test(title)) return title;
  return bandLabel ?? 'Role without a published title';
}

/** A catalogue role as a choice in a list: its plain title, and its band when the title is not already the band. */
export function roleChoiceLabel(title: string | null, bandLabel: string | null | undefined): string {
  const shown = plainRoleTitle(title, bandLabel);
  return bandLabel && shown !== bandLabel ? `${shown} (${bandLabel})` : shown;
}
