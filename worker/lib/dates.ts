/** Time spans and calendar arithmetic in UTC shared by issuing, accounts and role fit. */

/** Milliseconds in an hour. */
export const HOUR_MS = 60 * 60 * 1000;

/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;

/** Adds whole calendar months in UTC (clamped to the month's last day). */
export function addMonths(d: Date, months: number): Date {
  const r = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes()));
  const last = new Date(Date.UTC(r.getUTCFullYear(), r.getUTCMonth() + 1, 0)).getUTCDate();
  r.setUTCDate(Math.min(d.getUTCDate(), last));
  return r;
}
