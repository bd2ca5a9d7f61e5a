import { describe, expect, it } from 'vitest';
import type { Session } from './api';
import {
  landingAfterSignIn,
  probeOf,
  safeNext,
  signInPath,
  staffGroupOf,
  staffGroupOfPath,
} from './session-logic';
import { apiProblem } from '../../shared/api-testing';

function session(role: Session['account']['role'], mustChangePassword = false): Session {
  return {
    account: {
      id: 'a1',
      role,
      username: role === 'citizen' ? '0123456789' : 'staff.user',
      displayName: 'Nguyễn Văn A',
      bhxhCode: role === 'citizen' ? '0123456789' : null,
      agencyCode: null,
      unitCode: null,
      clinicCode: null,
      phoneMasked: '09******23',
      emailMasked: null,
    },
    mustChangePassword,
    passwordReminder: false,
    device: { id: 'd1', label: 'Chrome on Android', current: true },
    signedInAt: '2026-12-01T10:00:00.000Z',
  };
}

describe('safeNext', () => {
  it.each([
    ['/card', '/card'],
    ['/history?year=2020#top', '/history?year=2020#top'],
    ['/officer/dossiers/42', '/officer/dossiers/42'],
  ])('keeps the app path %s', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });

  it.each([
    [null],
    [''],
    ['card'],
    ['//evil.example/x'],
    ['/\\evil.example'],
    ['https://evil.example/'],
    ['javascript:alert(1)'],
    ['/\t/evil.example'],
    ['/sign-in'],
    ['/signed-out'],
    ['/new-password'],
    ['/forgot-password'],
  ])('refuses %s', (next) => {
    expect(safeNext(next, '/fallback')).toBe('/fallback');
  });

  it('normalises dot segments that would climb out of nothing', () => {
    expect(safeNext('/a/../card')).toBe('/card');
  });
});

describe('signInPath', () => {
  it('carries the page to come back to, encoded', () => {
    expect(signInPath('/card?x=1')).toBe('/sign-in?next=%2Fcard%3Fx%3D1');
    expect(signInPath('/')).toBe('/sign-in');
  });
});

describe('staff groups', () => {
  it('maps roles to their back office', () => {
    expect(staffGroupOf('citizen')).toBeNull();
    expect(staffGroupOf('officer')).toBe('officer');
    expect(staffGroupOf('agency_admin')).toBe('officer');
    expect(staffGroupOf('employer')).toBe('employer');
    expect(staffGroupOf('clinic')).toBe('clinic');
  });
  it('finds the back office of a path, not of a look-alike', () => {
    expect(staffGroupOfPath('/officer')).toBe('officer');
    expect(staffGroupOfPath('/clinic/visits')).toBe('clinic');
    expect(staffGroupOfPath('/officers')).toBeNull();
    expect(staffGroupOfPath('/card')).toBeNull();
  });
});

describe('landingAfterSignIn', () => {
  it('takes a citizen to next, or home', () => {
    expect(landingAfterSignIn(session('citizen'), '/card')).toBe('/card');
    expect(landingAfterSignIn(session('citizen'), null)).toBe('/');
  });
  it('never takes anyone into a back office that is not theirs', () => {
    expect(landingAfterSignIn(session('citizen'), '/officer')).toBe('/');
    expect(landingAfterSignIn(session('employer'), '/clinic')).toBe('/employer');
  });
  it('takes staff to their back office', () => {
    expect(landingAfterSignIn(session('officer'), '/officer/dossiers')).toBe('/officer/dossiers');
    expect(landingAfterSignIn(session('agency_admin'), null)).toBe('/officer');
    expect(landingAfterSignIn(session('clinic'), '/card')).toBe('/clinic');
  });
  it('goes through the forced password change first, keeping the destination', () => {
    expect(landingAfterSignIn(session('citizen', true), '/card')).toBe('/new-password?next=%2Fcard');
  });
});

describe('probeOf', () => {
  it('reads session_ended with its reason', () => {
    expect(probeOf(apiProblem(401, 'session_ended', { reason: 'replaced_by_new_device' }))).toEqual({
      kind: 'ended',
      reason: 'replaced_by_new_device',
    });
    expect(probeOf(apiProblem(401, 'session_ended', { reason: 'something_new' }))).toEqual({
      kind: 'ended',
      reason: 'expired',
    });
  });
  it('tells a failed refresh, anonymity and other failures apart', () => {
    expect(probeOf(apiProblem(401, 'token_expired'))).toEqual({ kind: 'refresh_failed' });
    expect(probeOf(apiProblem(401, 'unauthenticated'))).toEqual({ kind: 'anonymous' });
    expect(probeOf(apiProblem(503, 'unavailable'))).toEqual({ kind: 'other' });
    expect(probeOf(new Error('boom'))).toEqual({ kind: 'other' });
  });
});
