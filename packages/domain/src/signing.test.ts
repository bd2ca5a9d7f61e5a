import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64url, canonicalJson, submissionChallenge } from './signing';

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order, drops undefined members, no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [3, { d: 'x', c: null }], e: undefined })).toBe(
      '{"a":[3,{"c":null,"d":"x"}],"b":1}',
    );
    expect(canonicalJson({ tên: 'Nguyễn Văn A', 'a\nb': true })).toBe('{"a\\nb":true,"tên":"Nguyễn Văn A"}');
  });

  it('refuses what JSON cannot carry rather than signing something else', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
    expect(() => canonicalJson(() => 1)).toThrow(TypeError);
  });

  it('is the same text for the same value whatever the order of its keys, and parses back', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        const reversed = JSON.parse(JSON.stringify(value), (_k, v: unknown) =>
          v && typeof v === 'object' && !Array.isArray(v)
            ? Object.fromEntries(Object.entries(v).reverse())
            : v,
        ) as unknown;
        expect(canonicalJson(reversed)).toBe(text);
      }),
    );
  });
});

describe('submissionChallenge', () => {
  it('is base64url(SHA-256(kind + LF + canonical JSON))', () => {
    const payload = { workers: [{ salary: 8_000_000, bhxhCode: '0100000001' }], unitCode: 'TS0001' };
    const expected = createHash('sha256')
      .update(`600\n{"unitCode":"TS0001","workers":[{"bhxhCode":"0100000001","salary":8000000}]}`)
      .digest('base64url');
    expect(submissionChallenge('600', payload)).toBe(expected);
    expect(submissionChallenge('600a', payload)).not.toBe(expected);
  });

  it('base64url matches the platform encoder for every length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70 }), (bytes) => {
        expect(base64url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
      }),
    );
  });
});
