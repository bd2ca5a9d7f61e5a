import { describe, expect, it } from 'vitest';
import {
  DOSSIER_NUMBER_PATTERN,
  dossierWorkflow,
  Form01Schema,
  formatDossierNumber,
  paperFormDeadline,
} from './registration';

describe('dossier workflow', () => {
  it('goes submitted → paper received → approved, and refuses approval before the paper form', () => {
    expect(dossierWorkflow.foldStatus(['submit', 'record_paper', 'approve'])).toEqual({
      ok: true,
      status: 'approved',
    });
    const early = dossierWorkflow.apply('submitted', 'approve');
    expect(early.ok).toBe(false);
    if (!early.ok)
      expect(early.error.allowed).toEqual(['record_paper', 'reject', 'expire', 'withdraw', 'redirect']);
  });

  it('expires only while waiting for the paper form', () => {
    expect(dossierWorkflow.apply('submitted', 'expire')).toEqual({ ok: true, status: 'expired' });
    expect(dossierWorkflow.apply('paper_received', 'expire').ok).toBe(false);
    expect(dossierWorkflow.isFinal('expired')).toBe(true);
  });

  it('lets an open dossier be withdrawn (final) or redirected (same status), a closed one neither', () => {
    for (const open of ['draft', 'submitted', 'paper_received'] as const) {
      expect(dossierWorkflow.apply(open, 'withdraw')).toEqual({ ok: true, status: 'withdrawn' });
      expect(dossierWorkflow.apply(open, 'redirect')).toEqual({ ok: true, status: open });
    }
    for (const closed of ['approved', 'rejected', 'expired', 'withdrawn'] as const) {
      expect(dossierWorkflow.apply(closed, 'withdraw').ok).toBe(false);
      expect(dossierWorkflow.apply(closed, 'redirect').ok).toBe(false);
    }
    expect(dossierWorkflow.foldStatus(['submit', 'redirect', 'withdraw'])).toEqual({
      ok: true,
      status: 'withdrawn',
    });
  });
});

describe('dossier number and deadline', () => {
  it('formats a sequence per agency and year', () => {
    expect(formatDossierNumber(264, 2026, '0101')).toBe('00264.GD_2026_0101');
    expect(DOSSIER_NUMBER_PATTERN.test(formatDossierNumber(123456, 2026, '79'))).toBe(true);
  });
  it('gives 10 days for the paper form', () => {
    expect(paperFormDeadline(new Date('2026-12-01T08:00:00Z')).toISOString()).toBe(
      '2026-12-11T08:00:00.000Z',
    );
  });
});

describe('Form 01 schema', () => {
  const valid = {
    bhxhCode: '0123456789',
    fullName: 'Nguyễn Thị Hoà',
    idNumber: '001190012345',
    dateOfBirth: '1990-05-17',
    gender: 'female',
    address: { provinceCode: '01', communeCode: '00004', line: '12 phố Huế' },
    phone: '0912345678',
    agencyCode: '0101',
    delivery: 'counter',
    acceptTerms: true,
    commitment: true,
  };
  it('accepts a complete declaration', () => {
    expect(Form01Schema.safeParse(valid).success).toBe(true);
  });
  it('names the bad field', () => {
    const result = Form01Schema.safeParse({ ...valid, phone: '12345' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['phone']);
  });
  it('requires the commitment', () => {
    expect(Form01Schema.safeParse({ ...valid, commitment: false }).success).toBe(false);
  });
});
