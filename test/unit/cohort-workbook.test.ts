/** Cohort workbooks (.xlsx): the template round-trips, real Excel dates and UK text dates read, bad files refused. */
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import { COHORT_COLUMNS } from '../../schemas/academy';
import { CohortFileError, checkCohortRecords } from '../../worker/services/academy/cohort-csv';
import {
  cohortTemplateCsv,
  cohortTemplateXlsx,
  isWorkbook,
  MAX_WORKBOOK_UNPACKED_BYTES,
  workbookRecords,
} from '../../worker/services/academy/cohort-workbook';

const NOW = new Date('2026-06-01T09:00:00.000Z');

async function workbook(rows: unknown[][]): Promise<Uint8Array> {
  const data = rows.map((r) =>
    r.map((value) => (value instanceof Date ? { value, format: 'dd/mm/yyyy' } : { value: value as string })),
  );
  const file = writeXlsxFile(data as never);
  return new Uint8Array(await (await file.toBlob()).arrayBuffer());
}

describe('cohort workbooks', () => {
  it('offers a template, as CSV and as a workbook, whose header is every cohort column', async () => {
    expect(cohortTemplateCsv()).toBe(`${COHORT_COLUMNS.join(',')}\r\n`);
    const bytes = await cohortTemplateXlsx();
    expect(isWorkbook(bytes)).toBe(true);
    expect(await workbookRecords(bytes)).toEqual([[...COHORT_COLUMNS]]);
  });

  it('reads learners from the first sheet: Excel date cells and UK text dates alike', async () => {
    const bytes = await workbook([
      ['Name', 'Email', 'Completion date', 'Score'],
      ['Ann Lee', 'ann@example.org', new Date(Date.UTC(2026, 4, 20)), 87],
      ['Bo Chen', 'BO@example.org', '21/05/2026', null],
    ]);
    const records = await workbookRecords(bytes);
    expect(records[1]).toEqual(['Ann Lee', 'ann@example.org', '2026-05-20', '87']);
    const { rows } = checkCohortRecords(records, NOW);
    expect(rows.map((r) => r.row && [r.row.name, r.row.email, r.row.completion_date, r.row.score])).toEqual([
      ['Ann Lee', 'ann@example.org', '2026-05-20', '87'],
      ['Bo Chen', 'bo@example.org', '2026-05-21', undefined],
    ]);
  });

  it('refuses what is not a workbook, and a small file that would unpack to a huge one', async () => {
    expect(isWorkbook(new TextEncoder().encode('name,email\n'))).toBe(false);
    const notXlsx = zipSync({ 'hello.txt': new TextEncoder().encode('hello') });
    expect(isWorkbook(notXlsx)).toBe(true);
    await expect(workbookRecords(notXlsx)).rejects.toBeInstanceOf(CohortFileError);
    await expect(workbookRecords(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).rejects.toThrow(
      /not an Excel workbook/,
    );
    const bomb = zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(MAX_WORKBOOK_UNPACKED_BYTES + 1) }, { level: 9 });
    expect(bomb.length).toBeLessThan(200_000);
    await expect(workbookRecords(bomb)).rejects.toThrow(/too large/);
  });
});
