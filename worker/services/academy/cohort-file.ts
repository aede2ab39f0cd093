/**
 * An uploaded cohort file, whatever its kind: an Excel workbook (told by its zip signature, not its name) or CSV
 * text with commas, semicolons or tabs. Both end in the same row checks.
 */
import { CohortFileError, type CheckedCohort, checkCohortCsv, checkCohortRecords } from './cohort-csv';
import { isWorkbook, workbookRecords } from './cohort-workbook';

const NOT_UTF8 =
  'The file is not UTF-8 text. Upload the Excel workbook (.xlsx) itself, or in your spreadsheet save it as "CSV UTF-8 (comma delimited)".';

/** Checks an uploaded cohort file's learners; throws CohortFileError for a file that cannot be read as a cohort. */
export async function checkCohortFile(bytes: Uint8Array, now: Date): Promise<CheckedCohort> {
  if (isWorkbook(bytes)) return checkCohortRecords(await workbookRecords(bytes), now);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CohortFileError(NOT_UTF8);
  }
  return checkCohortCsv(text, now);
}
