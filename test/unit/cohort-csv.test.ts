import { describe, expect, it } from 'vitest';
import { MAX_COHORT_ROWS } from '../../schemas/academy';
import {
  CohortFileError,
  checkApiRows,
  checkCohortCsv,
  detectDelimiter,
  cohortHash,
  parseCsv,
} from '../../worker/services/academy/cohort-csv';
import { csvCell } from '../../worker/services/academy/cohort-results';
import { cohortCsv, learners, toCsv } from '../fixtures/cohort';

const NOW = new Date('2026-06-01T09:00:00.000Z');
const header = 'name,email,completion_date';

describe('parseCsv', () => {
  it('splits plain records and fields', () => {
    expect(parseCsv('a,b,c\n1,2,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('reads quoted fields holding commas, doubled quotes and line breaks', () => {
    const text = 'name,notes\n"Khan, Amina","She said ""fine""\r\nand left"\n';
    expect(parseCsv(text)).toEqual([
      ['name', 'notes'],
      ['Khan, Amina', 'She said "fine"\r\nand left'],
    ]);
  });

  it('drops a UTF-8 BOM and accepts CRLF, LF and lone CR line ends', () => {
    expect(parseCsv('\ufeffa,b\r\n1,2\r3,4\n5,6')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
  });

  it('keeps empty fields and a quote inside an unquoted field', () => {
    expect(parseCsv('a,,c\nO"Brien,,\n')).toEqual([
      ['a', '', 'c'],
      ['O"Brien', '', ''],
    ]);
  });

  it('reports an unclosed quote with the line it starts on', () => {
    expect(() => parseCsv('a,b\n1,"never closed\n2,3\n')).toThrow(/line 2 is never closed/);
  });

  it('stops after the record limit', () => {
    expect(() => parseCsv('a\n1\n2\n3\n', 3, 'too many')).toThrow('too many');
  });
});

describe('checkCohortCsv', () => {
  it('accepts a generated cohort with quoting, CRLF and a BOM, numbering rows as a spreadsheet does', () => {
    const { rows } = checkCohortCsv(cohortCsv(30, { bom: true, eol: '\r\n' }), NOW);
    expect(rows).toHaveLength(30);
    expect(rows.every((r) => r.errors.length === 0 && r.row)).toBe(true);
    expect(rows[0]!.rowNo).toBe(2);
    expect(rows[6]!.row!.name).toBe('O"Neil, Sam 7');
    expect(rows[10]!.row!.notes).toBe('Observed transfer with hoist,\nsafe and confident');
    // Row 12 (learner 11) spans two lines in the file; the next learner is still row 13.
    expect(rows[11]!.rowNo).toBe(13);
  });

  it('matches header names loosely (case, spaces, common aliases) and lists unused columns', () => {
    const text = 'Full Name,Email Address,Completion Date,Cohort\nAmina Khan,AMINA@Example.org,2026-05-01,Spring\n';
    const { rows, ignoredColumns } = checkCohortCsv(text, NOW);
    expect(rows[0]!.row).toMatchObject({
      name: 'Amina Khan',
      email: 'amina@example.org',
      completion_date: '2026-05-01',
    });
    expect(ignoredColumns).toEqual(['cohort']);
  });

  it('needs a header row with the required columns', () => {
    expect(() => checkCohortCsv('Amina Khan,amina@example.org,2026-05-01\n', NOW)).toThrow(CohortFileError);
    expect(() => checkCohortCsv('name,email\nA,a@example.org\n', NOW)).toThrow(/missing: completion_date/);
    expect(() => checkCohortCsv('', NOW)).toThrow(/empty/);
    expect(() => checkCohortCsv(`${header}\n\n`, NOW)).toThrow(/no learners/);
    expect(() => checkCohortCsv('name,email,completion_date,Email\n', NOW)).toThrow(/email twice/);
  });

  it('flags bad and impossible dates, future dates and bad emails, on every row, with the column', () => {
    const text = [
      header + ',assessed_on',
      'A,a@example.org,05/20/2026,',
      'B,b@example.org,2026-02-30,',
      'C,c@example.org,2026-07-01,2026-08-01',
      'D,not an email,2026-05-01,',
      ',e@example.org,2026-05-01,',
      'F,f@example.org,1949-12-31,',
    ].join('\n');
    const { rows } = checkCohortCsv(text, NOW);
    const errs = rows.map((r) => r.errors.map((e) => `${r.rowNo}:${e.field}`));
    expect(errs).toEqual([
      ['2:completion_date'],
      ['3:completion_date'],
      ['4:completion_date', '4:assessed_on'],
      ['5:email'],
      ['6:name'],
      ['7:completion_date'],
    ]);
    expect(rows[0]!.errors[0]!.message).toBe('05/20/2026 reads as month first; write the day first, like 20/05/2026');
    expect(rows[1]!.errors[0]!.message).toMatch(/real date/);
    expect(rows[2]!.errors[0]!.message).toMatch(/future/);
    expect(rows.every((r) => !r.row)).toBe(true);
  });

  it('reads UK day-first dates (slashes, dashes, dots, single digits) and stores them as YYYY-MM-DD', () => {
    const text = [
      header + ',assessed_on',
      'A,a@example.org,20/05/2026,21/05/2026',
      'B,b@example.org,1-2-2026,',
      'C,c@example.org,03.04.2026,2026-4-5',
      'D,d@example.org,20/05/26,',
      'E,e@example.org,31/02/2026,',
    ].join('\n');
    const { rows } = checkCohortCsv(text, NOW);
    expect(rows.slice(0, 3).map((r) => [r.row?.completion_date, r.values.assessed_on])).toEqual([
      ['2026-05-20', '2026-05-21'],
      ['2026-02-01', undefined],
      ['2026-04-03', '2026-04-05'],
    ]);
    expect(rows[0]!.values.completion_date).toBe('2026-05-20');
    expect(rows[3]!.errors[0]!.message).toBe('Write the year in full, like 20/05/2026');
    expect(rows[4]!.errors[0]!.message).toBe('Enter a real date, for example 20/05/2026');
  });

  it('reads semicolon- and tab-separated files (as Excel saves them in many locales)', () => {
    for (const sep of [';', '\t']) {
      const text = [
        ['name', 'email', 'completion_date'].join(sep),
        ['Ann Lee', 'ann@example.org', '20/05/2026'].join(sep),
      ].join('\r\n');
      const { rows } = checkCohortCsv(text, NOW);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.row).toMatchObject({ name: 'Ann Lee', email: 'ann@example.org', completion_date: '2026-05-20' });
    }
    // A comma inside a quoted value does not make a semicolon file look comma-separated.
    const quoted = 'name;email;completion_date;notes\n"Lee, Ann";ann@example.org;2026-05-01;"a, b"';
    expect(checkCohortCsv(quoted, NOW).rows[0]!.row?.name).toBe('Lee, Ann');
    expect(detectDelimiter('name,email,completion_date')).toBe(',');
    expect(detectDelimiter('\n\nname;email;completion_date\nA,B;x')).toBe(';');
    expect(detectDelimiter('single')).toBe(',');
  });

  it('flags a learner who appears twice (emails compared case-insensitively), pointing at the first row', () => {
    const text = `${header}\nA,amina@example.org,2026-05-01\nB,b@example.org,2026-05-01\nA again,AMINA@example.org ,2026-05-02\n`;
    const { rows } = checkCohortCsv(text, NOW);
    expect(rows[0]!.errors).toEqual([]);
    expect(rows[2]!.errors).toEqual([{ field: 'email', message: expect.stringMatching(/already on row 2/) }]);
  });

  it('skips blank lines (keeping spreadsheet row numbers) and flags a row with more values than columns', () => {
    const text = `${header}\n\nA,a@example.org,2026-05-01\n,,\nB,b@example.org,2026-05-01,extra\n`;
    const { rows } = checkCohortCsv(text, NOW);
    expect(rows.map((r) => r.rowNo)).toEqual([3, 5]);
    expect(rows[1]!.errors[0]).toMatchObject({
      field: '_row',
      message: expect.stringMatching(/4 values but the header has 3/),
    });
    expect(rows[1]!.row).toBeUndefined();
  });

  it('accepts exactly the row limit and refuses one more', () => {
    expect(checkCohortCsv(cohortCsv(MAX_COHORT_ROWS), NOW).rows).toHaveLength(MAX_COHORT_ROWS);
    expect(() => checkCohortCsv(cohortCsv(MAX_COHORT_ROWS + 1), NOW)).toThrow(/more than 5000 learners/);
  });
});

describe('cohortHash', () => {
  it('is the same for the same learners however the file is encoded, and differs per achievement or content', () => {
    const rows = learners(12);
    const a = checkCohortCsv(toCsv(rows as never, { eol: '\n' }), NOW).rows;
    const b = checkCohortCsv(toCsv(rows as never, { eol: '\r\n', bom: true }), NOW).rows;
    const api = checkApiRows(rows as never, NOW);
    expect(cohortHash('ach-1', a)).toBe(cohortHash('ach-1', b));
    expect(cohortHash('ach-1', a)).toBe(cohortHash('ach-1', api));
    expect(cohortHash('ach-2', a)).not.toBe(cohortHash('ach-1', a));
    const changed = checkCohortCsv(toCsv([...rows.slice(1)] as never), NOW).rows;
    expect(cohortHash('ach-1', changed)).not.toBe(cohortHash('ach-1', a));
  });
});

describe('checkApiRows', () => {
  it('numbers rows from 1 and takes numbers as text', () => {
    const rows = checkApiRows(
      [{ name: 'A', email: 'a@example.org', completion_date: '2026-05-01', score: 90 }, { name: 'B' }],
      NOW,
    );
    expect(rows[0]).toMatchObject({ rowNo: 1, errors: [], row: { score: '90' } });
    expect(rows[1]!.errors.map((e) => e.field)).toEqual(['email', 'completion_date']);
  });
});

describe('csvCell', () => {
  it('quotes when needed and defuses spreadsheet formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell(null)).toBe('');
  });
});
