/**
 * Distances for "nearest" look-ups and one-typo tolerance in names.
 */

const EARTH_RADIUS_KM = 6371.0088;
const rad = (deg: number) => (deg * Math.PI) / 180;

/**
 * Great-circle distance in kilometres between two WGS 84 points (haversine formula on a sphere
 * of the mean Earth radius, IUGG: 6,371.0088 km; error under 0.5 % against the ellipsoid, enough
 * to say which office is nearest). The server's SQL uses the same formula.
 */
export function haversineKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const dLat = rad(lat2 - lat1);
  const dLng = rad(lng2 - lng1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

export { EARTH_RADIUS_KM };

/**
 * True when `a` and `b` differ by at most one edit: one character inserted, deleted, replaced,
 * or two neighbouring characters swapped (the optimal-string-alignment distance ≤ 1, what "one
 * typo" means). Linear time; compares Unicode code points.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const x = Array.from(a);
  const y = Array.from(b);
  if (Math.abs(x.length - y.length) > 1) return false;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  if (x.length === y.length) {
    // A replacement at i, or a swap of i and i+1.
    if (x.slice(i + 1).join('') === y.slice(i + 1).join('')) return true;
    return x[i] === y[i + 1] && x[i + 1] === y[i] && x.slice(i + 2).join('') === y.slice(i + 2).join('');
  }
  const [longer, shorter] = x.length > y.length ? [x, y] : [y, x];
  return longer.slice(i + 1).join('') === shorter.slice(i).join('');
}

/**
 * The optimal-string-alignment (restricted Damerau–Levenshtein) distance: insertions, deletions,
 * replacements and swaps of neighbours each count one. Quadratic; for tests and small inputs.
 */
export function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  const width = y.length + 1;
  const d = new Array<number>((x.length + 1) * width).fill(0);
  const at = (i: number, j: number) => d[i * width + j] ?? 0;
  for (let i = 0; i <= x.length; i++) d[i * width] = i;
  for (let j = 0; j <= y.length; j++) d[j] = j;
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * width + j] = best;
    }
  }
  return at(x.length, y.length);
}
