import { formatVnDate, vietnamToday } from '@vssid/domain';
import type { Language } from '@vssid/domain/i18n';
import { officialPdf } from './official-pdf';
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
export function receiptPdf(
  translator: Translator,
  language: Language,
  doc: ReceiptDocument,
): Promise<Buffer> {
  return officialPdf(translator, language, {
    title: RECEIPT_TITLE,
    subject: doc.number,
    labels: 'receipt',
    lines: [
      ['number', doc.number],
      ['service', doc.service],
      ['person', `${doc.personName} (${doc.bhxhCode})`],
      ['agency', doc.agencyCode],
      ['received', formatVnDate(vietnamToday(doc.submittedAt))],
      ['due', formatVnDate(doc.dueOn)],
    ],
  });
}
