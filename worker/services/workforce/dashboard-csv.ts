/** A dashboard table as a CSV download, with exactly the published figures and formula-safe text. */
import type { Cell } from './disclosure';
import type { DashboardTable } from './dashboard';

/** A CSV field: quoted when needed; text a spreadsheet would run as a formula is prefixed with '. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One dashboard table as CSV, with exactly the page's published (rounded or suppressed) figures. */
export function tableCsv(t: DashboardTable, population: Cell): string {
  const header = ['', ...t.cols.map((c) => c.label)];
  if (t.rowTotals) header.push('Total');
  if (t.shares) header.push('Share of workers (%)');
  const lines = [header];
  t.rows.forEach((r, i) => {
    const line = [r.label, ...(t.cells[i] ?? []).map((c) => c.csv)];
    if (t.rowTotals) line.push(t.rowTotals[i]?.csv ?? '');
    if (t.shares) line.push(t.shares[i] === null || t.shares[i] === undefined ? '' : String(t.shares[i]));
    lines.push(line);
  });
  if (t.colTotals) lines.push(['Total', ...t.colTotals.map((c) => c.csv)]);
  else if (t.name === 'delegated') lines.push(['Consenting workers', population.csv]);
  return `${lines.map((l) => l.map(csvField).join(',')).join('\r\n')}\r\n`;
}
