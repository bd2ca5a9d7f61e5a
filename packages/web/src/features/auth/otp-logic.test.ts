import { describe, expect, it } from 'vitest';
import { formatCountdown, otpDigits, secondsUntil } from './otp-logic';

describe('countdowns and codes', () => {
  const now = Date.parse('2026-12-01T10:00:00.000Z');
  it('counts whole seconds left, never below zero', () => {
    expect(secondsUntil('2026-12-01T10:01:00.000Z', now)).toBe(60);
    expect(secondsUntil('2026-12-01T10:00:00.500Z', now)).toBe(1);
    expect(secondsUntil('2026-12-01T09:00:00.000Z', now)).toBe(0);
    expect(secondsUntil('not a date', now)).toBe(0);
  });
  it('formats m:ss', () => {
    expect(formatCountdown(75)).toBe('1:15');
    expect(formatCountdown(5)).toBe('0:05');
    expect(formatCountdown(0)).toBe('0:00');
  });
  it('keeps the digits of a typed or pasted code, full-width ones included', () => {
    expect(otpDigits('123 456')).toBe('123456');
    expect(otpDigits('１２３４５６')).toBe('123456');
    expect(otpDigits('12-34-56-78')).toBe('123456');
    expect(otpDigits('abc')).toBe('');
  });
});
