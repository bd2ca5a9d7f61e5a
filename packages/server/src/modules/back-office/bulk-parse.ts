import ExcelJS from 'exceljs';
import { normalizeForSearch } from '@vssid/domain';

/**
 * Reading a unit's or school's list (issue "Registration", point 6): CSV (UTF-8, with or without
 * BOM; comma or semicolon separated, RFC 4180 quotes) or XLSX (the first worksheet, read with
 * exceljs). The first row holds the headers; they are recognised in Vietnamese or English, with or
 * without tone marks ("Mã số BHXH", "Ma so BHXH", "bhxh_code", "bhxhCode").
 */

export interface BulkRowData {
  bhxhCode: string;
  fullName: string;
  phone: string;
  email: string;
}

type BulkColumn = keyof BulkRowData;
const REQUIRED_COLUMNS: readonly BulkColumn[] = ['bhxhCode', 'fullName', 'phone'];

const HEADER_NAMES: Record<BulkColumn, string[]> = {
  bhxhCode: ['ma so bhxh', 'ma bhxh', 'so bhxh', 'bhxh', 'bhxh code', 'bhxh_code', 'bhxhcode'],
  fullName: ['ho va ten', 'ho ten', 'ten', 'full name', 'full_name', 'fullname', 'name'],
  phone: ['so dien thoai', 'dien thoai', 'sdt', 'phone', 'phone number', 'mobile'],
  email: ['email', 'e-mail', 'thu dien tu', 'dia chi email'],
};

export class BulkParseError extends Error {
  constructor(
    readonly kind: 'unreadable' | 'empty' | 'missing_columns' | 'too_many_rows',
    readonly detail: Record<string, unknown> = {},
  ) {
    super(kind);
  }
}

type FileFormat = 'csv' | 'xlsx';

/** The format from the file's first bytes (XLSX is a ZIP: "PK\x03\x04"), else from its name. */
export function detectFormat(bytes: Buffer, fileName: string): FileFormat | null {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)
    return 'xlsx';
  if (/\.(csv|txt)$/i.test(fileName) || !/\.\w+$/.test(fileName)) return 'csv';
  return null;
}

/** RFC 4180 CSV: quoted fields may hold separators, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  // ASSUMPTION: a header line with more semicolons than commas is a semicolon list (Excel in
  // locales with a decimal comma saves CSV that way).
  const sep = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body.charAt(i);
    if (quoted) {
      if (c === '"') {
        if (body[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === sep) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

async function parseXlsx(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new BulkParseError('unreadable');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new BulkParseError('empty');
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values: string[] = [];
    for (let col = 1; col <= row.cellCount; col++) values.push(cellText(row.getCell(col)));
    if (values.some((v) => v.trim() !== '')) rows.push(values);
  });
  return rows;
}

/**
 * A cell as text. Numbers are written without exponent or separators: a BHXH code or phone typed
 * into Excel as a number loses its leading zero, which is put back (10 digits) for those columns
 * by `toRowData`.
 */
function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return v.text;
    if ('result' in v) {
      const result: unknown = v.result;
      if (typeof result === 'string' || typeof result === 'number') return String(result);
    }
  }
  return cell.text;
}

/** Maps a header row to column positions; throws when a required column is missing. */
export function mapHeaders(header: string[]): Partial<Record<BulkColumn, number>> {
  const positions: Partial<Record<BulkColumn, number>> = {};
  header.forEach((h, index) => {
    const name = normalizeForSearch(h).replace(/[*:]/g, '').trim();
    for (const [column, names] of Object.entries(HEADER_NAMES) as [BulkColumn, string[]][])
      if (positions[column] === undefined && names.includes(name)) positions[column] = index;
  });
  const missing = REQUIRED_COLUMNS.filter((c) => positions[c] === undefined);
  if (missing.length) throw new BulkParseError('missing_columns', { columns: missing.join(', ') });
  return positions;
}

/** 9 digits read from a numeric cell (leading zero lost) become 10 again. */
const restoreZero = (v: string) => (/^\d{9}$/.test(v) ? `0${v}` : v);

/** Reads a list file into data rows (numbered from 2, the header being row 1). */
export async function parseBulkFile(
  bytes: Buffer,
  format: FileFormat,
  maxRows: number,
): Promise<{ rowNumber: number; data: BulkRowData }[]> {
  let table: string[][];
  if (format === 'xlsx') table = await parseXlsx(bytes);
  else {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new BulkParseError('unreadable');
    }
    table = parseCsv(text);
  }
  const [header, ...rows] = table;
  if (!header) throw new BulkParseError('empty');
  const at = mapHeaders(header);
  if (rows.length === 0) throw new BulkParseError('empty');
  if (rows.length > maxRows) throw new BulkParseError('too_many_rows', { max: maxRows });
  const get = (row: string[], column: BulkColumn) => {
    const index = at[column];
    return index === undefined ? '' : (row[index] ?? '').trim();
  };
  return rows.map((row, i) => ({
    rowNumber: i + 2,
    data: {
      bhxhCode: restoreZero(get(row, 'bhxhCode').replace(/\s/g, '')),
      fullName: get(row, 'fullName').normalize('NFC').replace(/\s+/g, ' '),
      phone: restoreZero(get(row, 'phone')),
      email: get(row, 'email'),
    },
  }));
}
