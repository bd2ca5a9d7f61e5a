/**
 * Bijections on [0, 10^k): spread sequential numbers over a range without collisions, so
 * generated identifiers look scattered yet stay unique (a multiplier coprime to 10 permutes the
 * residues modulo 10^k).
 */
export function permute(n: number, digits: number, salt = 0): number {
  const m = 10 ** digits;
  // 7_919 and 48_271 are odd and not multiples of 5: coprime to every power of ten.
  const x = ((((n % m) * 48_271) % m) + salt) % m;
  return (x * 7_919) % m;
}

export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
