/** Cohort uploads as Excel workbooks and semicolon CSV with UK dates, and the blank templates, through app.request. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import { COHORT_COLUMNS } from '../../schemas/academy';
import { workbookRecords } from '../../worker/services/academy/cohort-workbook';
import { academyWorld } from '../helpers/world';
import { batchIdFrom, textOf, uploadCsv } from '../fixtures/academy';

let w: Awaited<ReturnType<typeof academyWorld>>;
beforeAll(async () => {
  w = await academyWorld();
});
afterAll(() => w.env.close());

/** A workbook as a spreadsheet program saves it: a header row, an Excel date cell and a UK text date. */
async function workbookBytes(): Promise<Uint8Array<ArrayBuffer>> {
  const file = writeXlsxFile([
    [{ value: 'Name' }, { value: 'Email' }, { value: 'Completion date' }, { value: 'Score' }],
    [
      { value: 'Ann Lee' },
      { value: 'ann.lee@example.org' },
      { value: new Date(Date.UTC(2026, 4, 20)), format: 'dd/mm/yyyy' },
      { value: 87 },
    ],
    [{ value: 'Bo Chen' }, { value: 'bo.chen@example.org' }, { value: '21/05/2026' }, null],
  ] as never);
  return new Uint8Array(await (await file.toBlob()).arrayBuffer());
}

async function previewText(res: Response): Promise<string> {
  expect(res.status).toBe(303);
  const location = res.headers.get('location')!;
  expect(location).toContain(`/batches/${batchIdFrom(res)}`);
  return textOf(await (await w.staff.get(location)).text());
}

describe('cohort files', () => {
  it('says on the upload page that Excel workbooks and UK dates are fine, and links both templates', async () => {
    const html = await (await w.staff.get(`${w.A}/achievements/${w.achievementId}`)).text();
    const text = textOf(html);
    expect(text).toContain('Excel workbook (.xlsx)');
    expect(text).toMatch(/UK dates \(20\/05\/2026\)/);
    expect(html).toContain(`href="${w.A}/cohorts/template.xlsx"`);
    expect(html).toContain(`href="${w.A}/cohorts/template.csv"`);
    expect(html).toMatch(/<label for="file">Cohort file \(Excel or CSV\)<\/label>/);
    expect(html).toMatch(/accept="[^"]*\.xlsx/);
  });

  it('previews the learners of an uploaded Excel workbook, whatever the file is called', async () => {
    const res = await uploadCsv(w.staff, w.world.academy.slug, w.achievementId, await workbookBytes(), 'learners.csv');
    const text = await previewText(res);
    expect(text).toContain('Ann Lee');
    expect(text).toContain('ann.lee@example.org');
    expect(text).toContain('bo.chen@example.org');
    expect(text).toContain('Issue 2 certificates');
  });

  it('previews a semicolon-separated CSV with day-first dates', async () => {
    const csv =
      'name;email;completion_date\r\nCara Diaz;cara.diaz@example.org;03/05/2026\r\nDev Patel;dev.patel@example.org;4/5/2026\r\n';
    const text = await previewText(await uploadCsv(w.staff, w.world.academy.slug, w.achievementId, csv, 'semi.csv'));
    expect(text).toContain('Cara Diaz');
    expect(text).toContain('dev.patel@example.org');
    expect(text).toContain('Issue 2 certificates');
    expect(text).not.toContain('have problems');
  });

  it('refuses a zip that is not a workbook with a message, not a crash', async () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Array(40).fill(0)]);
    const res = await uploadCsv(w.staff, w.world.academy.slug, w.achievementId, zip, 'cohort.xlsx');
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toMatch(/not an Excel workbook we can read/);
  });

  it('downloads a blank CSV template and a blank Excel template, each with the cohort columns', async () => {
    const csv = await w.staff.get(`${w.A}/cohorts/template.csv`, 'text/csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="cohort-template.csv"');
    const csvBytes = new Uint8Array(await csv.arrayBuffer());
    expect([...csvBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a BOM, so spreadsheets read UTF-8
    expect(new TextDecoder().decode(csvBytes)).toBe(`${COHORT_COLUMNS.join(',')}\r\n`);

    const xlsx = await w.staff.get(`${w.A}/cohorts/template.xlsx`, '*/*');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers.get('content-disposition')).toBe('attachment; filename="cohort-template.xlsx"');
    const bytes = new Uint8Array(await xlsx.arrayBuffer());
    expect(await workbookRecords(bytes)).toEqual([[...COHORT_COLUMNS]]);
  });

  it('keeps the templates to the academy’s own members', async () => {
    const res = await w.env.app.request(`${w.A}/cohorts/template.csv`);
    expect([302, 303, 401]).toContain(res.status);
  });
});
