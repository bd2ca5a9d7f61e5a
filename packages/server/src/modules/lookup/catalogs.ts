import type { Kysely } from 'kysely';
import { haversineKm } from '@vssid/domain';
import type { Database } from '../../db/schema';
import type { CatalogVersionTable } from '../../db/schema-lookup';
import { lookupKey, lookupWords } from './keys';
import { catalogVersion, type DirectoryFilter, type Page } from './repository';

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

interface CatalogSearch<R> extends DirectoryFilter {
  /** The catalog's own filters (a clinic's level, code, sick-leave certificates). */
  where?: ((row: R) => boolean) | undefined;
}

/**
 * Whether a copy held in memory may be used without asking the database: only while the node is
 * subscribed to the announcements of changes (`setLive(true)`) and the copy was found at the
 * database's version since the last announcement. A check counts only if no announcement came
 * while it ran (`since()` before, `confirm()` after).
 */
class Announced {
  private live = false;
  private changes = 0;
  private current = false;

  /** A change was announced: the copy must be checked again. */
  changed(): void {
    this.changes += 1;
    this.current = false;
  }

  /** The subscription is on, or lost (changes may have been missed meanwhile). */
  setLive(live: boolean): void {
    this.live = live;
    this.changed();
  }

  get trusted(): boolean {
    return this.live && this.current;
  }

  since(): number {
    return this.changes;
  }

  /** The copy was found current by a check that began at `since`. */
  confirm(since: number): void {
    if (this.live && this.changes === since) this.current = true;
  }
}

/**
 * One small directory (BHXH agencies, contracted clinics, collection agents: hundreds to a couple
 * of thousand rows) held in memory and searched there: the SQL it replaces spent 0.3–0.5 ms of
 * PostgreSQL per search (a distance for every row, a window count, the name words), which put
 * the database at a full core long before the API was busy.
 *
 * Freshness: every statement that changes the table moves its row in `catalog_versions` in the
 * same transaction, and the commit announces the table on `vssid_catalog_changed` (migration
 * 0010). A node subscribed to the channel (`setLive(true)`) answers from its copy, with no query,
 * until a change is announced (`changed()`): then the next search reads the version, one
 * primary-key read, and reloads the rows if they are behind; rows loaded after the version was
 * read are at least that new. So a subscribed node answers a change once its announcement has
 * arrived (milliseconds after the commit); a node that is not subscribed, or lost its
 * subscription, reads the version before every search and never answers from a copy older than
 * the last commit. Concurrent searches that find the same new version share one reload.
 *
 * The order is the SQL's: by distance when near a position, otherwise by `rank`, the name's
 * search key, the name, and the code; strings compare by code unit (the database's "C" order),
 * so both engines and every node list the same page.
 */
