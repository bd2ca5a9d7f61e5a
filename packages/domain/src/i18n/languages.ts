/** The five languages of the system. Vietnamese is the default and the fallback. */
export const LANGUAGES = ['vi', 'en', 'zh', 'ja', 'ko'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'vi';

/** Each language's own name, shown in the language switcher. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  vi: 'Tiếng Việt',
  en: 'English',
  zh: '中文',
  ja: '日本語',
  ko: '한국어',
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * Picks the best supported language from an HTTP `Accept-Language` header
 * (RFC 9110 §12.5.4: comma-separated ranges with optional `;q=` weights).
 * `zh-CN`, `zh-Hant`, `en-US` … match their primary subtag. Falls back to Vietnamese.
 */
export function pickLanguage(header: string | null | undefined): Language {
  if (!header) return DEFAULT_LANGUAGE;
  let best: Language | null = null;
  let bestQ = 0;
  for (const part of header.split(',')) {
    const [rangeRaw, ...params] = part.trim().split(';');
    const range = (rangeRaw ?? '').trim().toLowerCase();
    if (!range) continue;
    let q = 1;
    for (const p of params) {
      const [k, v] = p.trim().split('=');
      if (k === 'q' && v !== undefined) {
        const n = Number(v);
        q = Number.isFinite(n) ? n : 0;
      }
    }
    if (q <= bestQ) continue;
    const primary = range.split('-')[0];
    if (isLanguage(primary)) {
      best = primary;
      bestQ = q;
    }
  }
  return best ?? DEFAULT_LANGUAGE;
}
