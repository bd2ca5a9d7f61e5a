import { describe, expect, it } from 'vitest';
import { chooseLanguage, documentTitle } from './language';

describe('chooseLanguage', () => {
  it.each([
    // query, stored, browser languages → shown
    ['?lang=ja', 'en', ['ko'], 'ja'],
    ['lang=zh', null, [], 'zh'],
    ['?x=1&lang=ko', 'en', ['ja'], 'ko'],
    ['?lang=xx', 'en', ['ko'], 'en'],
    ['?lang=JA', null, ['ko'], 'ko'],
    ['', 'zh', ['ko'], 'zh'],
    ['', 'klingon', ['ja-JP'], 'ja'],
    ['', null, ['fr-FR', 'ko-KR', 'en'], 'ko'],
    ['', null, ['zh-Hant-TW'], 'zh'],
    ['', null, ['en-US', 'vi'], 'en'],
    ['', 'fr', ['de'], 'vi'],
    ['', null, [], 'vi'],
    ['', null, ['ja;q=0', 'fr'], 'vi'],
  ] as const)('query %j, stored %j, browser %j → %s', (search, stored, browser, expected) => {
    expect(chooseLanguage({ search, stored, browser })).toBe(expected);
  });
});

describe('documentTitle', () => {
  const app = { name: 'VssID – Bảo hiểm xã hội số', shortName: 'VssID' };
  it('names the page, then the app', () => {
    expect(documentTitle('Thẻ BHYT', app)).toBe('Thẻ BHYT – VssID');
  });
  it('is the full app name without a page title', () => {
    expect(documentTitle(undefined, app)).toBe(app.name);
    expect(documentTitle('  ', app)).toBe(app.name);
  });
});
