import { describe, expect, it } from 'vitest';
import { EMPTY_NEWS, fromNews, progressPercent, toDraft } from './news-logic';

describe('the news editor', () => {
  it('sends Vietnamese always, other languages only when written, provinces split, ages as numbers', () => {
    const form = {
      ...EMPTY_NEWS,
      texts: {
        ...EMPTY_NEWS.texts,
        vi: { title: 'Tăng lương hưu', body: 'Từ 1/1/2027.' },
        en: { title: 'Pensions rise', body: 'From 1 January 2027.' },
      },
      provinces: '01, 46;79',
      groups: ['retirees' as const],
      ageFrom: '60',
      ageTo: '',
    };
    const draft = toDraft(form);
    expect(draft).toEqual({
      content: {
        vi: { title: 'Tăng lương hưu', body: 'Từ 1/1/2027.' },
        en: { title: 'Pensions rise', body: 'From 1 January 2027.' },
      },
      audience: { provinces: ['01', '46', '79'], groups: ['retirees'], ageFrom: 60, ageTo: null },
    });
    const back = fromNews({
      id: '1',
      status: 'draft',
      version: 1,
      content: {
        vi: { title: 'Tăng lương hưu', body: 'Từ 1/1/2027.' },
        en: { title: 'Pensions rise', body: 'From 1 January 2027.' },
      },
      audience: draft.audience,
      updatedAt: '2026-12-07T01:00:00Z',
      publishedAt: null,
      fanOut: null,
    });
    expect(back.provinces).toBe('01, 46, 79');
    expect(back.texts.ja).toEqual({ title: '', body: '' });
    expect(back.ageFrom).toBe('60');
  });

  it('shows the fan-out progress over the accounts looked at', () => {
    const news = {
      id: '1',
      status: 'published' as const,
      version: 2,
      content: { vi: { title: 't', body: 'b' } },
      audience: { provinces: [], groups: [], ageFrom: null, ageTo: null },
      updatedAt: '',
      publishedAt: '',
      fanOut: { status: 'running' as const, scanned: 250, sent: 40, total: 1000 },
    };
    expect(progressPercent(news)).toBe(25);
    expect(progressPercent({ ...news, fanOut: null })).toBe(0);
  });
});
