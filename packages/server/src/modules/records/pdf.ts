import { formatDate, formatMonth, formatNumber, formatPercent } from '@vssid/domain';
import type { Language } from '@vssid/domain/i18n';
import type { Translator } from '../../i18n';
import type { participation } from './service';
import { openPdf } from '../../adapters/pdf-fonts';

type Participation = Awaited<ReturnType<typeof participation>>;

/**
 * The participation history as an A4 PDF in the caller's language: holder, per scheme the totals,
 * the periods (months, unit, position, salary or income, rate, paid or owed), the gaps and the owed
 * months with the responsible unit. Texts come from the `messages` catalog (`records.pdf.*`).
 * Set in the language's typeface (pdf-fonts.ts: Noto Sans SC, JP or KR for Chinese, Japanese and
 * Korean, with the Vietnamese names of units and places).
 */
export async function participationPdf(
  translator: Translator,
  language: Language,
  holder: { fullName: string; bhxhCode: string; birthDate: string | null; birthYear: number },
  data: Participation,
  generatedOn: string,
): Promise<Buffer> {
  const t = (key: string, params?: Record<string, unknown>) =>
    translator.t(language, `messages:records.pdf.${key}`, params);
  const month = (yyyymm: string) => formatMonth(yyyymm, language);
  const day = (iso: string) => formatDate(iso, language);

  const { pdf: doc, done } = openPdf(language, {
    margin: 40,
    info: { Title: t('title'), Author: t('author'), Subject: holder.bhxhCode },
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  doc.font('bold').fontSize(15).text(t('title'), { align: 'center' });
  doc.moveDown(0.6);
  doc.font('regular').fontSize(10);
  doc.text(t('holder', { name: holder.fullName }));
  doc.text(t('bhxhCode', { code: holder.bhxhCode }));
  doc.text(t('birth', { date: holder.birthDate ? day(holder.birthDate) : String(holder.birthYear) }));
  doc.text(
    t('combined', {
      years: data.summary.bhxhCombined.years,
      months: data.summary.bhxhCombined.remainderMonths,
    }),
  );
  doc.fillColor('#555555').text(t('generated', { date: day(generatedOn) }));
  doc.fillColor('black');

  const columns = [
    { key: 'period', w: 0.17 },
    { key: 'months', w: 0.07 },
    { key: 'unit', w: 0.3 },
    { key: 'position', w: 0.14 },
    { key: 'salary', w: 0.13 },
    { key: 'rate', w: 0.09 },
    { key: 'status', w: 0.1 },
  ] as const;
  const row = (cells: string[], bold = false, highlight = false) => {
    doc.font(bold ? 'bold' : 'regular').fontSize(8.5);
    const heights = cells.map((c, i) => doc.heightOfString(c, { width: width * (columns[i]?.w ?? 0.1) - 4 }));
    const h = Math.max(...heights) + 4;
    if (doc.y + h > bottom()) doc.addPage();
    const y = doc.y;
    if (highlight) doc.save().rect(left, y, width, h).fill('#fde8e8').restore();
    let x = left;
    cells.forEach((c, i) => {
      const w = width * (columns[i]?.w ?? 0.1);
      doc.fillColor(highlight ? '#a61b1b' : 'black').text(c, x + 2, y + 2, { width: w - 4 });
      x += w;
    });
    doc.fillColor('black');
    doc.x = left;
    doc.y = y + h;
  };

  for (const s of data.summary.schemes) {
    const periods = data.periods.filter((p) => p.scheme === s.scheme);
    if (!periods.length) continue;
    if (doc.y + 80 > bottom()) doc.addPage();
    doc.moveDown(0.8);
    doc.x = left;
    doc
      .font('bold')
      .fontSize(12)
      .text(t(`schemes.${s.scheme}`));
    doc
      .font('regular')
      .fontSize(10)
      .text(t('total', { years: s.years, months: s.remainderMonths }));
    if (s.owedMonths)
      doc
        .fillColor('#a61b1b')
        .text(t('owedTotal', { months: s.owedMonths }))
        .fillColor('black');
    doc.moveDown(0.3);
    row(
      columns.map((c) => t(`columns.${c.key}`)),
      true,
    );
    for (const p of periods) {
      row(
        [
          `${month(p.fromMonth)} – ${month(p.toMonth)}`,
          String(p.months),
          p.unitName ?? p.unitCode ?? t('selfPaid'),
          p.position ?? '',
          formatNumber(p.salary, language),
          formatPercent(p.employeeRateBp + p.employerRateBp, language),
          t(`status.${p.status}`),
        ],
        false,
        p.status === 'owed',
      );
    }
    doc.x = left;
    doc.moveDown(0.3);
    doc.font('bold').fontSize(9.5).text(t('gaps'));
    doc.font('regular');
    if (!s.gaps.length) doc.text(t('none'));
    for (const g of s.gaps)
      doc.text(t('gapLine', { from: month(g.from), to: month(g.to), months: g.months }));
    if (s.owed.length) {
      doc.font('bold').fillColor('#a61b1b').text(t('owed'));
      doc.font('regular');
      for (const o of s.owed)
        doc.text(
          t('owedLine', {
            from: month(o.from),
            to: month(o.to),
            months: o.months,
            unit: o.unitName ?? o.unitCode ?? t('selfPaid'),
          }),
        );
      doc.fillColor('black');
    }
  }
  if (!data.periods.length) {
    doc.moveDown();
    doc.text(t('empty'));
  }
  doc.end();
  return done;
}
