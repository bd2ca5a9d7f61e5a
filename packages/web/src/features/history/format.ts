/** Amounts in đồng, grouped the way the screen's language writes numbers ("1.500.000 ₫"). */
export function formatMoney(amount: number, language: string): string {
  return new Intl.NumberFormat(language, {
    style: 'currency',
    currency: 'VND',
    maximumFractionDigits: 0,
  }).format(amount);
}

/** `yyyy-mm` → "mm/yyyy", as Vietnamese records write months. */
export function formatMonth(yyyymm: string): string {
  return `${yyyymm.slice(5, 7)}/${yyyymm.slice(0, 4)}`;
}

/** `yyyy-mm-dd` (or the date part of a wall-clock time) → the screen's date with a 4-digit year. */
export function formatDate(iso: string, language: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(language, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)));
}

/** Basis points → "8 %" / "10,5 %" in the screen's language. */
export function formatRate(bp: number, language: string): string {
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(bp / 100)} %`;
}

/** Appends `?for=<code>` (a guardian reading a child's records) to an API path. */
export function withFor(path: string, forCode: string | null): string {
  if (!forCode) return path;
  return `${path}${path.includes('?') ? '&' : '?'}for=${encodeURIComponent(forCode)}`;
}
