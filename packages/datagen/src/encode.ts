import { TABLE_COLUMNS, type TableName } from './rows';

/** One value in PostgreSQL's COPY text format: `\N` for null, backslash escapes for specials. */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** Rows of a table as COPY text lines, columns in the table's COPY order. */
export function copyLines(table: TableName, rows: readonly object[]): string {
  const columns = TABLE_COLUMNS[table];
  let out = '';
  for (const row of rows) {
    const record = row as Record<string, unknown>;
    out += columns.map((c) => copyValue(record[c])).join('\t') + '\n';
  }
  return out;
}
