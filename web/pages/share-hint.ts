/** The share form's hint under the certificate list, matching what is actually ticked. */

/** "All are ticked" only when every offered certificate is ticked; otherwise how many are, in words. */
export function chooseHint(offered: readonly string[], checked: readonly string[]): string {
  const ticked = offered.filter((id) => checked.includes(id)).length;
  if (ticked === offered.length) return 'All are ticked. Untick any you do not want to share.';
  if (ticked === 0) return 'None are ticked yet. Tick the certificates you want to share.';
  return `${ticked} of ${offered.length} are ticked. Tick or untick any to choose what to share.`;
}
