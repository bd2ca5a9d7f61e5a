import QRCode from 'qrcode';
import { findCommune2025, findProvince2025, formatDate, vietnamWallClock } from '@vssid/domain';
import type { Language } from '@vssid/domain/i18n';
import type { Translator } from '../../i18n';
import { openPdf } from '../../adapters/pdf-fonts';

/** The official title of Form 01: always Vietnamese, whatever the reader's language. */
export const FORM01_TITLE =
  'TỜ KHAI ĐĂNG KÝ SỬ DỤNG, ĐIỀU CHỈNH THÔNG TIN VÀ NGỪNG SỬ DỤNG PHƯƠNG THỨC GIAO DỊCH ĐIỆN TỬ TRONG LĨNH VỰC BẢO HIỂM XÃ HỘI';

/** What the Form 01 PDF shows: the declared fields (self or child), the agency and the dossier. */
export interface Form01Document {
  number: string;
  kind: 'self' | 'child' | 'bulk';
  submittedAt: Date;
  deadlineAt: Date;
  delivery: 'counter' | 'post';
  agency: { name: string; address: string };
  person: {
    fullName: string;
    bhxhCode: string;
    idNumber: string | null;
    dateOfBirth: string | null;
    gender: 'male' | 'female' | null;
    address: { provinceCode: string; communeCode: string; line: string } | null;
    phone: string | null;
    email: string | null;
  };
  /** A child's dossier: the guardian who filed it. */
  guardian: { fullName: string; bhxhCode: string; phone: string | null } | null;
}

/**
 * Renders Form 01 as an A4 PDF: header, the official Vietnamese title, the addressed agency with
 * its address, every declared field, the submission method, the dates, the commitment, a
 * signature area and a QR of the dossier number. Labels come from `messages:registration.pdf.*`.
 * The labels are in the reader's language, set in that language's typeface (pdf-fonts.ts); the
 * official title stays Vietnamese.
 */
