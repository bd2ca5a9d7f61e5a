import { describe, expect, it } from 'vitest';
import {
  communes2025,
  communesPre2025,
  districtsPre2025,
  findCommune2025,
  findUnits,
  newCommunesForOldCommune,
  newProvinceForOldProvince,
  provinces2025,
  provincesPre2025,
} from './index';

describe('administrative units', () => {
  it('has both generations, complete', () => {
    expect(provinces2025()).toHaveLength(34);
    expect(communes2025()).toHaveLength(3321);
    expect(provincesPre2025()).toHaveLength(63);
    expect(districtsPre2025()).toHaveLength(696);
    expect(communesPre2025()).toHaveLength(10035);
    expect(communes2025('01')).toHaveLength(126);
    expect(findCommune2025('00004')).toMatchObject({
      name: 'Ba Đình',
      kind: 'Phường',
      fullName: 'Phường Ba Đình',
      provinceCode: '01',
    });
  });

  it('maps old units to new ones', () => {
    // Phường Trúc Bạch (old 00004) became part of Phường Ba Đình (00004).
    expect(newCommunesForOldCommune('00004').map((c) => c.fullName)).toEqual(['Phường Ba Đình']);
    // Hà Giang (02) merged into Tuyên Quang (08); Thành phố Hà Nội stayed.
    expect(newProvinceForOldProvince('02')?.name).toBe('Tuyên Quang');
    expect(newProvinceForOldProvince('01')?.name).toBe('Hà Nội');
    expect(newCommunesForOldCommune('99999')).toEqual([]);
  });

  it.each([
    ['ba dinh', 'Phường Ba Đình'],
    ['Phuong Ba Dinh', 'Phường Ba Đình'],
    ['BA ĐÌNH', 'Phường Ba Đình'],
    ['ha noi', 'Hà Nội'],
    ['ho chi minh', 'Hồ Chí Minh'],
  ])('finds %s', (query, name) => {
    const names = findUnits(query).map((m) =>
      'fullName' in m.unit && m.unit.level === 'commune' ? m.unit.fullName : m.unit.name,
    );
    expect(names[0]).toBe(name);
  });

  it('finds the new unit from an old commune name', () => {
    const match = findUnits('Truc Bach').find((m) => m.unit.generation === 'pre2025');
    expect(match?.unit).toMatchObject({ level: 'commune', name: 'Trúc Bạch' });
    expect(match?.current.map((c) => c.code)).toEqual(['00004']);
  });

  it('finds the new units from an old district name', () => {
    const match = findUnits('quan hoan kiem').find((m) => m.unit.level === 'district');
    expect(match?.unit).toMatchObject({ generation: 'pre2025', name: 'Hoàn Kiếm' });
    expect(match?.current.length).toBeGreaterThan(0);
    expect(match?.current.every((c) => 'provinceCode' in c && c.provinceCode === '01')).toBe(true);
  });

  it('filters by generation and province, and limits', () => {
    expect(findUnits('an', { generation: '2025', limit: 5 })).toHaveLength(5);
    expect(
      findUnits('an', { generation: '2025', provinceCode: '79' }).every((m) => m.unit.generation === '2025'),
    ).toBe(true);
    expect(
      findUnits('an', { provinceCode: '79', limit: 50 }).every(
        (m) =>
          m.current.length === 0 || m.current.some((c) => !('provinceCode' in c) || c.provinceCode === '79'),
      ),
    ).toBe(true);
    expect(findUnits('x')).toEqual([]);
  });
});
