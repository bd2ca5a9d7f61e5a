import { formatNumber, parseVnDate } from '@vssid/domain';
import type { Language } from '@vssid/domain/i18n';

/**
 * Pure helpers of the look-up screens (tested in lookup-logic.test.ts).
 */

/** What the person typed as date of birth (`dd/mm/yyyy`, `ddmmyyyy` or a year) → the API's `yyyy-mm-dd` or `yyyy`; null when unreadable. */
export function birthForApi(text: string): string | null {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return t;
  const parsed = parseVnDate(t, { allowYearOnly: true });
  return parsed.ok ? parsed.value : null;
}

/** A tax code (10 or 13 digits, with or without the dash of branch codes), or null for a name. */
export function taxCodeOf(text: string): string | null {
  const digits = text.trim().replace(/-/g, '');
  return /^\d{10}(\d{3})?$/.test(digits) ? digits : null;
}

/** Links that open a position in a maps app: OpenStreetMap on the web, and the `geo:` URI (RFC 5870) for phones. */
export function mapLinks(latitude: number, longitude: number, label: string): { web: string; geo: string } {
  const lat = latitude.toFixed(6);
  const lng = longitude.toFixed(6);
  return {
    web: `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=17/${lat}/${lng}`,
    geo: `geo:${lat},${lng}?q=${lat},${lng}(${encodeURIComponent(label)})`,
  };
}

/** The query string of a directory search; empty values left out. */
export function queryString(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** A distance for people: metres under 1 km, otherwise km with one decimal. */
export function formatDistance(km: number, language: Language): string {
  if (km < 1) return `${formatNumber(Math.round(km * 1000), language)} m`;
  return `${formatNumber(km, language, 1)} km`;
}
