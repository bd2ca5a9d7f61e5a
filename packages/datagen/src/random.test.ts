import { describe, expect, it } from 'vitest';
import { fullName } from './names';
import { pad, permute } from './permute';
import { Random } from './random';

describe('Random', () => {
  it('gives the same stream for the same seed, another for another seed', () => {
    const a = new Random('vssid');
    const b = new Random('vssid');
    const c = new Random('other');
    const sa = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(sa);
  });

  it('stays in range and covers it', () => {
    const r = new Random('range');
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      const n = r.int(1, 6);
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(6);
      seen.add(n);
    }
    expect(seen.size).toBe(6);
  });

  it('picks by weight', () => {
    const r = new Random('weights');
    let heavy = 0;
    for (let i = 0; i < 10_000; i++)
      if (
        r.weighted([
          ['a', 9],
          ['b', 1],
        ] as const) === 'a'
      )
        heavy++;
    expect(heavy).toBeGreaterThan(8700);
    expect(heavy).toBeLessThan(9300);
  });
});

describe('permute', () => {
  it('is a bijection on 10^k', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 100_000; i++) seen.add(permute(i, 5, 17));
    expect(seen.size).toBe(100_000);
    expect(Math.max(...seen)).toBe(99_999);
  });
  it('pads', () => {
    expect(pad(42, 6)).toBe('000042');
  });
});

describe('fullName', () => {
  it('writes Vietnamese names in NFC, family name first, with the usual shares', () => {
    const r = new Random('names');
    let nguyen = 0;
    for (let i = 0; i < 5000; i++) {
      const name = fullName(r, i % 2 ? 'male' : 'female');
      expect(name).toBe(name.normalize('NFC'));
      expect(name.split(' ').length).toBeGreaterThanOrEqual(3);
      if (name.startsWith('Nguyễn ')) nguyen++;
    }
    expect(nguyen / 5000).toBeGreaterThan(0.33);
    expect(nguyen / 5000).toBeLessThan(0.43);
  });
  it('keeps a given family name', () => {
    expect(fullName(new Random('x'), 'female', 'Lê').startsWith('Lê ')).toBe(true);
  });
});
