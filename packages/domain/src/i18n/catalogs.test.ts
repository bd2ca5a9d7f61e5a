import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_PURPOSES } from '../audit-codes';
import { LANGUAGES, NAMESPACES, pickLanguage } from './index';

// Tests may read files; the catalogs themselves are imported statically by the product.
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'locales');
type Tree = { [k: string]: string | Tree };
const load = (lang: string, ns: string) =>
  JSON.parse(fs.readFileSync(path.join(dir, lang, `${ns}.json`), 'utf8')) as Tree;

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'object') for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
    else out.set(key, v);
  }
  return out;
}
const variables = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();
/** Words that stay the same in every language (names, acronyms, codes). */
const SAME_EVERYWHERE =
  /^(VssID|BHXH|BHYT|BHTN|BHTNLĐ-BNN|VNeID|CCCD|OTP|PDF|QR|FHIR|API|KCB|OK|Email|E-mail|\W|\d|\s)+$/u;

describe.each(NAMESPACES)('catalog %s', (ns) => {
  const en = flatten(load('en', ns));
  const union = new Set<string>();
  for (const lang of LANGUAGES) for (const k of flatten(load(lang, ns)).keys()) union.add(k);

  it.each(LANGUAGES)('%s has every key, each a non-empty string', (lang) => {
    const flat = flatten(load(lang, ns));
    const missing = [...union].filter((k) => !flat.has(k));
    expect(missing, `missing in ${lang}/${ns}.json`).toEqual([]);
    const empty = [...flat].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k);
    expect(empty, `empty in ${lang}/${ns}.json`).toEqual([]);
  });

  it.each(LANGUAGES)('%s uses the same interpolation variables as English', (lang) => {
    const flat = flatten(load(lang, ns));
    const differ = [...en].filter(
      ([k, v]) => JSON.stringify(variables(v)) !== JSON.stringify(variables(flat.get(k) ?? '')),
    );
    expect(differ.map(([k]) => k)).toEqual([]);
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s is translated, not English left in place', (lang) => {
    const flat = flatten(load(lang, ns));
    const untranslated = [...en]
      .filter(([k, v]) => flat.get(k) === v && !SAME_EVERYWHERE.test(v) && /[a-z]{3}/i.test(v))
      .map(([k]) => k);
    // Proper names such as the app's short name are allowed to match.
    expect(untranslated.filter((k) => !/^(appShortName)$/.test(k))).toEqual([]);
  });
});

describe('"who viewed my data" speaks every audit code', () => {
  // The lists the audit writer's types are made of: a new code without its words fails here.
  it.each(LANGUAGES)('%s translates every action and purpose the audit log can hold', (lang) => {
    const web = flatten(load(lang, 'web'));
    const missing = [
      ...AUDIT_ACTIONS.map((code) => `dataAccess.actions.${code}`),
      ...AUDIT_PURPOSES.map((code) => `dataAccess.purposes.${code}`),
    ].filter((key) => !web.get(key)?.trim());
    expect(missing).toEqual([]);
  });
});

describe('one spelling of each Vietnamese word', () => {
  it.each(NAMESPACES)(
    'vi/%s puts the tone mark as the agency does ("hủy", "khóa", not "huỷ", "khoá")',
    (ns) => {
      // The agency's documents (shared/seeds) mark open oa/oe/uy syllables on the first vowel:
      // hủy, khóa, hóa, tùy, ủy. The other placement is as correct but mixing both reads as sloppy.
      const otherPlacement = /(?<!\p{L})\p{L}*?(o[áàảãạ]|o[éèẻẽẹ]|(?<!q)u[ýỳỷỹỵ])(?!\p{L})/giu;
      const found = [...flatten(load('vi', ns))].flatMap(([k, v]) =>
        [...v.matchAll(otherPlacement)].map((m) => `${k}: ${m[0]}`),
      );
      expect(found).toEqual([]);
    },
  );
});

describe('passwords are never emailed', () => {
  it.each(LANGUAGES)('%s: only the SMS of an issued account carries {{password}}', (lang) => {
    // Every message a template can send is in the messages catalog; an email text or subject that
    // took the password (or any new message with it) would show up here.
    const withPassword = [...flatten(load(lang, 'messages'))]
      .filter(([, v]) => variables(v).includes('password'))
      .map(([k]) => k);
    expect(withPassword).toEqual(['auth.issuedPassword']);
  });
});

describe('pickLanguage', () => {
  it.each([
    [undefined, 'vi'],
    ['', 'vi'],
    ['en', 'en'],
    ['en-US,en;q=0.9,vi;q=0.8', 'en'],
    ['fr-FR, ja;q=0.7, ko;q=0.8', 'ko'],
    ['zh-Hant-TW', 'zh'],
    ['de', 'vi'],
    ['ja;q=0, en;q=0.1', 'en'],
    ['*', 'vi'],
    [';;;,,,q=', 'vi'],
  ])('%s → %s', (header, expected) => {
    expect(pickLanguage(header)).toBe(expected);
  });
});
