/**
 * A career ladder drawn as server-rendered SVG: one rung per role, most senior at the top, the worker's role
 * filled and the target outlined. Colours are presentation attributes (the CSP allows no inline styles), and
 * every mark also has words, so nothing depends on colour. A text list follows the picture for screen readers
 * and for anyone who prefers reading.
 */
import type { LadderRowView } from '../../worker/services/passport/pathway';

const WIDTH = 340;
const ROW = 46;
const GAP = 6;
const PAD = 4;
/** Characters of a role title that fit one rung at this font size; longer titles are shortened (the list has them in full). */
const MAX_CHARS = 40;

const shorten = (s: string) => (s.length > MAX_CHARS ? `${s.slice(0, MAX_CHARS - 1)}…` : s);

function mark(r: LadderRowView): string | null {
  if (r.isCurrent && r.isTarget) return 'You are here (and your target)';
  if (r.isCurrent) return 'You are here';
  if (r.isTarget) return 'Your target';
  return null;
}

/** One sentence describing the ladder, for the SVG's desc and tests. Pure. */
export function ladderDescription(name: string, rows: LadderRowView[]): string {
  const order = rows.map((r) => r.title).join(', then ');
  const current = rows.find((r) => r.isCurrent);
  const target = rows.find((r) => r.isTarget);
  return [
    `${name}, from most senior to least: ${order}.`,
    current ? `You are here: ${current.title}.` : 'Your current role is not on this ladder.',
    target ? `Your target: ${target.title}.` : 'Your target is not on this ladder.',
  ].join(' ');
}

export function LadderSvg({ id, name, rows }: { id: string; name: string; rows: LadderRowView[] }) {
  const height = PAD * 2 + rows.length * ROW + Math.max(0, rows.length - 1) * GAP;
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${WIDTH} ${height}`}
      width={WIDTH}
      height={height}
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      class="ladder-svg"
    >
      <title id={titleId}>{`Career ladder: ${name}`}</title>
      <desc id={descId}>{ladderDescription(name, rows)}</desc>
      {rows.map((r, i) => {
        const y = PAD + i * (ROW + GAP);
        const m = mark(r);
        const fill = r.isCurrent ? '#1d4f91' : r.isTarget ? '#fff7bf' : '#f3f2f1';
        const stroke = r.isCurrent ? '#1d4f91' : r.isTarget ? '#594d00' : '#b1b4b6';
        const ink = r.isCurrent ? '#ffffff' : '#0b0c0c';
        const sub = [r.bandLabel, m, r.verified ? null : 'indicative'].filter(Boolean).join(' · ');
        return (
          <g>
            <rect
              x={PAD}
              y={y}
              width={WIDTH - PAD * 2}
              height={ROW}
              rx={6}
              fill={fill}
              stroke={stroke}
              stroke-width={r.isTarget ? 3 : 1}
              stroke-dasharray={r.isTarget && !r.isCurrent ? '7 4' : undefined}
            />
            <text x={PAD + 10} y={y + (sub ? 19 : 28)} font-size="14" font-weight={m ? '700' : '400'} fill={ink}>
              {shorten(r.title)}
            </text>
            {sub ? (
              <text x={PAD + 10} y={y + 37} font-size="12" fill={ink}>
                {sub}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}

/** The same ladder as a list (most senior first), marking where the worker is and the target. */
export function LadderList({ rows, labelledBy }: { rows: LadderRowView[]; labelledBy: string }) {
  return (
    <ol aria-labelledby={labelledBy} class="small">
      {rows.map((r) => (
        <li>
          {r.isCurrent || r.isTarget ? <strong>{r.title}</strong> : r.title}
          {r.bandLabel ? ` (${r.bandLabel})` : ''}
          {r.isCurrent ? <span class="tag ok">You are here</span> : null}
          {r.isTarget ? <span class="tag warn">Your target</span> : null}
          {!r.verified ? <span class="tag warn">indicative</span> : null}
        </li>
      ))}
    </ol>
  );
}
