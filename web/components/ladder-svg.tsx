/**
 * A career ladder drawn as server-rendered SVG: one rung per role, most senior at the top, the worker's role
 * filled and the target outlined. Colours are presentation attributes (the CSP allows no inline styles), and
 * every mark also has words, so nothing depends on colour. A text list follows the picture for screen readers
 * and for anyone who prefers reading.
 */
import type { LadderRowView } from '../../worker/services/passport/pathway';
import { type Lang, type Translate, translator } from '../i18n/messages';
import { InEnglish } from '../i18n/rich';

const WIDTH = 340;
const ROW = 46;
const GAP = 6;
const PAD = 4;
/** Characters of a role title that fit one rung at this font size; longer titles are shortened (the list has them in full). */
const MAX_CHARS = 40;

const shorten = (s: string) => (s.length > MAX_CHARS ? `${s.slice(0, MAX_CHARS - 1)}…` : s);

function mark(r: LadderRowView, t: Translate): string | null {
  if (r.isCurrent && r.isTarget) return t('ladder.hereAndTarget');
  if (r.isCurrent) return t('ladder.here');
  if (r.isTarget) return t('ladder.yourTarget');
  return null;
}

/** One sentence describing the ladder, for the SVG's desc and tests. Pure. */
export function ladderDescription(name: string, rows: LadderRowView[], lang: Lang = 'en'): string {
  const t = translator(lang);
  const order = rows.map((r) => r.title).join(t('ladder.then'));
  const current = rows.find((r) => r.isCurrent);
  const target = rows.find((r) => r.isTarget);
  return [
    t('ladder.order', { name, roles: order }),
    current ? t('ladder.current', { role: current.title }) : t('ladder.noCurrent'),
    target ? t('ladder.target', { role: target.title }) : t('ladder.noTarget'),
  ].join(' ');
}

/** The ladder figure; `lang` is the page's language (role titles stay as the catalogue writes them). */
export function LadderSvg({
  id,
  name,
  rows,
  lang = 'en',
}: {
  id: string;
  name: string;
  rows: LadderRowView[];
  lang?: Lang;
}) {
  const t = translator(lang);
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
      <title id={titleId}>{t('ladder.title', { name })}</title>
      <desc id={descId}>{ladderDescription(name, rows, lang)}</desc>
      {rows.map((r, i) => {
        const y = PAD + i * (ROW + GAP);
        const m = mark(r, t);
        const fill = r.isCurrent ? '#1d4f91' : r.isTarget ? '#fff7bf' : '#f3f2f1';
        const stroke = r.isCurrent ? '#1d4f91' : r.isTarget ? '#594d00' : '#b1b4b6';
        const ink = r.isCurrent ? '#ffffff' : '#0b0c0c';
        const sub = [r.bandLabel, m, r.verified ? null : t('ladder.indicative')].filter(Boolean).join(' · ');
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
            <text
              x={PAD + 10}
              y={y + (sub ? 19 : 28)}
              font-size="14"
              font-weight={m ? '700' : '400'}
              fill={ink}
              lang={lang === 'en' ? undefined : 'en'}
            >
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

/**
 * The same ladder as a list (most senior first), marking where the worker is and the target; on a page in another
 * language the role titles and bands, written in English by the catalogue, are marked as English.
 */
export function LadderList({
  rows,
  labelledBy,
  lang = 'en',
}: {
  rows: LadderRowView[];
  labelledBy: string;
  lang?: Lang;
}) {
  const t = translator(lang);
  return (
    <ol aria-labelledby={labelledBy} class="small">
      {rows.map((r) => (
        <li>
          <InEnglish lang={lang}>
            {r.isCurrent || r.isTarget ? <strong>{r.title}</strong> : r.title}
            {r.bandLabel ? ` (${r.bandLabel})` : ''}
          </InEnglish>
          {r.isCurrent ? <span class="tag ok">{t('ladder.here')}</span> : null}
          {r.isTarget ? <span class="tag warn">{t('ladder.yourTarget')}</span> : null}
          {!r.verified ? <span class="tag warn">{t('ladder.indicative')}</span> : null}
        </li>
      ))}
    </ol>
  );
}
