/**
 * Server-rendered SVG charts: no script, no inline styles (the CSP forbids both; SVG presentation attributes
 * are fine). Each chart is an image with a title and description for assistive technology; the numbers
 * themselves belong in a table next to it, which the pages always render.
 *
 * Layout is one row per bar with the label above the bar, so the chart stays legible when scaled down to a
 * phone's width (the viewBox is narrow and `svg{max-width:100%;height:auto}` scales it).
 */
import type { Child } from 'hono/jsx';
import { t } from './i18n/messages';

const WIDTH = 400;
const VALUE_SPACE = 96;
const ROW = 44;
const INK = '#0b0c0c';
const MUTED = '#505a5f';
export const CHART_COLOURS = {
  bar: '#1d4f91',
  ok: '#00703c',
  warn: '#c27100',
  bad: '#b10e1e',
  none: '#b1b4b6',
} as const;

export interface Bar {
  label: string;
  /** The published value; null when protected (drawn as an outline with its text). */
  value: number | null;
  /** Text shown after the bar, e.g. "1,230" or "protected". */
  display: string;
}

/**
 * Shortens a label to fit the chart's width (~7 units a character at 14); the table has it in full. The part that
 * tells rows apart usually comes last ("<framework>: Band A", "Fire safety (some figures hidden)"), so a short
 * ending after ": " or " (" is kept whole and the start is shortened instead.
 */
export function clip(text: string, max = 48): string {
  if (text.length <= max) return text;
  const cut = Math.max(text.lastIndexOf(': '), text.lastIndexOf(' ('));
  const tail = cut > 0 ? text.slice(cut) : '';
  if (tail && tail.length <= max / 2) return `${text.slice(0, max - tail.length - 1)}…${tail}`;
  return `${text.slice(0, max - 1)}…`;
}

function Frame(p: { id: string; title: string; description: string; height: number; children: Child }) {
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${p.height}`}
      width={WIDTH}
      height={p.height}
      role="img"
      aria-labelledby={`${p.id}-title ${p.id}-desc`}
      font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
    >
      <title id={`${p.id}-title`}>{p.title}</title>
      <desc id={`${p.id}-desc`}>{p.description}</desc>
      {p.children}
    </svg>
  );
}

/** A horizontal bar chart, one labelled row per bar. */
export function BarChart(p: { id: string; title: string; description: string; bars: Bar[]; colour?: string }) {
  const max = Math.max(1, ...p.bars.map((b) => b.value ?? 0));
  const span = WIDTH - VALUE_SPACE;
  const height = Math.max(ROW, p.bars.length * ROW + 4);
  return (
    <Frame id={p.id} title={p.title} description={p.description} height={height}>
      {p.bars.map((b, i) => {
        const y = i * ROW;
        const w = b.value === null ? 0 : Math.max(b.value > 0 ? 2 : 0, Math.round(((b.value ?? 0) / max) * span));
        return (
          <g>
            <text x="0" y={y + 15} font-size="14" fill={INK}>
              {clip(b.label)}
            </text>
            {b.value === null ? (
              <rect x="0.5" y={y + 21.5} width="24" height="15" fill="none" stroke={MUTED} stroke-dasharray="3 2" />
            ) : (
              <rect x="0" y={y + 21} width={w} height="16" fill={p.colour ?? CHART_COLOURS.bar} />
            )}
            <text x={(b.value === null ? 24 : w) + 6} y={y + 34} font-size="13" fill={b.value === null ? MUTED : INK}>
              {b.display}
            </text>
          </g>
        );
      })}
    </Frame>
  );
}

export interface StackedRow {
  label: string;
  /** Published values of each segment (null when protected) and their text. */
  parts: { value: number | null; display: string }[];
}

/** Horizontal 100% stacked bars (e.g. in date / expiring / expired / no record), with a key at the top. */
export function StackedBarChart(p: {
  id: string;
  title: string;
  description: string;
  segments: { label: string; colour: string }[];
  rows: StackedRow[];
}) {
  const keyRows = Math.ceil(p.segments.length / 2);
  const top = keyRows * 22 + 8;
  const height = top + p.rows.length * ROW + 4;
  const span = WIDTH - 2;
  return (
    <Frame id={p.id} title={p.title} description={p.description} height={height}>
      {p.segments.map((s, i) => {
        const x = (i % 2) * (WIDTH / 2);
        const y = Math.floor(i / 2) * 22;
        return (
          <g>
            <rect x={x} y={y + 4} width="14" height="14" fill={s.colour} />
            <text x={x + 20} y={y + 16} font-size="13" fill={INK}>
              {s.label}
            </text>
          </g>
        );
      })}
      {p.rows.map((r, i) => {
        const y = top + i * ROW;
        const known = r.parts.reduce((a, part) => a + (part.value ?? 0), 0);
        const hidden = r.parts.some((part) => part.value === null);
        let x = 0;
        return (
          <g>
            <text x="0" y={y + 15} font-size="14" fill={INK}>
              {clip(hidden ? t('en', 'commissioner.figuresHidden', { label: r.label }) : r.label, 50)}
            </text>
            <rect x="0.5" y={y + 20.5} width={span} height="17" fill="none" stroke={MUTED} />
            {r.parts.map((part, j) => {
              const w = known > 0 && part.value ? (part.value / known) * span : 0;
              const rect = (
                <rect
                  x={x + 1}
                  y={y + 21}
                  width={Math.max(0, w)}
                  height="16"
                  fill={p.segments[j]?.colour ?? CHART_COLOURS.none}
                />
              );
              x += w;
              return rect;
            })}
          </g>
        );
      })}
    </Frame>
  );
}
