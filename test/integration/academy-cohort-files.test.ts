/** Cohort uploads as Excel workbooks and semicolon CSV with UK dates, and the blank templates, through app.request. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import { COHORT_COLUMNS } from '../../schemas/academy';
import { workbookRecords } from '../../worker/services/academy/cohort-workbook';
import { academyWorld } from '../helpers/world';
import { batchIdFrom, csrfFrom, textOf, uploadCsv } from '../fixtures/academy';
import { TEST_ORIGIN } from '../helpers/app';
import { MAX_FORM_BYTES } from '../../worker/lib/http/body';

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

const BOUNDARY = 'cohort-boundary-7f3a';
const CHUNK = 16 * 1024;

/**
 * A multipart cohort upload as a browser streams it, the CSRF token first (or none), then a CSV file that never
 * ends (50 MiB if every chunk were pulled), counting the chunks the server pulls.
 */
function endlessUpload(token: string | null) {
  let pulled = 0;
  const csrf =
    token === null ? '' : `--${BOUNDARY}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n`;
  const head = new TextEncoder().encode(
    `${csrf}--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="huge.csv"\r\n` +
      'Content-Type: text/csv\r\n\r\nname,email,completion_date\n',
  );
  const filler = new TextEncoder().encode('Amina Khan,amina@example.org,20/05/2026\n'.repeat(CHUNK / 40));
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled >= 3200) return controller.close();
        controller.enqueue(pulled === 0 ? head : filler);
        pulled += 1;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => pulled };
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

  it('answers a file over 2 MB on the form, next to the file field, without reading the whole of it', async () => {
    const base = `${w.A}/achievements/${w.achievementId}`;
    const big = `name,email,completion_date\n${'Amina Khan,amina@example.org,20/05/2026\n'.repeat(66_000)}`;
    expect(big.length).toBeGreaterThan(2.5 * 1024 * 1024);
    const res = await uploadCsv(w.staff, w.world.academy.slug, w.achievementId, big, 'big-cohort.csv');
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(textOf(html)).toContain('There is a problem');
    expect(html).toContain('<a href="#file">Cohort file: The file is larger than 2 MB');
    expect(html).toMatch(/id="file"[^>]*aria-describedby="file-hint file-error"/);
    expect(textOf(html)).not.toContain('Request body is larger');

    // Sent as a stream, with or without an honest Content-Length: only the token's part and a little more is read.
    const token = await csrfFrom(w.staff, base);
    for (const declared of [undefined, String(50 * 1024 * 1024)]) {
      const sent = endlessUpload(token);
      const streamed = await w.staff.request(`${base}/cohorts`, {
        method: 'POST',
        headers: {
          origin: TEST_ORIGIN,
          'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
          ...(declared ? { 'content-length': declared } : {}),
        },
        body: sent.stream,
        duplex: 'half',
      } as RequestInit);
      expect([declared, streamed.status]).toEqual([declared, 400]);
      expect(textOf(await streamed.text())).toContain('The file is larger than 2 MB');
      // Too large by its own account, only its first chunks are read; otherwise reading stops at the form limit.
      expect(sent.pulled()).toBeLessThanOrEqual(declared ? 2 : Math.ceil(MAX_FORM_BYTES / CHUNK) + 3);
    }

    // The token is still checked: a wrong one is refused as a forged form, none as a form too large.
    const forged = await w.staff.request(`${base}/cohorts`, {
      method: 'POST',
      headers: { origin: TEST_ORIGIN, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      body: endlessUpload('not-the-token').stream,
      duplex: 'half',
    } as RequestInit);
    expect(forged.status).toBe(403);
    const tokenless = await w.staff.request(`${base}/cohorts`, {
      method: 'POST',
      headers: { origin: TEST_ORIGIN, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      body: endlessUpload(null).stream,
      duplex: 'half',
    } as RequestInit);
    expect(tokenless.status).toBe(413);
  });

  it('keeps the templates to the academy’s own members', async () => {
    const res = await w.env.app.request(`${w.A}/cohorts/template.csv`);
    expect([302, 303, 401]).toContain(res.status);
  });
});
