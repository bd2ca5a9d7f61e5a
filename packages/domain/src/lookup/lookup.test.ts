import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkProofOfWork,
  editDistance,
  haversineKm,
  leadingZeroBits,
  maskMiddle,
  nameInitials,
  nameKey,
  sha256,
  solveProofOfWork,
  withinOneEdit,
} from '.';

const nodeSha = (bytes: Uint8Array) => new Uint8Array(createHash('sha256').update(bytes).digest());

describe('masking', () => {
  it('keeps the first and last two characters of a code or phone', () => {
    expect(maskMiddle('0123456712')).toBe('01******12');
    expect(maskMiddle('0912345623')).toBe('09******23');
    expect(maskMiddle('0123', 2)).toBe('****');
    expect(maskMiddle('')).toBe('');
  });

  it('never shows more than the kept characters', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 30 }), fc.integer({ min: 0, max: 4 }), (s, keep) => {
        const masked = maskMiddle(s, keep);
        const chars = Array.from(s);
        expect(Array.from(masked)).toHaveLength(chars.length);
        const shown = Array.from(masked).filter((c) => c !== '*').length;
        expect(shown).toBeLessThanOrEqual(Math.min(chars.length, keep * 2));
      }),
    );
  });

  it('writes a name as initials with their Vietnamese letters', () => {
    expect(nameInitials('Nguyễn Văn An')).toBe('N. V. A.');
    expect(nameInitials('  đỗ thị   ánh ')).toBe('Đ. T. Á.');
    expect(nameInitials('Nguye\u0302\u0303n')).toBe('N.');
  });

  it('compares names without tone marks, case, hyphens or extra spaces', () => {
    expect(nameKey('Nguyễn  Văn ĐỨC')).toBe(nameKey('nguyen van duc'));
    expect(nameKey("H'Hen Niê")).toBe('hhen nie');
  });
});

describe('one typo', () => {
  it('accepts one insertion, deletion, replacement or swap, and nothing more', () => {
    expect(withinOneEdit('nguyen van an', 'nguyen van an')).toBe(true);
    expect(withinOneEdit('nguyen van an', 'nguyn van an')).toBe(true);
    expect(withinOneEdit('nguyen van an', 'nguyen vann an')).toBe(true);
    expect(withinOneEdit('nguyen van an', 'nguyen van en')).toBe(true);
    expect(withinOneEdit('nguyen van an', 'ngyuen van an')).toBe(true);
    expect(withinOneEdit('nguyen van an', 'ngyuen van en')).toBe(false);
    expect(withinOneEdit('nguyen van an', 'nguyen van')).toBe(false);
    expect(withinOneEdit('abc', 'cba')).toBe(false);
  });

  it('agrees with the edit distance on random strings', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 8, unit: fc.constantFrom('a', 'b', 'c') }),
        fc.string({ maxLength: 8, unit: fc.constantFrom('a', 'b', 'c') }),
        (a, b) => {
          expect(withinOneEdit(a, b)).toBe(editDistance(a, b) <= 1);
          expect(withinOneEdit(a, b)).toBe(withinOneEdit(b, a));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('haversine', () => {
  it('gives known distances', () => {
    // Hoàn Kiếm Lake (Hanoi) to Bến Thành market (Ho Chi Minh City): about 1,144 km (great circle).
    expect(haversineKm(21.0287, 105.8524, 10.7725, 106.698)).toBeCloseTo(1144, 0);
    expect(haversineKm(21, 105, 21, 105)).toBe(0);
    // One degree of latitude: 111.2 km.
    expect(haversineKm(10, 106, 11, 106)).toBeCloseTo(111.19, 1);
  });

  it('is symmetric and never negative', () => {
    const lat = fc.double({ min: -90, max: 90, noNaN: true });
    const lng = fc.double({ min: -180, max: 180, noNaN: true });
    fc.assert(
      fc.property(lat, lng, lat, lng, (a, b, c, d) => {
        const x = haversineKm(a, b, c, d);
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(20_016);
        expect(x).toBeCloseTo(haversineKm(c, d, a, b), 6);
      }),
    );
  });
});

describe('proof of work', () => {
  it('hashes like node:crypto', () => {
    for (const text of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'x'.repeat(1000)]) {
      const bytes = new TextEncoder().encode(text);
      expect(sha256(bytes)).toEqual(nodeSha(bytes));
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(sha256(bytes)).toEqual(nodeSha(bytes));
      }),
      { numRuns: 200 },
    );
  });

  it('counts leading zero bits', () => {
    expect(leadingZeroBits(new Uint8Array([0x00, 0x0f, 0xff]))).toBe(12);
    expect(leadingZeroBits(new Uint8Array([0x80]))).toBe(0);
    expect(leadingZeroBits(new Uint8Array([0, 0]))).toBe(16);
  });

  it('finds the first nonce that meets the difficulty, which the checker accepts', () => {
    const salt = '0123456789abcdef0123456789abcdef';
    const nonce = solveProofOfWork(salt, 12);
    expect(nonce).toBeDefined();
    expect(checkProofOfWork(salt, nonce!, 12)).toBe(true);
    const digest = nodeSha(new TextEncoder().encode(`${salt}${nonce}`));
    expect(leadingZeroBits(digest)).toBeGreaterThanOrEqual(12);
    for (let n = 0; n < nonce!; n++) expect(checkProofOfWork(salt, n, 12)).toBe(false);
    // In slices: the same answer.
    let found: number | undefined;
    for (let start = 0; found === undefined; start += 500) found = solveProofOfWork(salt, 12, start, 500);
    expect(found).toBe(nonce);
  });

  it('agrees with node:crypto on random salts and nonces', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 39, unit: fc.constantFrom(...Array.from('0123456789abcdef')) }),
        fc.integer({ min: 0, max: 1e9 }),
        (salt, start) => {
          const nonce = solveProofOfWork(salt, 4, start);
          expect(nonce).toBeDefined();
          expect(
            leadingZeroBits(nodeSha(new TextEncoder().encode(`${salt}${nonce}`))),
          ).toBeGreaterThanOrEqual(4);
        },
      ),
      { numRuns: 200 },
    );
  });
});
