import { LANGUAGES, type Language } from '@vssid/domain/i18n';
import type { Audience, News, NewsDraft, ObjectGroup } from './api/inbox';

/**
 * The pure rules of the news editor: the form's state, the request it makes and back. No React,
 * no fetch: unit-tested in news-logic.test.ts.
 */

export interface NewsForm {
  texts: Record<Language, { title: string; body: string }>;
  /** Province codes as typed: "01, 46". */
  provinces: string;
  groups: ObjectGroup[];
  ageFrom: string;
  ageTo: string;
}

const blank = () => ({ title: '', body: '' });

export const EMPTY_NEWS: NewsForm = {
  texts: { vi: blank(), en: blank(), zh: blank(), ja: blank(), ko: blank() },
  provinces: '',
  groups: [],
  ageFrom: '',
  ageTo: '',
};

const age = (text: string): number | null => (text.trim() === '' ? null : Number(text.trim()));

/**
 * The request of a form: the languages written (Vietnamese always sent, so that a missing one is
 * the server's 400 naming it), the provinces split on commas and spaces.
 */
export function toDraft(form: NewsForm): NewsDraft {
  const content: NewsDraft['content'] = { vi: form.texts.vi };
  for (const lang of LANGUAGES)
    if (lang !== 'vi' && (form.texts[lang].title.trim() || form.texts[lang].body.trim()))
      content[lang] = form.texts[lang];
  const audience: Audience = {
    provinces: form.provinces
      .split(/[\s,;]+/)
      .map((p) => p.trim())
      .filter(Boolean),
    groups: form.groups,
    ageFrom: age(form.ageFrom),
    ageTo: age(form.ageTo),
  };
  return { content, audience };
}

/** The form of a saved article, to edit it. */
export function fromNews(news: News): NewsForm {
  const texts = { ...EMPTY_NEWS.texts };
  for (const lang of LANGUAGES) texts[lang] = news.content[lang] ?? blank();
  return {
    texts,
    provinces: news.audience.provinces.join(', '),
    groups: [...news.audience.groups],
    ageFrom: news.audience.ageFrom?.toString() ?? '',
    ageTo: news.audience.ageTo?.toString() ?? '',
  };
}

/** Progress of a fan-out in percent of the accounts looked at (0 before it starts). */
export function progressPercent(news: News): number {
  const f = news.fanOut;
  if (!f || f.total === 0) return 0;
  return Math.min(100, Math.round((f.scanned / f.total) * 100));
}
