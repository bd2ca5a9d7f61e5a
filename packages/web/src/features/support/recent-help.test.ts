import { beforeEach, describe, expect, it } from 'vitest';
import { recentHelp, rememberHelp } from './recent-help';

const article = (id: string) => ({
  id,
  kind: 'faq' as const,
  category: 'account' as const,
  title: `Câu hỏi ${id}`,
  body: 'Trả lời.',
  images: [],
  updatedAt: '2026-12-07T00:00:00Z',
});

describe('the last-read help articles', () => {
  beforeEach(() => {
    const store = new Map<string, string>();
    globalThis.localStorage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => store.set(k, v),
      removeItem: (k: string) => store.delete(k),
      clear: () => {
        store.clear();
      },
      key: () => null,
      length: 0,
    };
  });

  it('keeps the ten most recent, newest first, each once', () => {
    for (let i = 1; i <= 12; i++) rememberHelp(article(String(i)));
    rememberHelp(article('5'));
    const ids = recentHelp().map((a) => a.id);
    expect(ids).toEqual(['5', '12', '11', '10', '9', '8', '7', '6', '4', '3']);
  });

  it('reads nothing from broken storage', () => {
    localStorage.setItem('vssid.help.recent', '{not json');
    expect(recentHelp()).toEqual([]);
  });
});
