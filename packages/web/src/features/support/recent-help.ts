import type { HelpArticle } from './api/help';

/**
 * The last-read help articles, kept on the device (localStorage) so that they open offline
 * (issue 25): the ten most recent, newest first. Nothing personal is kept: published articles only.
 */
const KEY = 'vssid.help.recent';
const MAX = 10;

export function recentHelp(): HelpArticle[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as HelpArticle[]).slice(0, MAX) : [];
  } catch {
    return [];
  }
}

export function rememberHelp(article: HelpArticle): HelpArticle[] {
  const list = [article, ...recentHelp().filter((a) => a.id !== article.id)].slice(0, MAX);
  try {
    localStorage.setItem(KEY, JSON.stringify(list));
  } catch {
    // A full or blocked storage: the article is still shown, only not kept.
  }
  return list;
}
