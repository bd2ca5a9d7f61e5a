import { formatVnDate, vietnamToday } from '@vssid/domain';
import type { Language } from '@vssid/domain/i18n';
import { openPdf } from '../../adapters/pdf-fonts';
import type { Translator } from '../../i18n';

/** The official title: always Vietnamese, whatever the reader's language. */
const BOOK_NOTICE_TITLE = 'THÔNG BÁO CẤP LẠI SỔ BẢO HIỂM XÃ HỘI ĐIỆN TỬ';

interface BookNotice {
  requestNumber: string;
  personName: string;
  bhxhCode: string;
  dateOfBirth: string;
  agencyCode: string;
  decidedAt: Date;
}

/**
 * The result of an approved BHXH book reissue (issue 23): the electronic book notice, which takes
 * the place of the paper book; the person, their BHXH code (the book's number), the agency and the
 * day of the reissue, labelled in the reader's language (`messages:services.bookNotice.*`).
 */
export async function bookNoticePdf(
  translator: Translator,
  language: Language,
  doc: BookNotice,
): Promise<Buffer> {
  const t = (key: string) => translator.t(language, `messages:services.bookNotice.${key}`);
  const { pdf, done } = openPdf(language, {
    margin: 48,
    info: { Title: BOOK_NOTICE_TITLE, Author: 'VssID', Subject: doc.requestNumber },
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
  pdf.font('bold').fontSize(14).text(BOOK_NOTICE_TITLE, { width, align: 'center' });
  pdf.moveDown(1);
  const line = (label: string, value: string) => {
    pdf.font('regular').fontSize(11).text(`${label}: `, { continued: true }).font('bold').text(value);
    pdf.moveDown(0.3);
  };
  line(t('person'), doc.personName);
  line(t('bookNumber'), doc.bhxhCode);
  line(t('dateOfBirth'), formatVnDate(doc.dateOfBirth));
  line(t('agency'), doc.agencyCode);
  line(t('reissuedOn'), formatVnDate(vietnamToday(doc.decidedAt)));
  line(t('request'), doc.requestNumber);
  pdf.moveDown(1);
  pdf.font('regular').fontSize(10).text(t('note'), { width });
  pdf.end();
  return done;
}
