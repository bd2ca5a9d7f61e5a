import { describe, expect, it } from 'vitest';
import { initialLanguage } from './i18n';

describe('initialLanguage', () => {
  it.each([
    ['?lang=ja', 'en', ['ko'], 'ja'],
    ['?lang=xx', 'en', ['ko'], 'en'],
    ['', 'zh', ['ko'], 'zh'],
    ['', null, ['fr-FR', 'ko-KR'], 'ko'],
    ['', 'fr', ['de'], 'vi'],
    ['', null, [], 'vi'],
  ] as const)('query %s, stored %s, browser %j → %s', (search, stored, browser, expected) => {
    expect(initialLanguage(search, stored, browser)).toBe(expected);
  });
});
