import type { Kysely } from 'kysely';
import { haversineKm } from '@vssid/domain';
import type { Database } from '../../db/schema';
import type { CatalogVersionTable } from '../../db/schema-lookup';
import { lookupKey, lookupWords } from './keys';
import type { DirectoryFilter, Page } from './repository';

/** What every catalog row has: a code, a name and a place, maybe a position. */
export interface PlacedRow {
  code: string;
  name: string;
  province_code: string;
  commune_code: string | null;
  latitude: number | null;
  longitude: number | null;
}

interface Entry<R> {
  row: R;
  /** `lookup_key(name)`: the alphabetical order without tone marks and case. */
  key: string;
  /** `lookup_words(name)`: what a search by words must find all of. */
  words: ReadonlySet<string>;
  /** The catalog's own first sort key (the level: central before province before local…). */
  rank: number;
}

export interface CatalogSearch<R> extends DirectoryFilter {
  /** The catalog's own filters (a clinic's level, code, sick-leave certificates). */
  where?: ((row: R) => boolean) | undefined;
}

/**
 * One small directory (BHXH agencies, contracted clinics, collection agents: hundreds to a couple
 * of thousand rows) held in memory and searched there: the SQL it replaces spent 0.3–0.5 ms of
 * PostgreSQL per search (a distance for every row, a window count, the name words), which put
 * the database at a full core long before the API was busy.
 *
 * Freshness: every statement that changes the table moves its row in `catalog_versions` in the
 * same transaction (migration 0010). Each search reads that version first, one primary-key read,
 * and reloads the rows when it is not the one they were loaded at; rows loaded after the version
 * was read are at least that new. An answer is so never older than the last commit before the
 * search, on every node, with nothing to subscribe to. Concurrent searches that find the same
 * new version share one reload.
 *
 * The order is the SQL's: by distance when near a position, otherwise by `rank`, the name's
 * search key, the name, and the code; strings compare by code unit (the database's "C" order),
 * so both engines and every node list the same page.
 */
export class Catalog<R extends PlacedRow> {
  private held: { version: string; entries: readonly Entry<R>[] } | null = null;
  private loading: { version: string; entries: Promise<readonly Entry<R>[]> } | null = null;

  constructor(
    private readonly name: CatalogVersionTable['catalog'],
    private readonly load: (db: Kysely<Database>) => Promise<R[]>,
    private readonly rank: (row: R) => number = () => 0,
  ) {}

  /** A page of the rows that pass `f`, with their distance from `f.near` (null without it). */
  async search(db: Kysely<Database>, f: CatalogSearch<R>): Promise<Page<R & { distance_km: number | null }>> {
    const entries = await this.entries(db);
    const { near, where } = f;
    const communes = f.communeCodes ? new Set(f.communeCodes) : null;
    const matched: { entry: Entry<R>; distance: number | null }[] = [];
    for (const entry of entries) {
      const r = entry.row;
      if (f.provinceCode && r.province_code !== f.provinceCode) continue;
      if (communes && (r.commune_code === null || !communes.has(r.commune_code))) continue;
      if (f.words && !f.words.every((w) => entry.words.has(w))) continue;
      if (where && !where(r)) continue;
      if (near) {
        if (r.latitude === null || r.longitude === null) continue;
        matched.push({ entry, distance: haversineKm(near.lat, near.lng, r.latitude, r.longitude) });
      } else matched.push({ entry, distance: null });
    }
    matched.sort(near ? byDistance : byName);
    return {
      rows: matched
        .slice(f.offset, f.offset + f.limit)
        .map(({ entry, distance }) => ({ ...entry.row, distance_km: distance })),
      total: matched.length,
    };
  }

  private async entries(db: Kysely<Database>): Promise<readonly Entry<R>[]> {
    const { version } = await db
      .selectFrom('catalog_versions')
      .select('version')
      .where('catalog', '=', this.name)
      .executeTakeFirstOrThrow();
    if (this.held?.version === version) return this.held.entries;
    if (this.loading?.version === version) return this.loading.entries;
    const entries = this.load(db).then((rows) =>
      rows.map((row) => ({
        row,
        key: lookupKey(row.name),
        words: new Set(lookupWords(row.name)),
        rank: this.rank(row),
      })),
    );
    const loading = { version, entries };
    this.loading = loading;
    try {
      const loaded = await entries;
      this.held = { version, entries: loaded };
      return loaded;
    } finally {
      if (this.loading === loading) this.loading = null;
    }
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function byName<R extends PlacedRow>(a: { entry: Entry<R> }, b: { entry: Entry<R> }): number {
  return (
    a.entry.rank - b.entry.rank ||
    compare(a.entry.key, b.entry.key) ||
    compare(a.entry.row.name, b.entry.row.name) ||
    compare(a.entry.row.code, b.entry.row.code)
  );
}

function byDistance<R extends PlacedRow>(
  a: { entry: Entry<R>; distance: number | null },
  b: { entry: Entry<R>; distance: number | null },
): number {
  return (a.distance ?? 0) - (b.distance ?? 0) || compare(a.entry.row.code, b.entry.row.code);
}
