import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  communes2025,
  communesPre2025,
  districtsPre2025,
  findCommune2025,
  findCommunePre2025,
  findDistrictPre2025,
  findUnit2025,
  findUnits,
  getUnit2025,
  newProvinceForOldProvince,
  newUnitsForOldCommune,
  newUnitsForOldDistrict,
  oldCommunesForNewUnit,
  provinces2025,
  provincesPre2025,
  unitAddress,
  type UnitMatch,
} from './index';

const names = (matches: UnitMatch[]) => matches.map((m) => m.unit.fullName);

describe('administrative units: lists and look-ups', () => {
  it('has both generations, complete', () => {
    expect(provinces2025()).toHaveLength(34);
    expect(communes2025()).toHaveLength(3321);
    expect(provincesPre2025()).toHaveLength(63);
    expect(districtsPre2025()).toHaveLength(696);
    expect(communesPre2025()).toHaveLength(10035);
    expect(provinces2025().reduce((n, p) => n + communes2025(p.code).length, 0)).toBe(3321);
    expect(provincesPre2025().reduce((n, p) => n + districtsPre2025(p.code).length, 0)).toBe(696);
    expect(districtsPre2025().reduce((n, d) => n + communesPre2025(d.code).length, 0)).toBe(10035);
    expect(communes2025('01')).toHaveLength(126);
    expect(communes2025('99')).toEqual([]);
  });

  it('decodes units with their codes, names and types', () => {
    expect(getUnit2025('01')).toEqual({
      generation: '2025',
      level: 'province',
      code: '01',
      name: 'Hà Nội',
      kind: 'Thành phố',
      fullName: 'Thành phố Hà Nội',
      nameEn: 'Hanoi',
    });
    expect(findUnit2025('00004')).toEqual({
      generation: '2025',
      level: 'commune',
      code: '00004',
      provinceCode: '01',
      name: 'Ba Đình',
      kind: 'Phường',
      fullName: 'Phường Ba Đình',
      nameEn: 'Ba Dinh',
    });
    expect(findCommune2025('26732')).toMatchObject({ kind: 'Đặc khu', name: 'Côn Đảo', provinceCode: '79' });
    expect(findCommunePre2025('00004')).toMatchObject({
      name: 'Trúc Bạch',
      kind: 'Phường',
      districtCode: '001',
      provinceCode: '01',
    });
    expect(findDistrictPre2025('001')).toMatchObject({ fullName: 'Quận Ba Đình', provinceCode: '01' });
    expect(findUnit2025('12345678')).toBeUndefined();
    expect(() => getUnit2025('99')).toThrow();
  });

  it('keeps the English names that are not the name without diacritics', () => {
    expect(communes2025().filter((c) => c.name === 'Hoàng Sa')[0]?.nameEn).toBe('Paracel');
    expect(getUnit2025('31')).toMatchObject({ name: 'Hải Phòng', nameEn: 'Haiphong' });
  });

  it('normalises the one lower-case type of the source data', () => {
    expect(new Set(communes2025().map((c) => c.kind))).toEqual(new Set(['Phường', 'Xã', 'Đặc khu']));
    expect(findCommune2025('06325')?.fullName).toBe('Xã Bắc Sơn');
  });

  it('writes addresses of both generations', () => {
    expect(unitAddress(getUnit2025('00004'))).toBe('Phường Ba Đình, Thành phố Hà Nội');
    const old = findCommunePre2025('00004');
    expect(old && unitAddress(old)).toBe('Phường Trúc Bạch, Quận Ba Đình, Thành phố Hà Nội');
  });
});

describe('administrative units: old → new', () => {
  it('maps old communes, districts and provinces to the units they became', () => {
    expect(newUnitsForOldCommune('00004').map((c) => c.fullName)).toEqual(['Phường Ba Đình']);
    // Phường Ngọc Hà (old) was split between the new Ba Đình and Ngọc Hà.
    expect(newUnitsForOldCommune('00016').map((c) => c.code)).toEqual(['00004', '00008']);
    expect(newUnitsForOldCommune('99999')).toEqual([]);
    expect(oldCommunesForNewUnit('00004').map((c) => c.name)).toContain('Trúc Bạch');
    expect(newProvinceForOldProvince('02')?.name).toBe('Tuyên Quang');
    expect(newProvinceForOldProvince('01')?.name).toBe('Hà Nội');
    expect(newUnitsForOldDistrict('755').map((c) => c.fullName)).toEqual(['Đặc khu Côn Đảo']);
    expect(newUnitsForOldDistrict('001').map((c) => c.name)).toEqual(
      expect.arrayContaining(['Ba Đình', 'Ngọc Hà', 'Giảng Võ']),
    );
  });

  it('uses the corrected codes where the 2025 list changed a code', () => {
    expect(newUnitsForOldCommune('06970').map((c) => c.code)).toEqual(['06978']);
    expect(newUnitsForOldCommune('23938').map((c) => c.fullName)).toEqual(['Xã Ia Mơ']);
  });

  it('maps every old commune to 2025 communes of the province its province became', () => {
    const orphans: string[] = [];
    for (const old of communesPre2025()) {
      const province = newProvinceForOldProvince(old.provinceCode)?.code;
      const units = newUnitsForOldCommune(old.code);
      if (units.length === 0 || units.some((u) => u.provinceCode !== province)) orphans.push(old.code);
    }
    // 30622 Xã Tân Phú (An Giang): the source maps it into Đồng Tháp, so the build dropped it.
    expect(orphans).toEqual(['30622']);
    for (const p of provincesPre2025()) expect(newProvinceForOldProvince(p.code), p.code).toBeDefined();
    const reached = new Set(
      communesPre2025().flatMap((c) => newUnitsForOldCommune(c.code).map((u) => u.code)),
    );
    const islands = ['318', '471', '498', '536', '755'].flatMap((d) =>
      newUnitsForOldDistrict(d).map((u) => u.code),
    );
    for (const code of islands) reached.add(code);
    expect(communes2025().filter((c) => !reached.has(c.code))).toEqual([]);
  });
});

