import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { checkPdf } from './pdf-check';

/** A real PDF of `pages` pages (pdfkit, as the app's own PDFs). */
async function pdf(pages: number): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) =>
    doc.on('end', () => {
      resolve();
    }),
  );
  for (let i = 0; i < pages; i++) doc.addPage().text(`Trang ${i + 1}`);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

const raw = (body: string) => Buffer.from(`%PDF-1.7\n${body}\n%%EOF\n`, 'latin1');

describe('PDF attachments checked by content', () => {
  it('accepts a plain PDF and counts its pages', async () => {
    expect(checkPdf(await pdf(3))).toEqual({ ok: true, pages: 3 });
  });

  it('refuses what is not a PDF, and too many pages', async () => {
    expect(checkPdf(Buffer.from('GIF89a....'))).toEqual({ ok: false, code: 'not_pdf' });
    expect(checkPdf(Buffer.from('%PDF-1.7 no trailer'))).toEqual({ ok: false, code: 'not_pdf' });
    expect(checkPdf(await pdf(21))).toEqual({ ok: false, code: 'too_many_pages' });
    expect(checkPdf(raw('1 0 obj << /Type /Catalog >> endobj'))).toEqual({ ok: false, code: 'no_pages' });
  });

  it('refuses JavaScript and launch actions, also escaped in names or hidden in a compressed stream', () => {
    const page = '2 0 obj << /Type /Page >> endobj';
    expect(checkPdf(raw(`${page} 3 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj`))).toMatchObject({
      code: 'active_content',
    });
    expect(checkPdf(raw(`${page} 3 0 obj << /S /Launch /F (cmd.exe) >> endobj`))).toMatchObject({
      code: 'active_content',
    });
    expect(checkPdf(raw(`${page} 3 0 obj << /S /J#61vaScript >> endobj`))).toMatchObject({
      code: 'active_content',
    });
    const hidden = deflateSync(Buffer.from('<< /OpenAction << /S /JavaScript /JS (x) >> >>', 'latin1'));
    const body = Buffer.concat([
      Buffer.from(
        `%PDF-1.7\n${page}\n4 0 obj << /Type /ObjStm /Filter /FlateDecode /Length ${hidden.length} >>\nstream\n`,
        'latin1',
      ),
      hidden,
      Buffer.from('\nendstream\nendobj\n%%EOF\n', 'latin1'),
    ]);
    expect(checkPdf(body)).toMatchObject({ code: 'active_content' });
  });

  it('refuses a decompression bomb: streams that together inflate past the budget', () => {
    const page = '2 0 obj << /Type /Page >> endobj';
    const stream = (content: Buffer) => {
      const packed = deflateSync(content, { level: 9 });
      return Buffer.concat([
        Buffer.from(`4 0 obj << /Filter /FlateDecode /Length ${packed.length} >>\nstream\n`, 'latin1'),
        packed,
        Buffer.from('\nendstream\nendobj\n', 'latin1'),
      ]);
    };
    const file = (...streams: Buffer[]) =>
      Buffer.concat([Buffer.from(`%PDF-1.7\n${page}\n`, 'latin1'), ...streams, Buffer.from('%%EOF\n')]);
    // 64 MB of zeros packs into about 64 KB: one stream alone is over the budget.
    const zeros = Buffer.alloc(64 * 1024 * 1024);
    const bomb = file(stream(zeros));
    expect(bomb.length).toBeLessThan(200_000);
    expect(checkPdf(bomb)).toEqual({ ok: false, code: 'too_large' });
    // Two streams of 20 MB each: each under the budget, together over it.
    const twenty = Buffer.alloc(20 * 1024 * 1024);
    expect(checkPdf(file(stream(twenty), stream(twenty)))).toEqual({ ok: false, code: 'too_large' });
    // One of 20 MB alone is fine.
    expect(checkPdf(file(stream(twenty)))).toEqual({ ok: true, pages: 1 });
  });
});
