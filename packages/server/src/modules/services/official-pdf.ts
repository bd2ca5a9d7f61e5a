import type { Language } from '@vssid/domain/i18n';
import { openPdf } from '../../adapters/pdf-fonts';
import type { Translator } from '../../i18n';

/**
 * A one-page official document of the online services (the receipt, the book notice): the
 * national heading and motto in the reader's language, the official title always in Vietnamese,
 * then labelled lines, then a note; the labels are `messages:services.<labels>.<key>`.
 */
export async function officialPdf(
  translator: Translator,
  language: Language,
  doc: { title: string; subject: string; labels: string; lines: [key: string, value: string][] },
): Promise<Buffer> {
  const t = (key: string) => translator.t(language, `messages:services.${doc.labels}.${key}`);
  const { pdf, done } = openPdf(language, {
    margin: 48,
    info: { Title: doc.title, Author: 'VssID', Subject: doc.subject },
  });
  const left = pdf.page.margins.left;
  const width = pdf.page.width - left - pdf.page.margins.right;
  pdf
    .font('bold')
    .fontSize(11)
    .text(translator.t(language, 'messages:registration.pdf.country'), left, 48, { width, align: 'center' });
  pdf
    .font('bold')
    .fontSize(10)
    .text(translator.t(language, 'messages:registration.pdf.motto'), { width, align: 'center' });
  pdf.moveDown(1.2);
  pdf.font('bold').fontSize(14).text(doc.title, { width, align: 'center' });
  pdf.moveDown(1);
  for (const [label, value] of doc.lines) {
    pdf
      .font('regular')
      .fontSize(11)
      .text(`${t(label)}: `, { continued: true })
      .font('bold')
      .text(value);
    pdf.moveDown(0.3);
  }
  pdf.moveDown(1);
  pdf.font('regular').fontSize(10).text(t('note'), { width });
  pdf.end();
  return done;
}
