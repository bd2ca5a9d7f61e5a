import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Catalog, LANGUAGES, resources } from './index';

/** Every error code the domain can return, read from its sources (`err('code', …)` and `code: '…'`). */
function domainErrorCodes(): string[] {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const codes = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        const text = fs.readFileSync(full, 'utf8');
        for (const m of text.matchAll(/err(?:<[^>]*>)?\(\s*'([a-z_0-9]+\.[a-z_0-9]+)'/g))
          if (m[1]) codes.add(m[1]);
        for (const m of text.matchAll(/code: '([a-z_0-9]+\.[a-z_0-9]+)'/g)) if (m[1]) codes.add(m[1]);
      }
    }
  };
  walk(root);
  return [...codes].sort();
}

function lookup(catalog: Catalog, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (node, part) => (node && typeof node === 'object' ? (node as Catalog)[part] : undefined),
      catalog,
    );
}

describe('domain error codes', () => {
  const codes = domainErrorCodes();

  it('are found in the sources', () => {
    expect(codes.length).toBeGreaterThan(40);
    expect(codes).toContain('bhyt_qr.bad_hex');
  });

  it.each(LANGUAGES)('all have a message in %s', (language) => {
    const missing = codes.filter((code) => typeof lookup(resources[language].errors, code) !== 'string');
    expect(missing).toEqual([]);
  });
});
