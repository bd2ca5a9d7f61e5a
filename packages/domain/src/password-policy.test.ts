import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, passwordReminderDue } from './password-policy';

const person = { bhxhCode: '0123456789', phone: '0912345678', dateOfBirth: '1990-05-17' };

describe('password policy', () => {
  it.each(['Hoa sen 2026!', 'trà đá vỉa hè', 'correct horse battery', 'Mk-7f3q9x'])(
    'accepts %s',
    (password) => {
      expect(checkPasswordPolicy(password, person)).toEqual({ ok: true, value: password });
    },
  );

  it.each([
    ['short1', 'password.too_short'],
    ['x'.repeat(129), 'password.too_long'],
    ['0123456789', 'password.contains_bhxh_code'],
    ['bhxh0123456789', 'password.contains_bhxh_code'],
    ['0912345678', 'password.contains_phone'],
    ['84912345678', 'password.contains_phone'],
    ['17051990', 'password.is_birth_date'],
    ['17/05/1990', 'password.is_birth_date'],
    ['1990-05-17', 'password.is_birth_date'],
    ['17051990a', 'password.is_birth_date'],
    ['12345678', 'password.common'],
    ['matkhau123', 'password.common'],
    ['Password', 'password.common'],
    ['aaaaaaaa', 'password.common'],
    ['abcdefghij', 'password.common'],
    ['98765432', 'password.common'],
  ])('refuses %s (%s)', (password, code) => {
    expect(checkPasswordPolicy(password, person)).toMatchObject({
      ok: false,
      error: { code, field: 'password' },
    });
  });

  it('counts characters as people see them, not UTF-16 units', () => {
    expect(checkPasswordPolicy('😀😀😀😀😀😀😀').ok).toBe(false);
    expect(checkPasswordPolicy('ắắắắắắắb').ok).toBe(true);
    expect(checkPasswordPolicy('a\u0306\u0301'.repeat(7)).ok).toBe(false);
  });

  it('never throws and always answers with a coded result', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.option(fc.string()),
        (password, phone) => {
          const r = checkPasswordPolicy(password, { phone, bhxhCode: '0123456789', dateOfBirth: '1990' });
          if (!r.ok) expect(r.error.code).toMatch(/^password\.[a-z_]+$/);
        },
      ),
    );
  });

  it('reminds after 180 days', () => {
    expect(passwordReminderDue('2026-01-01T00:00:00Z', '2026-06-29T23:59:59Z')).toBe(false);
    expect(passwordReminderDue('2026-01-01T00:00:00Z', '2026-06-30T00:00:00Z')).toBe(true);
  });
});

describe('password errors are translated', () => {
  it('has a message for every code in every language', async () => {
    const { LANGUAGES, resources } = await import('./i18n');
    const codes = [
      'too_short',
      'too_long',
      'contains_bhxh_code',
      'contains_phone',
      'is_birth_date',
      'common',
    ];
    for (const language of LANGUAGES) {
      const catalog = resources[language].errors.password;
      for (const code of codes)
        expect(typeof catalog === 'object' ? catalog[code] : undefined, `${language} ${code}`).toBeTruthy();
    }
  });
});
