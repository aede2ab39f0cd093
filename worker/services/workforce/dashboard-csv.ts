/** A dashboard table as a CSV download: the release it comes from, exactly the published figures, formula-safe text. */
import { type DashboardTable, METHOD_LINE, type ReleaseDashboard, releaseLine } from './commissioner-view';

/** A CSV field: quoted when needed; text a spreadsheet would run as a formula is prefixed with '. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The header lines every CSV export starts with: the release shown, the method and any change of method. */
export function csvHeader(d: Pick<ReleaseDashboard, 'release' | 'change'>): string {
  const lines = [releaseLine(d.release), METHOD_LINE, ...(d.change ? [`What changed: ${d.change}`] : [])];
  return lines.map((l) => `${csvField(`# ${l}`)}\r\n`).join('');
}

/** One dashboard table as CSV: the release header, then exactly the page's published figures. */
export function releaseTableCsv(d: Pick<ReleaseDashboard, 'release' | 'change' | 'population'>, t: DashboardTable) {
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
  else if (t.name === 'delegated') lines.push(['Consenting workers', d.population.csv]);
  return `${csvHeader(d)}${lines.map((l) => l.map(csvField).join(',')).join('\r\n')}\r\n`;
}
