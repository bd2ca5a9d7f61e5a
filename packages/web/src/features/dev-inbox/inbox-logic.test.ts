import { describe, expect, it } from 'vitest';
import type { InboxMessage } from '@vssid/domain/api/dev-inbox';
import { messageSubject, messageText, newestFirst, splitCodes } from './inbox-logic';

const message = (id: string, createdAt: string, payload: Record<string, unknown>): InboxMessage => ({
  id,
  channel: 'sms',
  recipient: '0912345623',
  template: 'auth.otp',
  language: 'vi',
  payload,
  createdAt,
  deliveredAt: null,
});

describe('the development inbox', () => {
  it('cuts OTPs out of the text, but not BHXH codes or phone numbers', () => {
    expect(splitCodes('Mã OTP của bạn là 482913. Mã số BHXH 0123456789, gọi 0912345623.')).toEqual([
      { text: 'Mã OTP của bạn là ', code: false },
      { text: '482913', code: true },
      { text: '. Mã số BHXH 0123456789, gọi 0912345623.', code: false },
    ]);
    expect(splitCodes('no code')).toEqual([{ text: 'no code', code: false }]);
    expect(splitCodes('1234')).toEqual([{ text: '1234', code: true }]);
  });

  it('reads the text and subject of a payload, or shows its JSON', () => {
    expect(messageText(message('1', '2026-12-01T10:00:00Z', { text: 'xin chào' }))).toBe('xin chào');
    expect(messageText(message('1', '2026-12-01T10:00:00Z', { n: 1 }))).toContain('"n": 1');
    expect(messageSubject(message('1', '2026-12-01T10:00:00Z', { subject: 'Mật khẩu' }))).toBe('Mật khẩu');
    expect(messageSubject(message('1', '2026-12-01T10:00:00Z', {}))).toBeNull();
  });

  it('puts the newest first', () => {
    const sorted = newestFirst([
      message('old', '2026-12-01T10:00:00Z', {}),
      message('new', '2026-12-01T10:05:00Z', {}),
      message('mid', '2026-12-01T10:02:00Z', {}),
    ]);
    expect(sorted.map((m) => m.id)).toEqual(['new', 'mid', 'old']);
  });
});
