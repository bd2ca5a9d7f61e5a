import {
  type BulkImport,
  createBulkDossiers,
  importBulkList,
  readBulkImport,
  XLSX_TYPE,
} from '@vssid/domain/api/back-office';
import { withActionKey } from '../../../shared/action-key';
import { fetcher } from '../../../shared/api-call';

/** Bulk lists (contracts: `@vssid/domain/api/back-office`). */

/** An import: its progress and its rows (only those in error with `onlyErrors`). */
export const fetchImport = fetcher(readBulkImport);
/** Creates the draft dossiers of the valid rows; answers with the rows left in error. */
export const createDossiers = withActionKey('createBulkDossiers', fetcher(createBulkDossiers));

const upload = withActionKey('importBulkList', fetcher(importBulkList));

/** Uploads the file as the request body (the server reads CSV or XLSX by content). */
export function uploadList(file: File, unitCode: string): Promise<BulkImport> {
  return upload({
    query: { fileName: file.name, ...(unitCode ? { unitCode } : {}) },
    body: file,
    headers: { 'content-type': /\.xlsx$/i.test(file.name) ? XLSX_TYPE : 'text/csv' },
  });
}
