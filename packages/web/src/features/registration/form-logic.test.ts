import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { encodeBhytQr } from '@vssid/domain';
import {
  EMPTY_DRAFT,
  readBhytQr,
  readCccdQr,
  type SelfDraft,
  submissionProblem,
  validateChild,
  validateSelf,
} from './form-logic';
import { ApiError, NetworkError } from '../../shared/api';

const good: SelfDraft = {
  ...EMPTY_DRAFT,
  acceptTerms: true,
  bhxhCode: '0100055501',
  fullName: 'Nguyễn Thị Hồng Nhung',
  idNumber: '001190012345',
  dateOfBirth: '1990-05-17',
  gender: 'female',
  provinceCode: '01',
  communeCode: '00004',
  line: '12 phố Lý Thường Kiệt',
  phone: '0912 000 111',
  agencyCode: '0101',
  delivery: 'counter',
  commitment: true,
};
const photos = { portrait: 1, id_front: 1, id_back: 1 };

describe('the registration form', () => {
  it('accepts a complete draft with the domain schema (phone spaces removed)', () => {
    expect(validateSelf(good, photos)).toEqual({});
  });

  it('names each bad field with its own message key', () => {
    const errors = validateSelf(
      {
        ...good,
        bhxhCode: '123',
        phone: '12345',
        communeCode: '',
        acceptTerms: false,
        emailDeclaration: true,
      },
      { portrait: 1 },
    );
    expect(errors).toEqual({
      bhxhCode: 'registration.errors.bhxhCode',
      phone: 'registration.errors.phone',
      'address.communeCode': 'registration.errors.address.communeCode',
      acceptTerms: 'registration.errors.acceptTerms',
      email: 'registration.errors.emailRequired',
      'photos.id_front': 'registration.errors.photo',
      'photos.id_back': 'registration.errors.photo',
    });
    expect(
      validateChild(
        {
          childBhxhCode: 'x',
          childFullName: 'Lê Minh Khôi',
          agencyCode: '0101',
          delivery: '',
          commitment: true,
        },
        {},
      ),
    ).toEqual({
      childBhxhCode: 'childRegistration.errors.childBhxhCode',
      delivery: 'childRegistration.errors.delivery',
      'photos.portrait': 'registration.errors.photo',
      'photos.birth_certificate': 'registration.errors.photo',
    });
  });

  /** A BHYT card QR as the card prints it, with this number and name. */
  const bhytQr = (cardNumber: string, fullName: string) =>
    encodeBhytQr({
      cardNumber,
      fullName,
      dateOfBirth: '1990-05-17',
      gender: 'female',
      address: null,
      registeredClinicCode: '01C54',
      validFrom: '2026-01-01',
      validTo: null,
      issuedOn: null,
      managementCode: null,
      guardianName: null,
      fiveYearDate: null,
      issuingPlace: null,
    });

  it('fills the code and name from a BHYT QR, and identity fields from a CCCD QR', () => {
    const qr = bhytQr('DN4010100055501', 'Nguyễn Thị Hồng Nhung');
    expect(readBhytQr(qr)).toEqual({
      bhxhCode: '0100055501',
      fullName: 'Nguyễn Thị Hồng Nhung',
      repaired: false,
    });
    expect(readBhytQr('not a card')).toBeNull();
    expect(readCccdQr('001190012345||Nguyễn Thị Hồng Nhung|17051990|Nữ|Hà Nội|01012021')).toMatchObject({
      idNumber: '001190012345',
      dateOfBirth: '1990-05-17',
      gender: 'female',
    });
    expect(readCccdQr('nonsense')).toBeNull();
  });

  it('repairs a garbled (mojibake) name from a QR and says so', () => {
    const garbled = new TextDecoder('windows-1252').decode(new TextEncoder().encode('Nguyễn Thị Hồng Nhung'));
    expect(readCccdQr(`001190012345||${garbled}|17051990|Nữ|Hà Nội|01012021`)).toMatchObject({
      fullName: 'Nguyễn Thị Hồng Nhung',
      warnings: [{ code: 'text.mojibake_repaired', field: 'fullName' }],
    });
    expect(readBhytQr(bhytQr('0100055501', garbled))).toEqual({
      bhxhCode: '0100055501',
      fullName: 'Nguyễn Thị Hồng Nhung',
      repaired: true,
    });
  });
});

describe('the problem of a refused submission', () => {
  const t = ((key: string) => `[${key}]`) as unknown as TFunction;
  it('says the network failed, gives the server’s title, or the unexpected', () => {
    expect(submissionProblem(t, new NetworkError(new TypeError('fetch failed')))).toBe(
      '[registration.errors.network]',
    );
    const refused = new ApiError({
      type: 'about:blank',
      title: 'Hồ sơ đã tồn tại',
      status: 409,
      code: 'duplicate',
    });
    expect(submissionProblem(t, refused)).toBe('Hồ sơ đã tồn tại');
    expect(submissionProblem(t, new Error('boom'))).toBe('[registration.errors.unexpected]');
  });
});
