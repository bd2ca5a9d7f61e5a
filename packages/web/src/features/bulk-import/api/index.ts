import {
  type BulkImport,
  createBulkDossiers,
  importBulkList,
  readBulkImport,
  XLSX_TYPE,
} from '@vssid/domain/api/back-office';
import i18next from 'i18next';
import {
  ApiError,
  type ApiProblem,
  CSRF_COOKIE,
  CSRF_HEADER,
  NetworkError,
  readCookie,
} from '../../../shared/api';
import { fetcher, readAnswer, urlOf } from '../../../shared/api-call';

/** Bulk lists (contracts: `@vssid/domain/api/back-office`). */

/** An import: its progress and its rows (only those in error with `onlyErrors`). */
export const fetchImport = fetcher(readBulkImport);
/** Creates the draft dossiers of the valid rows; answers with the rows left in error. */
export const createDossiers = fetcher(createBulkDossiers);

/**
 * Uploads the file as the request body (the server reads CSV or XLSX by content). Not through
 * `fetcher()`, which sends JSON: same headers (CSRF, language), same errors; the answer is read
 * by the contract.
 */
export async function uploadList(file: File, unitCode: string): Promise<BulkImport> {
  const url = urlOf(importBulkList, { query: { fileName: file.name, ...(unitCode ? { unitCode } : {}) } });
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    'accept-language': i18next.language || 'vi',
    'content-type': /\.xlsx$/i.test(file.name) ? XLSX_TYPE : 'text/csv',
  };
  const csrf = readCookie(CSRF_COOKIE);
  if (csrf) headers[CSRF_HEADER] = csrf;
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers, body: file, credentials: 'same-origin' });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (!res.ok) {
    const p = (await res.json().catch(() => null)) as Partial<ApiProblem> | null;
    throw new ApiError({
      type: p?.type ?? 'about:blank',
      title: p?.title ?? res.statusText,
      status: res.status,
      code: p?.code ?? 'unknown',
      ...(p?.errors ? { errors: p.errors } : {}),
    });
  }
  return readAnswer(importBulkList, res);
}
