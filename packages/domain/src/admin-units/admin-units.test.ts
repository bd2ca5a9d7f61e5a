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
  placeKind,
  provinces2025,
  provincesPre2008,
  provincesPre2025,
  territoryOfOldProvince,
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

/** The first result: the 2025 unit, and the old unit it was found through (if any). */
function first(query: string) {
  const [m] = findUnits(query);
  const old = m && 'matchedOld' in m ? m.matchedOld : undefined;
  return {
    unit: m?.unit.fullName,
    province: m && (m.unit.level === 'province' ? m.unit.code : m.unit.provinceCode),
    old: old?.unit.fullName,
    oldKind: old && placeKind(old.unit),
    territory: old?.territory,
  };
}

describe('administrative units: old provinces and districts before communes of the same name', () => {
  it.each([
    // The old province of Bình Dương (in Thành phố Hồ Chí Minh since 2025), not Xã Bình Dương of Gia Lai.
    ['Bình Dương', 'Thành phố Hồ Chí Minh', 'Tỉnh Bình Dương', 'oldProvince'],
    ['binh duong', 'Thành phố Hồ Chí Minh', 'Tỉnh Bình Dương', 'oldProvince'],
    ['Tỉnh Bình Dương', 'Thành phố Hồ Chí Minh', 'Tỉnh Bình Dương', 'oldProvince'],
    // Hà Tây, merged into Hà Nội in 2008, not the Xã Hà Tây of today.
    ['Hà Tây', 'Thành phố Hà Nội', 'Tỉnh Hà Tây', 'oldProvince'],
    ['ha tay', 'Thành phố Hà Nội', 'Tỉnh Hà Tây', 'oldProvince'],
    ['TINH HA TAY', 'Thành phố Hà Nội', 'Tỉnh Hà Tây', 'oldProvince'],
    // Hà Đông: a town (thị xã) of Hà Tây until 2006, a city, a district (quận) of Hà Nội from 2009.
    ['Thị xã Hà Đông', 'Phường Hà Đông', 'Quận Hà Đông', 'oldDistrict'],
    ['thi xa ha dong', 'Phường Hà Đông', 'Quận Hà Đông', 'oldDistrict'],
    ['TX. Hà Đông', 'Phường Hà Đông', 'Quận Hà Đông', 'oldDistrict'],
    ['Thành phố Hà Đông', 'Phường Hà Đông', 'Quận Hà Đông', 'oldDistrict'],
    ['Quận Hà Đông', 'Phường Hà Đông', 'Quận Hà Đông', 'oldDistrict'],
    ['Hà Đông', 'Phường Hà Đông', 'Quận Hà Đông', 'oldDistrict'],
    // Other provinces merged in 2025, each with a 2025 ward of its name.
    ['Kon Tum', 'Tỉnh Quảng Ngãi', 'Tỉnh Kon Tum', 'oldProvince'],
    ['Bạc Liêu', 'Tỉnh Cà Mau', 'Tỉnh Bạc Liêu', 'oldProvince'],
    ['Hà Giang', 'Tỉnh Tuyên Quang', 'Tỉnh Hà Giang', 'oldProvince'],
    // Old districts, under their own or another designation.
    ['Huyện Mê Linh', 'Xã Mê Linh', 'Huyện Mê Linh', 'oldDistrict'],
    ['TP Thủ Dầu Một', 'Phường Thủ Dầu Một', 'Thành phố Thủ Dầu Một', 'oldDistrict'],
    ['Quận Thủ Đức', 'Phường Thủ Đức', 'Thành phố Thủ Đức', 'oldDistrict'],
    ['Thị xã Sơn Tây', 'Phường Sơn Tây', 'Thị xã Sơn Tây', 'oldDistrict'],
    ['son tay', 'Phường Sơn Tây', 'Thị xã Sơn Tây', 'oldDistrict'],
    // The designation tells two old districts apart: Huyện Sơn Tây is in Quảng Ngãi.
    ['Huyện Sơn Tây', 'Xã Sơn Tây', 'Huyện Sơn Tây', 'oldDistrict'],
    ['Thị trấn Đông Anh', 'Xã Đông Anh', 'Thị trấn Đông Anh', 'oldCommune'],
  ])('%s: %s, through %s', (query, unit, old, oldKind) => {
    expect(first(query)).toMatchObject({ unit, old, oldKind });
  });

  it.each([
    // A designation of the commune's own type finds the commune before the old province.
    ['Xã Bình Dương', 'Xã Bình Dương', '52'],
    ['xa binh duong', 'Xã Bình Dương', '52'],
    ['Phường Bình Dương', 'Phường Bình Dương', '79'],
    ['Phường Hà Đông', 'Phường Hà Đông', '01'],
    ['Xã Hà Tây', 'Xã Hà Tây', undefined],
    ['Phường Kon Tum', 'Phường Kon Tum', '51'],
  ])('%s: the commune %s itself', (query, unit, province) => {
    const found = first(query);
    expect(found).toMatchObject({ unit, old: undefined });
    if (province) expect(found.province).toBe(province);
  });

  it('finds every old province first by its name, with or without tone marks or its type', () => {
    for (const p of provincesPre2025()) {
      const into = newProvinceForOldProvince(p.code);
      for (const query of [p.name, p.fullName, asciiOf(p.name)]) {
        const found = first(query);
        expect(found.unit, query).toBe(into?.fullName);
        // Unchanged provinces are found by their own (2025) name; merged ones through the old one.
        if (found.old !== undefined) expect(found.old, query).toBe(p.fullName);
        else expect(asciiOf(into?.name ?? ''), query).toBe(asciiOf(p.name));
      }
    }
  });

  // 696 searches: a time limit for a busy machine.
  it(
    'finds every old district first under another district designation, before communes of its name',
    {
      timeout: 30_000,
    },
    () => {
      for (const d of districtsPre2025()) {
        // Another designation than its own ("Thành phố" also names provinces: "Thành phố Quang
        // Bình" may mean Quảng Bình, so it is not one of them).
        const designation = d.kind === 'Thị xã' ? 'Huyện' : 'Thị xã';
        const query = `${designation} ${asciiOf(d.name)}`;
        const [m] = findUnits(query);
        const old = m && 'matchedOld' in m ? m.matchedOld?.unit : undefined;
        expect(old && placeKind(old), query).toBe('oldDistrict');
        expect(asciiOf(old?.name ?? '').toLowerCase(), query).toBe(asciiOf(d.name).toLowerCase());
      }
    },
  );

  it("gives a merged province's land: Bình Dương's wards in Hồ Chí Minh, Hà Tây's in Hà Nội", () => {
    const binhDuong = first('Bình Dương').territory ?? [];
    expect(binhDuong.map((c) => c.name)).toEqual(
      expect.arrayContaining(['Thủ Dầu Một', 'Dĩ An', 'Thuận An']),
    );
    expect(binhDuong.every((c) => c.provinceCode === '79')).toBe(true);
    expect(binhDuong.length).toBeLessThan(communes2025('79').length);
    expect(binhDuong.map((c) => c.name)).not.toContain('Sài Gòn');

    const haTay = first('Hà Tây').territory ?? [];
    const names = haTay.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['Hà Đông', 'Sơn Tây', 'Ba Vì', 'Mỹ Đức', 'Chương Mỹ']));
    expect(haTay.every((c) => c.provinceCode === '01')).toBe(true);
    // Neither old Hà Nội, nor what only Mê Linh (Vĩnh Phúc's until 2008) went into.
    expect(names).not.toContain('Ba Đình');
    const haTayDistricts = ['268', '269', ...Array.from({ length: 12 }, (_, i) => String(271 + i))];
    const fromHaTay = new Set(haTayDistricts.flatMap((d) => newUnitsForOldDistrict(d).map((u) => u.code)));
    const meLinhOnly = newUnitsForOldDistrict('250').filter((u) => !fromHaTay.has(u.code));
    expect(meLinhOnly.length).toBeGreaterThan(0);
    for (const unit of meLinhOnly) expect(names, unit.name).not.toContain(unit.name);
    expect(haTay.every((c) => fromHaTay.has(c.code))).toBe(true);

    // A province merged with nothing else has no separate land: the 2025 province is it.
    expect(first('Lai Châu').territory).toBeUndefined();
    expect(first('Hà Nội').territory).toBeUndefined();
  });

  it('knows Hà Tây as an old unit, with what it became', () => {
    const haTay = provincesPre2008().find((p) => p.name === 'Hà Tây');
    expect(haTay).toMatchObject({
      generation: 'pre2008',
      fullName: 'Tỉnh Hà Tây',
      abolishedYear: 2008,
      source: 'Nghị quyết 15/2008/QH12 (in force 2008-08-01)',
    });
    expect(haTay && unitAddress(haTay)).toBe('Tỉnh Hà Tây');
    expect(haTay && territoryOfOldProvince(haTay).length).toBeGreaterThan(20);
    const [old] = findUnits('Hà Tây', { generation: 'pre2025' });
    expect(old?.unit.fullName).toBe('Tỉnh Hà Tây');
    expect(old && 'current' in old && old.current.map((u) => u.fullName)).toEqual(['Thành phố Hà Nội']);
    expect(findUnits('Hà Tây', { generation: '2025' }).map((m) => m.unit.level)).not.toContain('province');
  });

  it.each([
    // Split in 1997, 1992, 1991, 1989, 1978: what each became in 2025 (in code order).
    ['Sông Bé', ['Thành phố Đồng Nai', 'Thành phố Hồ Chí Minh'], true],
    ['song be', ['Thành phố Đồng Nai', 'Thành phố Hồ Chí Minh'], true],
    ['Tỉnh Hà Bắc', ['Tỉnh Bắc Ninh'], false],
    ['Vĩnh Phú', ['Thành phố Hà Nội', 'Tỉnh Phú Thọ'], true],
    ['Hà Sơn Bình', ['Thành phố Hà Nội', 'Tỉnh Phú Thọ'], true],
    ['Quảng Nam - Đà Nẵng', ['Thành phố Đà Nẵng'], false],
    ['quang nam da nang', ['Thành phố Đà Nẵng'], false],
    ['Minh Hải', ['Tỉnh Cà Mau'], false],
    ['Nghệ Tĩnh', ['Tỉnh Nghệ An', 'Tỉnh Hà Tĩnh'], false],
    ['Bình Trị Thiên', ['Tỉnh Quảng Trị', 'Thành phố Huế'], false],
    ['Cao Lạng', ['Tỉnh Cao Bằng', 'Tỉnh Lạng Sơn'], false],
  ])('%s, a province abolished before 2008: %j', (query, became, partial) => {
    const found = findUnits(query).filter(
      (m) => 'matchedOld' in m && m.matchedOld?.unit.generation === 'pre2008',
    );
    expect(found.map((m) => m.unit.fullName)).toEqual(became);
    expect(names(findUnits(query)).slice(0, became.length)).toEqual(became);
    const old = found[0] && 'matchedOld' in found[0] ? found[0].matchedOld : undefined;
    expect(old?.territory !== undefined).toBe(partial);
  });

  it("gives a split province's land in every province it went into", () => {
    const songBe = provincesPre2008().find((p) => p.name === 'Sông Bé');
    const land = songBe ? territoryOfOldProvince(songBe) : [];
    expect(land.map((c) => c.name)).toEqual(expect.arrayContaining(['Thủ Dầu Một', 'Đồng Xoài']));
    expect(new Set(land.map((c) => c.provinceCode))).toEqual(new Set(['75', '79']));
    expect(land.map((c) => c.name)).not.toContain('Biên Hòa');
  });

  it('finds every province abolished before 2008 first by its name, through it, with what it became', () => {
    expect(provincesPre2008().length).toBeGreaterThan(15);
    for (const p of provincesPre2008()) {
      for (const query of [p.name, p.fullName, asciiOf(p.name).toLowerCase()]) {
        const found = findUnits(query);
        const became = found.filter((m) => 'matchedOld' in m && m.matchedOld?.unit === p);
        expect(became.length, query).toBeGreaterThan(0);
        expect(found.slice(0, became.length), query).toEqual(became);
        for (const m of became) expect(m.unit.level, query).toBe('province');
      }
    }
  });

  it('names the kind of every unit', () => {
    expect(placeKind(getUnit2025('01'))).toBe('province');
    expect(placeKind(getUnit2025('00004'))).toBe('commune');
    const district = findDistrictPre2025('268');
    const commune = findCommunePre2025('00004');
    expect(district && placeKind(district)).toBe('oldDistrict');
    expect(commune && placeKind(commune)).toBe('oldCommune');
    expect(provincesPre2025().map(placeKind)).toEqual(provincesPre2025().map(() => 'oldProvince'));
  });
});

function asciiOf(text: string) {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

function order(kind: string) {
  return ['exact', 'prefix', 'word', 'contains'].indexOf(kind);
}
