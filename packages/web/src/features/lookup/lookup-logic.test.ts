import { describe, expect, it } from 'vitest';
import { birthForApi, formatDistance, mapLinks, placeGroups, queryString, taxCodeOf } from './lookup-logic';
import type { LookupPlace } from '@vssid/domain/api/lookup';

describe('look-up screen helpers', () => {
  it('reads the date of birth as people type it', () => {
    expect(birthForApi('12/05/1990')).toBe('1990-05-12');
    expect(birthForApi(' 1990 ')).toBe('1990');
    expect(birthForApi('12051990')).toBe('1990-05-12');
    expect(birthForApi('1990-05-12')).toBe('1990-05-12');
    expect(birthForApi('31/02/1990')).toBeNull();
    expect(birthForApi('hôm qua')).toBeNull();
  });

  it('tells a tax code from a name', () => {
    expect(taxCodeOf('0101234567')).toBe('0101234567');
    expect(taxCodeOf('0101234567-001')).toBe('0101234567001');
    expect(taxCodeOf('Minh Phát')).toBeNull();
    expect(taxCodeOf('12345')).toBeNull();
  });

  it('links a position to OpenStreetMap and to a maps app', () => {
    expect(mapLinks(21.028, 105.852, 'BHXH Hoàn Kiếm')).toEqual({
      web: 'https://www.openstreetmap.org/?mlat=21.028000&mlon=105.852000#map=17/21.028000/105.852000',
      geo: 'geo:21.028000,105.852000?q=21.028000,105.852000(BHXH%20Ho%C3%A0n%20Ki%E1%BA%BFm)',
    });
  });

  it('leaves empty values out of the query string', () => {
    expect(queryString({ province: '01', commune: '', q: undefined, sickLeave: false, page: 2 })).toBe(
      '?province=01&page=2',
    );
    expect(queryString({})).toBe('');
  });

  it('writes distances in metres under a kilometre', () => {
    expect(formatDistance(0.25, 'vi')).toBe('250 m');
    expect(formatDistance(3.456, 'en')).toBe('3.5 km');
    expect(formatDistance(3.456, 'vi')).toBe('3,5 km');
  });

  it('gathers the 2025 units found through one old unit under it, with its kind and province', () => {
    const haDong = { name: 'Quận Hà Đông', address: 'Quận Hà Đông, Thành phố Hà Nội' };
    const place = (code: string, name: string, extra: Partial<LookupPlace>): LookupPlace => ({
      code,
      level: 'commune',
      kind: 'commune',
      name,
      provinceCode: '01',
      provinceName: 'Hà Nội',
      matchedOld: null,
      ...extra,
    });
    expect(
      placeGroups([
        place('10105', 'Hà Đông', { kind: 'oldDistrict', matchedOld: haDong }),
        place('09556', 'Tây Mỗ', { kind: 'oldDistrict', matchedOld: haDong }),
      ]),
    ).toEqual([
      { name: 'Quận Hà Đông', kind: 'oldDistrict', provinceNames: ['Hà Nội'], units: ['Hà Đông', 'Tây Mỗ'] },
    ]);
    expect(
      placeGroups([
        place('79', 'Hồ Chí Minh', {
          level: 'province',
          kind: 'oldProvince',
          provinceCode: '79',
          provinceName: 'Hồ Chí Minh',
          matchedOld: { name: 'Tỉnh Bình Dương', address: 'Tỉnh Bình Dương' },
        }),
      ]),
    ).toEqual([{ name: 'Tỉnh Bình Dương', kind: 'oldProvince', provinceNames: ['Hồ Chí Minh'], units: [] }]);
    expect(placeGroups([place('23581', 'Bình Dương', { provinceName: 'Gia Lai' })])).toEqual([
      { name: 'Bình Dương', kind: 'commune', provinceNames: ['Gia Lai'], units: [] },
    ]);
    // Sông Bé, split in 1997, is now in two provinces.
    const songBe = { name: 'Tỉnh Sông Bé', address: 'Tỉnh Sông Bé' };
    const province = (code: string, name: string): LookupPlace =>
      place(code, name, {
        level: 'province',
        kind: 'oldProvince',
        provinceCode: code,
        provinceName: name,
        matchedOld: songBe,
      });
    expect(placeGroups([province('75', 'Đồng Nai'), province('79', 'Hồ Chí Minh')])).toEqual([
      { name: 'Tỉnh Sông Bé', kind: 'oldProvince', provinceNames: ['Đồng Nai', 'Hồ Chí Minh'], units: [] },
    ]);
    expect(placeGroups([])).toEqual([]);
  });
});
