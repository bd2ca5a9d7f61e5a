import { inflateSync } from 'node:zlib';

/**
 * Checks a PDF attached to a request by its content (issue #23: "PDFs checked by content"), as
 * images are re-encoded: the `%PDF-` header and `%%EOF` trailer, a size limit, at least one and at
 * most `MAX_PAGES` pages, and no active content — JavaScript, launch or submit actions, embedded
 * files, XFA forms, rich media — looked for in the file and in its Flate-compressed streams
 * (object streams can hide dictionaries), with `#xx` escapes in names decoded. A PDF is kept as
 * sent (not rewritten); one that fails any check is refused with the check's code.
 */

export const PDF_LIMITS = {
  maxBytes: 2 * 1024 * 1024,
  maxPages: 20,
  maxStreams: 2000,
  /** What all the streams of one file may inflate to, together: a 2 MB file of zeros is gigabytes. */
  maxInflatedBytes: 32 * 1024 * 1024,
} as const;

type PdfProblem = 'not_pdf' | 'too_large' | 'no_pages' | 'too_many_pages' | 'active_content';
type PdfCheck = { ok: true; pages: number } | { ok: false; code: PdfProblem };

const ACTIVE = /\/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA|SubmitForm|ImportData|GoToE)\b/;
const PAGE = /\/Type\s*\/Page(?![a-zA-Z])/g;

export const isPdf = (bytes: Uint8Array): boolean =>
  bytes.length >= 5 && Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';

/** `/J#61vaScript` is `/JavaScript`: names with `#xx` escapes, decoded. */
const decodeNames = (text: string) =>
  text.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/**
 * The decompressed contents of the Flate streams (those that do not inflate are skipped), or
 * `null` when together they would pass `maxInflatedBytes` (a decompression bomb).
 */
function inflatedStreams(raw: Buffer): string[] | null {
  const out: string[] = [];
  const text = raw.toString('latin1');
  const re = /\/FlateDecode[\s\S]{0,200}?stream\r?\n/g;
  let budget = PDF_LIMITS.maxInflatedBytes;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && out.length < PDF_LIMITS.maxStreams) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    try {
      const inflated = inflateSync(raw.subarray(start, end), { maxOutputLength: Math.max(1, budget) });
      budget -= inflated.length;
      out.push(inflated.toString('latin1'));
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return null;
      // Not a complete zlib stream (or another filter first): its bytes were scanned as they are.
    }
    re.lastIndex = end;
  }
  return out;
}

export function checkPdf(bytes: Uint8Array): PdfCheck {
  if (!isPdf(bytes)) return { ok: false, code: 'not_pdf' };
  if (bytes.length > PDF_LIMITS.maxBytes) return { ok: false, code: 'too_large' };
  const raw = Buffer.from(bytes);
  if (
    !raw
      .subarray(Math.max(0, raw.length - 1024))
      .toString('latin1')
      .includes('%%EOF')
  )
    return { ok: false, code: 'not_pdf' };
  const streams = inflatedStreams(raw);
  if (!streams) return { ok: false, code: 'too_large' };
  const texts = [raw.toString('latin1'), ...streams].map(decodeNames);
  if (texts.some((t) => ACTIVE.test(t))) return { ok: false, code: 'active_content' };
  const pages = texts.reduce((n, t) => n + (t.match(PAGE)?.length ?? 0), 0);
  if (pages === 0) return { ok: false, code: 'no_pages' };
  if (pages > PDF_LIMITS.maxPages) return { ok: false, code: 'too_many_pages' };
  return { ok: true, pages };
}