export class Catalog<R extends PlacedRow> {
  private held: { version: string; entries: readonly Entry<R>[] } | null = null;
  private loading: { version: string; entries: Promise<readonly Entry<R>[]> } | null = null;
  private readonly announced = new Announced();

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
    // The entries are held in name order, which filtering keeps: only a distance needs a sort.
    if (near) matched.sort(byDistance);
    return {
      rows: matched
        .slice(f.offset, f.offset + f.limit)
        .map(({ entry, distance }) => ({ ...entry.row, distance_km: distance })),
      total: matched.length,
    };
  }

  /** A change of this catalog was announced: the next search checks the version again. */
  changed(): void {
    this.announced.changed();
  }

  /** The subscription to announcements is on, or lost (changes may have been missed meanwhile). */
  setLive(live: boolean): void {
    this.announced.setLive(live);
  }

  private async entries(db: Kysely<Database>): Promise<readonly Entry<R>[]> {
    if (this.announced.trusted && this.held) return this.held.entries;
    const since = this.announced.since();
    const version = await catalogVersion(db, this.name);
    if (this.held?.version === version) {
      this.announced.confirm(since);
      return this.held.entries;
    }
    if (this.loading?.version === version) return this.loading.entries;
    const entries = this.load(db).then((rows) =>
      rows
        .map((row) => ({
          row,
          key: lookupKey(row.name),
          words: new Set(lookupWords(row.name)),
          rank: this.rank(row),
        }))
        .sort(byName),
    );
    const loading = { version, entries };
    this.loading = loading;
    try {
      const loaded = await entries;
      this.held = { version, entries: loaded };
      this.announced.confirm(since);
      return loaded;
    } finally {
      if (this.loading === loading) this.loading = null;
    }
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function byName<R extends PlacedRow>(a: Entry<R>, b: Entry<R>): number {
  return (
    a.rank - b.rank ||
    compare(a.key, b.key) ||
    compare(a.row.name, b.row.name) ||
    compare(a.row.code, b.row.code)
  );
}

function byDistance<R extends PlacedRow>(
  a: { entry: Entry<R>; distance: number | null },
  b: { entry: Entry<R>; distance: number | null },
): number {
  return (a.distance ?? 0) - (b.distance ?? 0) || compare(a.entry.row.code, b.entry.row.code);
}

/** What the word index needs of a unit: its code, the words of its name and its province. */
interface IndexedUnit {
  code: string;
  name_words: string[];
  province_code: string;
}

/** The rows of one page, in the order of `codes`, with the version the database is at. */
type PageRowsByCode<R extends { code: string }> = (
  db: Kysely<Database>,
  codes: readonly string[],
) => Promise<{ version: string; rows: R[] }>;

/**
 * The employer units by the words of their names, from an inverted index held in memory: for
 * each word, the ranks (position in name order) of the units whose name has it. A search
 * intersects the lists of its words (shortest first), so the matches come out in name order
 * with their count, and only the page's rows are read from the database, by primary key. The
 * SQL it replaces read every matching row (a common pair of words matches over a thousand units
 * in the benchmark's nation) to count and sort them: 2–6 ms of PostgreSQL per search.
 *
 * Memory: a code and a few list entries per unit (about 60 bytes; 30 MB for a million units),
 * and the rows of the units last shown (at most `rowCacheSize`). Rows not held come from the
 * database with the version in the same statement; when the index is not at that version,
 * `search` answers null (the caller searches with SQL, always current) and the index is rebuilt
 * in the background, at most once per `minReloadMs`, so a catalog that changes all day costs one
 * rebuild per interval, not one per change. While subscribed to the announcements of changes
 * (as Catalog), a page whose rows are all held is answered with no query.
 */
export class UnitWordIndex<R extends { code: string }> {
  private held: {
    version: string;
    codes: readonly string[];
    provinces: readonly string[];
    postings: ReadonlyMap<string, Int32Array>;
  } | null = null;
  private rebuilding: Promise<void> | null = null;
  private lastRebuildAt = -Infinity;
  private readonly announced = new Announced();
  /** Rows of the held version, least recently shown first. */
  private rows = new Map<string, R>();

  constructor(
    private readonly load: (db: Kysely<Database>) => Promise<{ version: string; units: IndexedUnit[] }>,
    private readonly pageRows: PageRowsByCode<R>,
    private readonly minReloadMs: number,
    private readonly rowCacheSize = 20_000,
  ) {}

  /** A change of the units was announced. */
  changed(): void {
    this.announced.changed();
  }

  /** The subscription to announcements is on, or lost. */
  setLive(live: boolean): void {
    this.announced.setLive(live);
  }

  /** Resolves when the rebuild under way (if any) is done: for tests and warm-up. */
  async settled(): Promise<void> {
    await this.rebuilding;
  }

  /** A page of the units having every word (and in the province), or null when the index is behind. */
  async search(
    db: Kysely<Database>,
    f: { words: readonly string[]; provinceCode?: string | undefined; limit: number; offset: number },
  ): Promise<Page<R> | null> {
    const held = this.held;
    if (!held) {
      this.rebuild(db);
      return null;
    }
    const lists = f.words.map((w) => held.postings.get(w) ?? EMPTY).sort((a, b) => a.length - b.length);
    const [shortest = EMPTY, ...others] = lists;
    const cursors = others.map(() => 0);
    let total = 0;
    const page: string[] = [];
    for (const rank of shortest) {
      let inAll = true;
      for (let i = 0; i < others.length; i++) {
        const list = others[i] ?? EMPTY;
        let c = cursors[i] ?? 0;
        while (c < list.length && (list[c] ?? 0) < rank) c++;
        cursors[i] = c;
        if (list[c] !== rank) {
          inAll = false;
          break;
        }
      }
      if (!inAll || (f.provinceCode && held.provinces[rank] !== f.provinceCode)) continue;
      if (total >= f.offset && page.length < f.limit) page.push(held.codes[rank] ?? '');
      total += 1;
    }
    const trusted = this.announced.trusted;
    const missing = trusted ? page.filter((code) => !this.rows.has(code)) : page;
    if (!trusted || missing.length) {
      const since = this.announced.since();
      const { version, rows } = await this.pageRows(db, missing);
      if (version !== held.version || this.held !== held) {
        this.rebuild(db);
        return null;
      }
      this.announced.confirm(since);
      for (const row of rows) this.rows.set(row.code, row);
    }
    const found = page.flatMap((code) => {
      const row = this.rows.get(code);
      if (!row) return [];
      // Shown again: the last to be dropped.
      this.rows.delete(code);
      this.rows.set(code, row);
      return [row];
    });
    for (const code of this.rows.keys()) {
      if (this.rows.size <= this.rowCacheSize) break;
      this.rows.delete(code);
    }
    return { rows: found, total };
  }

  private rebuild(db: Kysely<Database>): void {
    if (this.rebuilding || Date.now() - this.lastRebuildAt < this.minReloadMs) return;
    this.lastRebuildAt = Date.now();
    this.rebuilding = (async () => {
      // Units in name order: a rank is a position in that order, so every list is sorted.
      const { version, units } = await this.load(db);
      const lists = new Map<string, number[]>();
      units.forEach((u, rank) => {
        for (const w of u.name_words) {
          const list = lists.get(w);
          // A word twice in one name ("An Khánh An") is listed once.
          if (!list) lists.set(w, [rank]);
          else if (list[list.length - 1] !== rank) list.push(rank);
        }
      });
      this.rows = new Map();
      this.held = {
        version,
        codes: units.map((u) => u.code),
        provinces: units.map((u) => u.province_code),
        postings: new Map([...lists].map(([w, ranks]) => [w, Int32Array.from(ranks)])),
      };
    })()
      .catch(() => undefined) // the SQL search answers meanwhile; the next stale search tries again
      .finally(() => {
        this.rebuilding = null;
      });
  }
}

const EMPTY = new Int32Array(0);
