import { describe, expect, it } from 'vitest';
import { provinces2025 } from '@vssid/domain';
import { generateCatalogs } from './catalogs';

describe('the agencies of the catalog builder (issue 20)', () => {
  it('marks the national head office as not receiving dossiers, and every province with receiving agencies', () => {
    const { agencies } = generateCatalogs('receiving', 100);
    const central = agencies.filter((a) => a.level === 'central');
    expect(central.map((a) => [a.code, a.receives_dossiers])).toEqual([['VN', false]]);
    for (const a of agencies.filter((x) => x.level !== 'central'))
      expect(a.receives_dossiers, a.code).toBe(true);
    for (const p of provinces2025()) {
      const own = agencies.filter((a) => a.province_code === p.code && a.receives_dossiers);
      // The provincial office (whose officers see its local offices' queues) and its local offices.
      expect(own.filter((a) => a.level === 'province').map((a) => a.code)).toEqual([p.code]);
      expect(own.every((a) => a.level === 'province' || a.parent_code === p.code)).toBe(true);
    }
  });
});