export async function form01Pdf(
  translator: Translator,
  language: Language,
  doc: Form01Document,
): Promise<Buffer> {
  const t = (key: string, params?: Record<string, unknown>) =>
    translator.t(language, `messages:registration.pdf.${key}`, params);
  const { pdf, done } = openPdf(language, {
    margin: 48,
    info: { Title: FORM01_TITLE, Author: t('author'), Subject: doc.number },
  });
  const left = pdf.page.margins.left;
  const width = pdf.page.width - left - pdf.page.margins.right;

  pdf.font('regular').fontSize(9).text(t('formCode'), left, 48, { width, align: 'right' });
  pdf.font('bold').fontSize(11).text(t('country'), left, 64, { width, align: 'center' });
  pdf.font('bold').fontSize(10).text(t('motto'), { width, align: 'center' });
  pdf.moveDown(1);
  pdf.font('bold').fontSize(12).text(FORM01_TITLE, { width, align: 'center' });
  pdf.moveDown(0.8);
  pdf.font('regular').fontSize(10.5);
  pdf.text(t('to', { agency: doc.agency.name }), { width });
  pdf.text(t('agencyAddress', { address: doc.agency.address }), { width });
  pdf.font('bold').text(t('number', { number: doc.number }), { width });
  pdf.moveDown(0.6);

  const line = (label: string, value: string | null) => {
    pdf.font('regular').text(`${label}: `, { continued: true, width });
    pdf.font('bold').text(value && value.length ? value : t('none'), { width });
  };
  const p = doc.person;
  pdf.font('bold').text(doc.kind === 'child' ? t('childSection') : t('section'), { width });
  pdf.moveDown(0.2);
  line(t('fullName'), p.fullName);
  line(t('bhxhCode'), p.bhxhCode);
  if (doc.kind !== 'child' || p.idNumber) line(t('idNumber'), p.idNumber);
  line(t('dateOfBirth'), p.dateOfBirth ? formatDate(p.dateOfBirth, language) : null);
  line(t('gender'), p.gender ? t(p.gender) : null);
  if (p.address) line(t('address'), formatAddress(p.address, language));
  if (doc.kind !== 'child') {
    line(t('phone'), p.phone);
    line(t('email'), p.email);
  }
  if (doc.guardian) {
    pdf.moveDown(0.5);
    pdf.font('bold').text(t('guardianSection'), { width });
    pdf.moveDown(0.2);
    line(t('fullName'), doc.guardian.fullName);
    line(t('bhxhCode'), doc.guardian.bhxhCode);
    line(t('phone'), doc.guardian.phone);
  }
  pdf.moveDown(0.6);
  pdf.font('regular').text(t('request'), { width });
  line(t('delivery'), doc.delivery === 'counter' ? t('deliveryCounter') : t('deliveryPost'));
  pdf.font('regular').text(t('submittedOn', { date: formatDate(doc.submittedAt, language) }), { width });
  pdf.text(t('deadline', { date: formatDate(doc.deadlineAt, language) }), { width });
  pdf.moveDown(0.6);
  pdf.font('regular').fontSize(10).text(t('commitment'), { width, align: 'justify' });
  pdf.moveDown(1);

  // Signature area (right) and the QR of the dossier number (left), side by side.
  // The block is 160 pt tall: on a new page when it would not fit under the text.
  if (pdf.y > pdf.page.height - pdf.page.margins.bottom - 160) pdf.addPage();
  const top = pdf.y;
  const signed = vietnamWallClock(doc.submittedAt);
  drawQr(pdf, doc.number, left, top, 96);
  pdf
    .font('regular')
    .fontSize(8)
    .text(t('qrCaption'), left, top + 100, { width: 96, align: 'center' });
  const sigX = left + width / 2;
  const sigW = width / 2;
  pdf
    .font('regular')
    .fontSize(10)
    .text(
      t('place', {
        day: String(signed.day).padStart(2, '0'),
        month: String(signed.month).padStart(2, '0'),
        year: signed.year,
      }),
      sigX,
      top,
      { width: sigW, align: 'center' },
    );
  pdf.font('bold').text(t('signature'), sigX, pdf.y + 4, { width: sigW, align: 'center' });
  pdf.font('regular').fontSize(9).text(t('signatureHint'), sigX, pdf.y, { width: sigW, align: 'center' });
  pdf
    .rect(sigX + 20, pdf.y + 6, sigW - 40, 60)
    .dash(3, { space: 3 })
    .strokeColor('#999999')
    .stroke()
    .undash();
  pdf
    .font('bold')
    .fontSize(10)
    .fillColor('#000000')
    .text(doc.guardian ? doc.guardian.fullName : p.fullName, sigX, pdf.y + 74, {
      width: sigW,
      align: 'center',
    });
  pdf.end();
  return done;
}

/**
 * The QR of `text` as vector squares, `size` points wide with a one-module quiet zone: sharper
 * than a bitmap when printed, and no PNG to encode and decode again for every document.
 */
export function drawQr(
  pdf: Pick<PDFKit.PDFDocument, 'save' | 'fillColor' | 'rect' | 'fill' | 'restore'>,
  text: string,
  x: number,
  y: number,
  size: number,
): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const cell = size / (n + 2);
  pdf.save().fillColor('#000000');
  for (let row = 0; row < n; row++)
    for (let col = 0; col < n; col++)
      if (modules.get(row, col)) pdf.rect(x + (col + 1) * cell, y + (row + 1) * cell, cell, cell);
  pdf.fill().restore();
}

/** "12 Lý Thường Kiệt, Phường Hoàn Kiếm, Thành phố Hà Nội" from the 2025 units. */
function formatAddress(
  address: { provinceCode: string; communeCode: string; line: string },
  language: Language,
): string {
  const commune = findCommune2025(address.communeCode);
  const province = findProvince2025(address.provinceCode);
  const name = (u: { fullName: string; nameEn?: string } | undefined, code: string) =>
    u ? (language === 'en' && u.nameEn ? u.nameEn : u.fullName) : code;
  return [address.line, name(commune, address.communeCode), name(province, address.provinceCode)].join(', ');
}
