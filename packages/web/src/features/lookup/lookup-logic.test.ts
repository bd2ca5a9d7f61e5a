import { describe, expect, it } from 'vitest';
import { birthForApi, formatDistance, mapLinks, queryString, taxCodeOf } from './lookup-logic';

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
});
