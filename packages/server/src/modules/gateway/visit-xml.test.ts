import { describe, expect, it } from 'vitest';
import { decodeBase64, parseXml, readEnvelope } from './visit-xml';

describe('visit XML reading', () => {
  it('refuses DTDs and entity declarations without parsing them', () => {
    expect(parseXml('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', 'XML1')).toMatchObject({
      ok: false,
      error: { code: 'xml.dtd_refused' },
    });
    expect(parseXml('<a><b>1</b></a>', 'XML1')).toEqual({ ok: true, value: { a: { b: '1' } } });
  });

  it('leaves entity references as text (nothing is expanded)', () => {
    expect(parseXml('<a><b>&amp;lt;&#x41;</b></a>', 'XML1')).toEqual({
      ok: true,
      value: { a: { b: '&amp;lt;&#x41;' } },
    });
  });

  it('decodes strict base64 only', () => {
    expect(decodeBase64('aGVsbG8=')?.toString()).toBe('hello');
    expect(decodeBase64('not base64!')).toBeNull();
  });

  it('an envelope without HOSO is an error naming it', () => {
    expect(
      readEnvelope('<GIAMDINHHS><THONGTINHOSO><DANHSACHHOSO/></THONGTINHOSO></GIAMDINHHS>').errors,
    ).toEqual([expect.objectContaining({ field: 'HOSO', code: 'envelope.no_hoso' })]);
  });
});
