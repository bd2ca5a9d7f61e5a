import { describe, expect, it } from 'vitest';
import { declarationForm, EMPTY_VALUES } from './declaration-form';

describe('declarationForm', () => {
  it('sends a new worker with a code, trimmed, the salary as a number, no empty clinic', () => {
    expect(
      declarationForm({
        ...EMPTY_VALUES,
        bhxhCode: ' 0100100001 ',
        salary: '8.000.000',
        position: ' Kế toán ',
        month: '2026-12',
      }),
    ).toEqual({
      type: 'declaration_600',
      bhxhCode: '0100100001',
      salary: 8_000_000,
      position: 'Kế toán',
      startMonth: '2026-12',
    });
  });

  it('sends the TK1-TS data instead of a code, and only what changes in an adjustment', () => {
    const tk1 = declarationForm({
      ...EMPTY_VALUES,
      noCode: true,
      fullName: 'Hoàng Thị Sáu',
      dateOfBirth: '1998-06-01',
      cccd: '001198001234',
      addressLine: '5 Kim Mã',
      provinceCode: '01',
      salary: '6000000',
      position: 'Nhân viên',
      month: '2026-12',
      clinicCode: '01c54',
    });
    expect(tk1).toMatchObject({ person: { cccd: '001198001234', gender: 'female' }, clinicCode: '01C54' });
    expect(tk1).not.toHaveProperty('bhxhCode');
    expect(
      declarationForm({
        ...EMPTY_VALUES,
        type: 'declaration_600b',
        bhxhCode: '0100100004',
        month: '2026-12',
        position: 'Trưởng nhóm',
      }),
    ).toEqual({
      type: 'declaration_600b',
      bhxhCode: '0100100004',
      fromMonth: '2026-12',
      position: 'Trưởng nhóm',
    });
  });
});
