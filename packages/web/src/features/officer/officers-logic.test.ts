import { describe, expect, it } from 'vitest';
import { type ApiFieldError, NetworkError } from '../../shared/api';
import type { StaffMember } from './api/officers';
import {
  canChangeStatus,
  EMPTY_OFFICER,
  managesOfficers,
  nextStatus,
  officerFieldErrors,
  toNewOfficer,
} from './officers-logic';
import { apiProblem } from '../../shared/api-testing';

const problem = (status: number, code: string, errors?: ApiFieldError[]) =>
  apiProblem(status, code, errors ? { errors } : {});
const fieldError = (field: string, code: string): ApiFieldError => ({
  in: 'body',
  field,
  code,
  message: `Trường “${field}” không đúng định dạng.`,
});

const member = (over: Partial<StaffMember>): StaffMember => ({
  id: '7',
  username: 'can.bo',
  displayName: 'Lê Thị Cán Bộ',
  role: 'officer',
  status: 'active',
  phoneMasked: '09******01',
  createdAt: '2026-01-02T03:04:05.000Z',
  ...over,
});

describe('managesOfficers', () => {
  it('admits agency admins only', () => {
    expect(managesOfficers('agency_admin')).toBe(true);
    for (const role of ['officer', 'citizen', 'employer', 'clinic'] as const)
      expect(managesOfficers(role)).toBe(false);
    expect(managesOfficers(undefined)).toBe(false);
  });
});

describe('toNewOfficer', () => {
  it('trims, lower-cases the user name and leaves out an empty email', () => {
    expect(
      toNewOfficer({
        username: '  Nguyen.Van.An ',
        displayName: '  Nguyễn   Văn An ',
        phone: '0912345678',
        email: '   ',
      }),
    ).toEqual({ username: 'nguyen.van.an', displayName: 'Nguyễn Văn An', phone: '0912345678' });
  });
  it('gives a Vietnamese mobile in its national form', () => {
    expect(toNewOfficer({ ...EMPTY_OFFICER, phone: '+84 912 345 678' }).phone).toBe('0912345678');
    expect(toNewOfficer({ ...EMPTY_OFFICER, phone: '0912.345.678' }).phone).toBe('0912345678');
  });
  it('sends any other phone with only its separators dropped, for the server to judge', () => {
    expect(toNewOfficer({ ...EMPTY_OFFICER, phone: '030 123-4567' }).phone).toBe('0301234567');
    expect(toNewOfficer({ ...EMPTY_OFFICER, phone: '12ab' }).phone).toBe('12ab');
  });
  it('keeps a typed email, trimmed', () => {
    expect(toNewOfficer({ ...EMPTY_OFFICER, email: ' an@bhxh.gov.vn ' }).email).toBe('an@bhxh.gov.vn');
  });
});

describe('officerFieldErrors', () => {
  it('puts each invalid field of a 400 next to that field, with the screen’s own message', () => {
    const errors = officerFieldErrors(
      problem(400, 'validation', [
        fieldError('username', 'invalid_format'),
        fieldError('phone', 'invalid_format'),
        fieldError('phone', 'too_short'),
        fieldError('displayName', 'too_short'),
        fieldError('email', 'invalid_format'),
      ]),
    );
    expect(errors).toEqual({
      username: { key: 'officer.accounts.errors.username' },
      phone: { key: 'officer.accounts.errors.phone' },
      displayName: { key: 'officer.accounts.errors.displayName' },
      email: { key: 'officer.accounts.errors.email' },
    });
  });
  it('says a taken user name is taken (409), with or without the field error beside it', () => {
    const taken = { username: { key: 'officer.accounts.errors.usernameTaken' } };
    expect(
      officerFieldErrors(problem(409, 'username_taken', [fieldError('username', 'auth.username_taken')])),
    ).toEqual(taken);
    expect(officerFieldErrors(problem(409, 'username_taken'))).toEqual(taken);
  });
  it('leaves errors of other fields and non-field failures to the page', () => {
    expect(officerFieldErrors(problem(400, 'validation', [fieldError('role', 'unknown_field')]))).toEqual({});
    expect(officerFieldErrors(problem(403, 'forbidden'))).toEqual({});
    expect(officerFieldErrors(new NetworkError(new Error('offline')))).toEqual({});
  });
});

describe('status changes', () => {
  it('lets officers be disabled and enabled, never the agency’s admins', () => {
    expect(canChangeStatus(member({}))).toBe(true);
    expect(canChangeStatus(member({ status: 'disabled' }))).toBe(true);
    expect(canChangeStatus(member({ role: 'agency_admin' }))).toBe(false);
  });
  it('toggles between active and disabled', () => {
    expect(nextStatus('active')).toBe('disabled');
    expect(nextStatus('disabled')).toBe('active');
  });
});
