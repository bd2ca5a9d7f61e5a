/**
 * A small, fast, seeded pseudo-random generator (sfc32, seeded through a string hash), so the
 * same seed always gives the same nation, byte for byte, on every machine and Node version.
 * Not for anything secret.
 */
export class Random {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(seed: string) {
    let h = 1779033703 ^ seed.length;
    for (let i = 0; i < seed.length; i++) {
      h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
      h = (h << 13) | (h >>> 19);
    }
    const next = () => {
      h = Math.imul(h ^ (h >>> 16), 2246822507);
      h = Math.imul(h ^ (h >>> 13), 3266489909);
      return (h ^= h >>> 16) >>> 0;
    };
    this.#a = next();
    this.#b = next();
    this.#c = next();
    this.#d = next();
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    this.#a >>>= 0;
    this.#b >>>= 0;
    this.#c >>>= 0;
    this.#d >>>= 0;
    let t = (this.#a + this.#b) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#d = (this.#d + 1) | 0;
    t = (t + this.#d) | 0;
    this.#c = (this.#c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Picks by weight; `weights` need not sum to 1. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    const last = items[items.length - 1];
    if (!last) throw new Error('weighted pick from an empty list');
    return last[0];
  }

  /** Roughly normal (sum of uniforms), clamped to [min, max]. */
  around(mean: number, spread: number, min: number, max: number): number {
    const u = (this.next() + this.next() + this.next() + this.next() - 2) / 2;
    return Math.min(max, Math.max(min, mean + u * spread * 2));
  }

  /** A child generator whose stream depends only on this seed and the label. */
  fork(label: string | number): Random {
    return new Random(`${this.int(0, 2 ** 31)}:${label}`);
  }
}

/** A list to pick from by weight in O(log n): cumulative weights and a binary search. */
export class WeightedList<T> {
  readonly #items: readonly T[];
  readonly #cumulative: Float64Array;

  constructor(items: readonly T[], weight: (item: T) => number) {
    if (items.length === 0) throw new Error('a weighted list needs items');
    this.#items = items;
    this.#cumulative = new Float64Array(items.length);
    let total = 0;
    for (const [i, item] of items.entries()) {
      total += Math.max(0, weight(item));
      this.#cumulative[i] = total;
    }
  }

  pick(random: Random): T {
    const target = random.next() * (this.#cumulative[this.#cumulative.length - 1] ?? 0);
    let lo = 0;
    let hi = this.#cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.#cumulative[mid] ?? 0) > target) hi = mid;
      else lo = mid + 1;
    }
    const item = this.#items[lo];
    if (item === undefined) throw new Error('unreachable');
    return item;
  }
}