describe('administrative units: search', () => {
  it.each([
    ['ba dinh', 'Phường Ba Đình'],
    ['Ba Đình', 'Phường Ba Đình'],
    ['BA ĐÌNH', 'Phường Ba Đình'],
    ['Phuong Ba Dinh', 'Phường Ba Đình'],
    ['P. Ba Đình', 'Phường Ba Đình'],
    ['  phường   ba  đình ', 'Phường Ba Đình'],
    ['Ha Noi', 'Thành phố Hà Nội'],
    ['thanh pho ha noi', 'Thành phố Hà Nội'],
    ['hanoi', 'Thành phố Hà Nội'],
    ['ho chi minh', 'Thành phố Hồ Chí Minh'],
    ['TP HCM', 'Thành phố Hồ Chí Minh'],
    ['dac khu con dao', 'Đặc khu Côn Đảo'],
    ['Ea HLeo', "Xã Ea H'Leo"],
  ])('finds %s', (query, fullName) => {
    expect(names(findUnits(query))[0]).toBe(fullName);
  });

  it('finds the new unit from an old commune name, noting the old one', () => {
    const [first] = findUnits('Truc Bach');
    expect(first?.unit).toMatchObject({ generation: '2025', fullName: 'Phường Ba Đình' });
    expect(first && 'matchedOld' in first && first.matchedOld).toMatchObject({
      unit: { generation: 'pre2025', level: 'commune', code: '00004', name: 'Trúc Bạch' },
      address: 'Phường Trúc Bạch, Quận Ba Đình, Thành phố Hà Nội',
      split: false,
    });
  });

  it('finds the new units from an old district name', () => {
    const found = findUnits('Quận Hoàn Kiếm', { limit: 50 });
    expect(found.length).toBeGreaterThan(1);
    expect(names(found)).toContain('Phường Hoàn Kiếm');
    for (const m of found) {
      expect(m.unit).toMatchObject({ generation: '2025', level: 'commune', provinceCode: '01' });
      if ('matchedOld' in m && m.matchedOld) expect(m.matchedOld.unit.level).toBe('district');
    }
    expect(names(findUnits('huyen con dao'))).toEqual(['Đặc khu Côn Đảo']);
  });

  it('finds the new province from an old province name', () => {
    const [first] = findUnits('Ha Giang');
    expect(first?.unit).toMatchObject({ level: 'province', name: 'Tuyên Quang' });
    expect(first && 'matchedOld' in first && first.matchedOld?.unit).toMatchObject({ name: 'Hà Giang' });
  });

  it('ranks own names before old names, exact before prefix before words before substrings', () => {
    const found = findUnits('ngoc ha', { provinceCode: '01' });
    expect(found[0]).toMatchObject({ unit: { fullName: 'Phường Ngọc Hà' }, match: 'exact' });
    expect(found[0] && 'matchedOld' in found[0] ? found[0].matchedOld : undefined).toBeUndefined();
    expect(
      found.some((m) => m.unit.fullName === 'Phường Ba Đình' && 'matchedOld' in m && m.matchedOld?.split),
    ).toBe(true);
    const kinds = findUnits('an', { generation: '2025', limit: 500 }).map((m) => m.match);
    expect([...kinds].sort((a, b) => order(a) - order(b))).toEqual(kinds);
  });

  it('searches one generation when asked', () => {
    expect(findUnits('Truc Bach', { generation: '2025' })).toEqual([]);
    const [old] = findUnits('Truc Bach', { generation: 'pre2025' });
    expect(old?.unit).toMatchObject({ generation: 'pre2025', level: 'commune', code: '00004' });
    expect(old && 'current' in old && old.current.map((u) => u.code)).toEqual(['00004']);
    expect(findUnits('quan 1', { generation: 'pre2025' })[0]?.unit).toMatchObject({
      level: 'district',
      fullName: 'Quận 1',
      provinceCode: '79',
    });
  });

  it('filters by province and limits', () => {
    expect(findUnits('an', { generation: '2025', limit: 5 })).toHaveLength(5);
    const inHcm = findUnits('an', { provinceCode: '79', limit: 100 });
    expect(inHcm.length).toBeGreaterThan(0);
    expect(
      inHcm.every((m) => (m.unit.level === 'province' ? m.unit.code : m.unit.provinceCode) === '79'),
    ).toBe(true);
    expect(findUnits('x')).toEqual([]);
    expect(findUnits('')).toEqual([]);
    expect(findUnits('zzzzqq')).toEqual([]);
    const ids = findUnits('an', { limit: 200 }).map((m) => `${m.unit.generation}${m.unit.code}`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('finds any 2025 commune by its name without diacritics within its province', () => {
    const all = communes2025();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: all.length - 1 }), (i) => {
        const commune = all[i]!;
        const found = findUnits(commune.nameEn.toLowerCase(), {
          generation: '2025',
          provinceCode: commune.provinceCode,
          limit: 100,
        });
        expect(found.map((m) => m.unit.code)).toContain(commune.code);
      }),
      { numRuns: 200 },
    );
  });
});

function order(kind: string) {
  return ['exact', 'prefix', 'word', 'contains'].indexOf(kind);
}
