import i18next from 'i18next';
import {
  api,
  ApiError,
  type ApiProblem,
  CSRF_COOKIE,
  CSRF_HEADER,
  NetworkError,
  readCookie,
} from '../../shared/api';

/** Bulk lists (server: modules/registration/bulk-routes.ts). */

export interface BulkRow {
  rowNumber: number;
  data: { bhxhCode: string; fullName: string; phone: string; email: string };
  errors: { field: string; code: string; message: string }[];
  dossierNumber: string | null;
}

export interface BulkImport {
  id: string;
  fileName: string;
  status: 'validating' | 'validated' | 'creating' | 'done' | 'failed';
  totalRows: number;
  validRows: number;
  errorRows: number;
  processed: number;
  created: number;
  rows: BulkRow[];
}

const base = '/api/v1/officer/bulk-imports';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const bulkApi = {
  /**
   * Uploads the file as the request body (the server reads CSV or XLSX by content). Not through
   * `api()`, which sends JSON: same headers (CSRF, language), same errors.
   */
  async upload(file: File, unitCode: string): Promise<BulkImport> {
    const query = new URLSearchParams({ fileName: file.name });
    if (unitCode) query.set('unitCode', unitCode);
    const headers: Record<string, string> = {
      accept: 'application/json, application/problem+json',
      'accept-language': i18next.language || 'vi',
      'content-type': /\.xlsx$/i.test(file.name) ? XLSX : 'text/csv',
    };
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers[CSRF_HEADER] = csrf;
    let res: Response;
    try {
      res = await fetch(`${base}?${query.toString()}`, {
        method: 'POST',
        headers,
        body: file,
        credentials: 'same-origin',
      });
    } catch (error) {
      throw new NetworkError(error);
    }
    const json = (await res.json().catch(() => null)) as unknown;
    if (!res.ok) {
      const p = json as Partial<ApiProblem> | null;
      throw new ApiError({
        type: p?.type ?? 'about:blank',
        title: p?.title ?? res.statusText,
        status: res.status,
        code: p?.code ?? 'unknown',
        ...(p?.errors ? { errors: p.errors } : {}),
      });
    }
    return json as BulkImport;
  },
  get: (id: string, onlyErrors = false) =>
    api<BulkImport>(`${base}/${id}?onlyErrors=${String(onlyErrors)}&limit=500`),
  create: (id: string) => api<BulkImport>(`${base}/${id}/create`, { method: 'POST', body: {} }),
};
