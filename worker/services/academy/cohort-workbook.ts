/**
 * Cohort files as Excel workbooks (.xlsx), read and written with read-excel-file / write-excel-file: small,
 * maintained, pure JavaScript (fflate + a SAX parser), so the same code runs on Node and in Workers.
 */
import { unzipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/universal';
import writeXlsxFile from 'write-excel-file/universal';
import { COHORT_COLUMNS } from '../../../schemas/academy';
import { CohortFileError } from './cohort-csv';
import { csvCell } from './cohort-results';

/** Most bytes a workbook may unpack to: a cohort of 5,000 learners is a few MB; more is a zip bomb, not a cohort. */
export const MAX_WORKBOOK_UNPACKED_BYTES = 40 * 1024 * 1024;

/** True when the bytes are a zip archive (every .xlsx is one). */
export function isWorkbook(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Refuses an archive whose parts would unpack to more than the bound (sizes read from the archive's directory). */
function checkUnpackedSize(bytes: Uint8Array): void {
  let total = 0;
  try {
    unzipSync(bytes, {
      filter: (file) => {
        total += file.originalSize;
        return false;
      },
    });
  } catch {
    throw new CohortFileError(
      'This file is not an Excel workbook we can read. Save it as .xlsx or as CSV and try again',
    );
  }
  if (total > MAX_WORKBOOK_UNPACKED_BYTES) {
    throw new CohortFileError('This workbook is too large to be one cohort; upload at most 5,000 learners at a time');
  }
}

/** One cell as text: dates as YYYY-MM-DD (the day the spreadsheet shows), numbers as written. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

/** The first sheet of a workbook as rows of text, ready for the same checks as a CSV file. */
export async function workbookRecords(bytes: Uint8Array): Promise<string[][]> {
  checkUnpackedSize(bytes);
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    const copy = bytes.slice().buffer as ArrayBuffer;
    sheets = (await readXlsxFile(copy)) as unknown as { sheet: string; data: unknown[][] }[];
  } catch {
    throw new CohortFileError(
      'This file is not an Excel workbook we can read. Save it as .xlsx or as CSV and try again',
    );
  }
  const first = sheets[0];
  if (!first) throw new CohortFileError('The workbook has no sheets');
  return first.data.map((row) => row.map(cellText));
}

/** The cohort template as CSV: the header row, ready to fill in. */
export function cohortTemplateCsv(): string {
  return `${COHORT_COLUMNS.map(csvCell).join(',')}\r\n`;
}

/** The cohort template as an Excel workbook: the header row in bold, columns wide enough to read. */
export async function cohortTemplateXlsx(): Promise<Uint8Array> {
  const header = COHORT_COLUMNS.map((c) => ({ value: c, fontWeight: 'bold' as const }));
  const file = writeXlsxFile([header], {
    sheet: 'Cohort',
    columns: COHORT_COLUMNS.map((c) => ({ width: c === 'notes' ? 40 : c === 'email' ? 30 : 20 })),
  });
  return new Uint8Array(await (await file.toBlob()).arrayBuffer());
}
