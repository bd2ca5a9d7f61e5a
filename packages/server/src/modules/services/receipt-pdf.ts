import { formatVnDate, vietnamToday } from '@vssid/domain';
import type { Language } from '@vssid/domain/i18n';
import { openPdf } from '../../adapters/pdf-fonts';
import type { Translator } from '../../i18n';

/** The official title of the receipt: always Vietnamese, whatever the reader's language. */
const RECEIPT_TITLE = 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ';

interface ReceiptDocument {
  number: string;
  service: string;
  personName: string;
  bhxhCode: string;
  agencyCode: string;
  submittedAt: Date;
  dueOn: string;
}

/**
 * The receipt of a request (giấy tiếp nhận hồ sơ và hẹn trả kết quả): the request number, the
 * service, the person, the receiving agency, the day received and the estimated day of the
 * result, labelled in the reader's language (`messages:services.receipt.*`).
 */
export async function receiptPdf(
  translator: Translator,
  language: Language,
  doc: ReceiptDocument,
): Promise<Buffer> {
  const t = (key: string, params?: Record<string, unknown>) =>
    translator.t(language, `messages:services.receipt.${key}`, params);
  const { pdf, done } = openPdf(language, {
    margin: 48,
    info: { Title: RECEIPT_TITLE, Author: 'VssID', Subject: doc.number },
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
  pdf.font('bold').fontSize(14).text(RECEIPT_TITLE, { width, align: 'center' });
  pdf.moveDown(1);
  const line = (label: string, value: string) => {
    pdf.font('regular').fontSize(11).text(`${label}: `, { continued: true }).font('bold').text(value);
    pdf.moveDown(0.3);
  };
  line(t('number'), doc.number);
  line(t('service'), doc.service);
  line(t('person'), `${doc.personName} (${doc.bhxhCode})`);
  line(t('agency'), doc.agencyCode);
  line(t('received'), formatVnDate(vietnamToday(doc.submittedAt)));
  line(t('due'), formatVnDate(doc.dueOn));
  pdf.moveDown(1);
  pdf.font('regular').fontSize(10).text(t('note'), { width });
  pdf.end();
  return done;
}
