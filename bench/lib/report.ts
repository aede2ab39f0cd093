/** Benchmark figures: targets, pass/miss, the printed table and the JSON file under bench/results/. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';

export type Comparison = '>=' | '<=' | '<' | '>';

export interface Target {
  op: Comparison;
  value: number;
}

/** One reported number. `target` absent = informational figure (no pass/miss). */
export interface Figure {
  /** Which benchmark produced it (verify, role-fit, issue, http-load, scale, bundle). */
  bench: string;
  name: string;
  value: number;
  unit: string;
  target?: Target;
  /** Set by `finish`; 'n/a' when the figure could not be measured (value NaN). */
  result?: 'pass' | 'miss' | 'info' | 'n/a';
  note?: string;
}

/** Whether `value` meets `target`; NaN never does. */
export function meets(value: number, target: Target): boolean {
  if (Number.isNaN(value)) return false;
  switch (target.op) {
    case '>=':
      return value >= target.value;
    case '<=':
      return value <= target.value;
    case '<':
      return value < target.value;
    case '>':
      return value > target.value;
  }
}

/** Fills in `result` for a figure. */
export function finish(f: Figure): Figure {
  if (Number.isNaN(f.value)) return { ...f, result: 'n/a' };
  if (!f.target) return { ...f, result: 'info' };
  return { ...f, result: meets(f.value, f.target) ? 'pass' : 'miss' };
}

/** Human formatting of a number: thousands separators for large values, 3 significant digits for small ones. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-GB');
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  if (abs === 0) return '0';
  return value.toPrecision(3);
}

export function formatTarget(t: Target | undefined): string {
  return t ? `${t.op} ${formatNumber(t.value)}` : '';
}

/** A plain-text table with right-aligned numbers; column widths fit the content. */
export function renderTable(headers: string[], rows: string[][], numeric: boolean[] = []): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The figures table printed at the end of `npm run bench`. */
export function figuresTable(figures: Figure[]): string {
  const rows = figures.map((f) => [
    f.bench,
    f.name,
    formatNumber(f.value),
    f.unit,
    formatTarget(f.target),
    f.result === 'info' ? '' : (f.result ?? ''),
  ]);
  return renderTable(['bench', 'figure', 'value', 'unit', 'target', 'result'], rows, [
    false,
    false,
    true,
    false,
    false,
    false,
  ]);
}

export interface RunReport {
  startedAt: string;
  finishedAt: string;
  mode: 'quick' | 'full';
  only: string[] | null;
  command: string;
  machine: {
    node: string;
    platform: string;
    cpus: number;
    cpuModel: string;
    memoryGiB: number;
    loadAvgAtStart: number[];
    loadAvgAtEnd?: number[];
  };
  figures: Figure[];
  /** Per-benchmark raw data (runs, percentiles, stage timings, errors). */
  details: Record<string, unknown>;
}

export function machineInfo(): RunReport['machine'] {
  const c = cpus();
  return {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpus: c.length,
    cpuModel: c[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    // Other work on a shared 2-core machine moves every absolute figure; the load average says how much there was.
    loadAvgAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

/** File name for a run: bench/results/2026-11-23T10-35-09Z.json (colons are not portable in file names). */
export function resultFileName(at: Date): string {
  return `${at
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-')}.json`;
}

/** Writes the report as JSON; returns the path. */
export function writeReport(dir: string, report: RunReport): string {
  const path = join(dir, resultFileName(new Date(report.startedAt)));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, jsonReplacer, 2)}\n`);
  return path;
}

/** JSON has no NaN or Infinity; write them as null rather than losing the key. */
function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}
