/**
 * Dates as people in the UK write them. A spreadsheet or a form may give 20/11/2026, 20-11-2026, 20.11.2026 or
 * 2026-11-20; all mean 20 November 2026. Slashed dates are always read day first (the UK order), never month
 * first, so a date is never silently swapped: one that only makes sense month first is refused with a reason.
 */

const DAY_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isRealDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00.000Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

export type DateReading = { ok: true; iso: string } | { ok: false; message: string };

/** Reads a UK day-first date or an ISO date; says in plain words why anything else is refused. */
export function readUkDate(input: string): DateReading {
  const v = input.trim();
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(v)) {
    const [y, m, d] = v.split('-');
    const iso = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
    return isRealDate(iso) ? { ok: true, iso } : { ok: false, message: 'Enter a real date, for example 2026-05-20' };
  }
  const m = DAY_FIRST.exec(v);
  if (!m) return { ok: false, message: 'Enter the date as day/month/year, like 20/11/2026' };
  const [, day, month, year] = m as unknown as [string, string, string, string];
  if (year.length === 2) return { ok: false, message: `Write the year in full, like ${day}/${month}/20${year}` };
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (isRealDate(iso)) return { ok: true, iso };
  const swapped = `${year}-${day.padStart(2, '0')}-${month.padStart(2, '0')}`;
  if (Number(month) > 12 && isRealDate(swapped)) {
    return {
      ok: false,
      message: `${v} reads as month first; write the day first, like ${month}/${day}/${year}`,
    };
  }
  return { ok: false, message: 'Enter a real date, for example 20/05/2026' };
}
