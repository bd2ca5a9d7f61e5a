import { formatNumber, parseVnDate } from '@vssid/domain';
import type { Language } from '@vssid/domain/i18n';
import type { LookupPlace } from '@vssid/domain/api/lookup';

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

/** The query of a directory search as text: empty values left out. */
export function queryOf(
  params: Record<string, string | number | boolean | undefined | null>,
): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    query[key] = String(value);
  }
  return query;
}

/** The query string of a directory search; empty values left out. */
export function queryString(params: Record<string, string | number | boolean | undefined | null>): string {
  const text = new URLSearchParams(queryOf(params)).toString();
  return text ? `?${text}` : '';
}

/** A distance for people: metres under 1 km, otherwise km with one decimal. */
export function formatDistance(km: number, language: Language): string {
  if (km < 1) return `${formatNumber(Math.round(km * 1000), language)} m`;
  return `${formatNumber(km, language, 1)} km`;
}

/** One place a directory query was understood as: a unit in force, or an old unit and what it became. */
interface PlaceGroup {
  /** The unit's name, or the old unit's full name ("Quận Hà Đông"). */
  name: string;
  kind: LookupPlace['kind'];
  /** The 2025 province: the unit's own, or the one(s) the old unit is now in. */
  provinceNames: string[];
  /** For an old district or commune: the 2025 units it went into. */
  units: string[];
}

/** The places of an answer, the 2025 units found through one old unit gathered under it. */
export function placeGroups(places: readonly LookupPlace[]): PlaceGroup[] {
  const groups = new Map<string, PlaceGroup>();
  for (const place of places) {
    const key = place.matchedOld ? `old:${place.matchedOld.address}` : `unit:${place.code}`;
    const group = groups.get(key);
    if (group) {
      if (place.level === 'commune') group.units.push(place.name);
      if (!group.provinceNames.includes(place.provinceName)) group.provinceNames.push(place.provinceName);
      continue;
    }
    groups.set(key, {
      name: place.matchedOld?.name ?? place.name,
      kind: place.kind,
      provinceNames: [place.provinceName],
      units: place.matchedOld && place.level === 'commune' ? [place.name] : [],
    });
  }
  return [...groups.values()];
}
