import { formatVnDate, vietnamToday } from '@vssid/domain';
import type { Language } from '@vssid/domain/i18n';
import { officialPdf } from './official-pdf';
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
export function bookNoticePdf(translator: Translator, language: Language, doc: BookNotice): Promise<Buffer> {
  return officialPdf(translator, language, {
    title: BOOK_NOTICE_TITLE,
    subject: doc.requestNumber,
    labels: 'bookNotice',
    lines: [
      ['person', doc.personName],
      ['bookNumber', doc.bhxhCode],
      ['dateOfBirth', formatVnDate(doc.dateOfBirth)],
      ['agency', doc.agencyCode],
      ['reissuedOn', formatVnDate(vietnamToday(doc.decidedAt))],
      ['request', doc.requestNumber],
    ],
  });
}
