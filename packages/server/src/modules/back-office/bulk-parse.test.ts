import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { BulkParseError, detectFormat, mapHeaders, parseBulkFile, parseCsv } from './bulk-parse';
import { csvField } from './stats-service';
import { compareFields } from './officer-service';

describe('parseCsv', () => {
  it('reads RFC 4180 quotes, doubled quotes, line breaks in fields, CRLF and a BOM', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\r\n"two\nlines",z\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['two\nlines', 'z'],
    ]);
  });
  it('takes semicolons when the header has more of them than commas, and skips blank lines', () => {
    expect(parseCsv('Mã số BHXH;Họ và tên\n\n0100000001;Lê Văn, Tám\n')).toEqual([
      ['Mã số BHXH', 'Họ và tên'],
      ['0100000001', 'Lê Văn, Tám'],
    ]);
  });
});

describe('mapHeaders', () => {
  it('recognises Vietnamese headers with or without tone marks and English ones', () => {
    expect(mapHeaders(['STT', 'Ma so BHXH', 'HỌ VÀ TÊN', 'sdt', 'E-mail'])).toEqual({
      bhxhCode: 1,
      fullName: 2,
      phone: 3,
      email: 4,
    });
    expect(mapHeaders(['bhxh_code', 'full_name', 'phone'])).toEqual({ bhxhCode: 0, fullName: 1, phone: 2 });
  });
  it('names the missing required columns', () => {
    try {
      mapHeaders(['Họ và tên']);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BulkParseError);
      expect((error as BulkParseError).detail).toEqual({ columns: 'bhxhCode, phone' });
    }
  });
});

describe('parseBulkFile', () => {
  it('numbers data rows from 2 and refuses lists over the limit', async () => {
    const csv = Buffer.from('bhxh_code,full_name,phone\n100000001,A B,912345678\n');
    expect(await parseBulkFile(csv, 'csv', 10)).toEqual([
      { rowNumber: 2, data: { bhxhCode: '0100000001', fullName: 'A B', phone: '0912345678', email: '' } },
    ]);
    await expect(parseBulkFile(csv, 'csv', 0)).rejects.toMatchObject({ kind: 'too_many_rows' });
  });
  it('reads the first worksheet of an XLSX', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('DS').addRows([
      ['Mã số BHXH', 'Họ và tên', 'Số điện thoại', 'Email'],
      ['0100000002', 'Trần Bình', '0912 345 002', { text: 'b@example.vn', hyperlink: 'mailto:b@example.vn' }],
    ]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(detectFormat(bytes, 'whatever.bin')).toBe('xlsx');
    const rows = await parseBulkFile(bytes, 'xlsx', 10);
    expect(rows[0]?.data).toEqual({
      bhxhCode: '0100000002',
      fullName: 'Trần Bình',
      phone: '0912 345 002',
      email: 'b@example.vn',
    });
  });
  it('refuses bytes that are not UTF-8 text', async () => {
    await expect(parseBulkFile(Buffer.from([0xff, 0xfe, 0x00, 0xd8]), 'csv', 10)).rejects.toMatchObject({
      kind: 'unreadable',
    });
    expect(detectFormat(Buffer.from('%PDF'), 'a.pdf')).toBeNull();
  });
});

describe('csvField', () => {
  it('quotes separators and quotes, and neutralises spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "x"')).toBe('"say ""x"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(-3)).toBe('-3');
  });
});

describe('compareFields', () => {
  const declared = {
    fullName: 'Nguyễn  Văn An',
    dateOfBirth: '1990-01-02',
    gender: 'male',
    idNumber: '001090000001',
    address: { line: '12 Phố Huế' },
  };
  it('flags a field that differs from the registry or the BHXH record, ignoring case and spaces', () => {
    const rows = compareFields(
      declared,
      {
        cccd: '001090000001',
        full_name: 'NGUYỄN VĂN AN',
        birth_date: '1990-01-03',
        birth_year: 1990,
        gender: 'male',
        address: '12 phố Huế, Hà Nội',
      },
      undefined,
    );
    expect(Object.fromEntries(rows.map((r) => [r.field, r.differs]))).toEqual({
      fullName: false,
      dateOfBirth: true,
      gender: false,
      idNumber: false,
      address: false,
    });
  });
  it('flags nothing it cannot compare', () => {
    expect(compareFields(declared, undefined, undefined).every((r) => !r.differs)).toBe(true);
  });
});
