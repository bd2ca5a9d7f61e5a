/**
 * The search key of a name, exactly as the SQL function `lookup_key` of migration 0004 computes
 * it (tone marks and other combining marks removed after NFD, đ → d, ASCII lower case,
 * apostrophes dropped, other runs of non-alphanumerics one space, trimmed): the directory
 * searches compare the words of the query with the words of stored names through a GIN index on
 * `lookup_words(name)`. `lookup-code.int.test.ts` checks both agree on both engines.
 */
export function lookupKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[đĐ]/g, 'd')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[A-Z]+/g, (s) => s.toLowerCase())
    .replace(/['’‘`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The words of the key (none for an empty key), as `lookup_words` gives them. */
export function lookupWords(text: string): string[] {
  const key = lookupKey(text);
  return key === '' ? [] : [...new Set(key.split(' '))];
}
