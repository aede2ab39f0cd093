/**
 * The shared pieces in Welsh: the form kit's own words follow the page while the schemas' English messages are
 * marked, the verifier's plain reasons and kind names, and the ladder figure. Without a language they stay English.
 */
import { describe, expect, it } from 'vitest';
import { CheckboxGroup, ErrorSummary, FieldNotes } from '../../web/components/forms';
import { LadderList, LadderSvg, ladderDescription } from '../../web/components/ladder-svg';
import { kindName } from '../../web/components/technical';
import { checkLabel, plainReason, verdict } from '../../web/components/verification';
import { Indicative } from '../../web/layout';
import type { LadderRowView } from '../../worker/services/passport/pathway';

const html = (node: unknown) => String(node);

const rows: LadderRowView[] = [
  {
    id: 'b',
    title: 'Senior care worker',
    bandLabel: 'Band 3',
    rank: 2,
    verified: true,
    isCurrent: false,
    isTarget: true,
  },
  { id: 'a', title: 'Care worker', bandLabel: null, rank: 1, verified: false, isCurrent: true, isTarget: false },
];

describe('the form kit on a Welsh page', () => {
  it('says "There is a problem" in the page’s language and marks English messages', () => {
    const welsh = html(<ErrorSummary errors={{ email: 'Enter an email address' }} lang="cy" />);
    expect(welsh).toContain('<h2 id="error-summary-title">Mae problem</h2>');
    expect(welsh).toContain('<li lang="en"><a href="#email">Enter an email address</a></li>');
    const english = html(<ErrorSummary errors={{ email: 'Enter an email address' }} />);
    expect(english).toContain('<h2 id="error-summary-title">There is a problem</h2>');
    expect(english).toContain('<li><a href="#email">Enter an email address</a></li>');
    const allWelsh = html(<ErrorSummary errors={{ _form: 'Rhowch enw' }} lang="cy" messageLang="cy" />);
    expect(allWelsh).toContain('<li>Rhowch enw</li>');
  });

  it('prefixes a field’s error in the page’s language, marking only the message', () => {
    const welsh = html(<FieldNotes id="name" error="Enter your name" lang="cy" errorLang="en" />);
    expect(welsh).toBe(
      '<span class="error-text" id="name-error"><span class="visually-hidden">Gwall: </span><span lang="en">Enter your name</span></span>',
    );
    // An English-only caller inside an English block keeps the whole error English, as before.
    const english = html(<FieldNotes id="name" error="Enter your name" errorLang="en" />);
    expect(english).toBe(
      '<span class="error-text" id="name-error" lang="en"><span class="visually-hidden">Error: </span>Enter your name</span>',
    );
    const group = html(
      <CheckboxGroup
        name="ids"
        legend="Pa rai?"
        options={[['a', 'A']]}
        checked={[]}
        error="Tick one"
        lang="cy"
        errorLang="en"
      />,
    );
    expect(group).toContain('<span class="visually-hidden">Gwall: </span><span lang="en">Tick one</span>');
  });

  it('titles the indicative badge in the page’s language', () => {
    expect(html(<Indicative verified={false} lang="cy" />)).toBe(
      '<span class="tag warn" title="Heb ei wirio yn erbyn y ffynhonnell; cadarnhewch cyn dibynnu arno">dangosol · heb ei wirio</span>',
    );
    expect(html(<Indicative verified={false} />)).toContain('indicative · verified: false');
  });
});

describe('the verifier’s words in Welsh', () => {
  it('words verdicts, reasons, steps and kinds in Welsh, and keeps unknown codes as the verifier wrote them', () => {
    expect(verdict({ verified: true, errors: [] }, 'cy')).toBe('Dilys');
    expect(verdict({ verified: false, errors: [{ code: 'revoked', message: 'x' }] } as never, 'cy')).toBe(
      'Annilys: mae’r cyhoeddwr wedi’i diddymu',
    );
    expect(verdict({ verified: false, errors: [] }, 'en')).toBe('Not valid: it could not be checked');
    expect(plainReason('expired', 'x', 'cy')).toBe('mae wedi dod i ben');
    expect(plainReason('made_up_code', 'The verifier’s words')).toBe('The verifier’s words');
    expect(plainReason('toString', 'fallback')).toBe('fallback');
    expect(checkLabel('signature', 'cy')).toBe('Llofnod');
    expect(checkLabel('something_new', 'cy')).toBe('something_new');
    expect(kindName('CertificateOfCompletion', 'cy')).toBe('Tystysgrif hyfforddiant');
    expect(kindName('CertificateOfCompletion')).toBe('Training certificate');
    expect(kindName('ext:FirstAidAward')).toBe('First aid award');
  });
});

describe('the ladder figure in Welsh', () => {
  it('describes the ladder in Welsh, keeping role titles as the catalogue writes them', async () => {
    expect(ladderDescription('Swyddi gofal', rows, 'cy')).toBe(
      'Swyddi gofal, o’r uchaf i’r isaf: Senior care worker, yna Care worker. Rydych chi yma: Care worker. Eich nod: Senior care worker.',
    );
    expect(ladderDescription('Roles', rows)).toBe(
      'Roles, from most senior to least: Senior care worker, then Care worker. You are here: Care worker. Your target: Senior care worker.',
    );
    const svg = String(await LadderSvg({ id: 'l', name: 'Swyddi gofal', rows, lang: 'cy' }));
    expect(svg).toContain('<title id="l-title">Ysgol yrfa: Swyddi gofal</title>');
    expect(svg).toContain('Rydych chi yma · dangosol');
    const list = html(<LadderList rows={rows} labelledBy="x" lang="cy" />);
    expect(list).toContain(
      '<span lang="en"><strong>Care worker</strong></span><span class="tag ok">Rydych chi yma</span>',
    );
    expect(list).toContain('<span class="tag warn">Eich nod</span>');
  });
});
