import ExcelJS from 'exceljs';
import { formatMoney, formatMonth, formatPercent, FUNDS } from '@vssid/domain';
import type { UnitStatement } from '@vssid/domain/api/declarations';
import type { Language } from '@vssid/domain/i18n';
import type { Translator } from '../../i18n';
import { officialPdf } from '../services/official-pdf';

/**
 * The monthly statement (C12-TS, "Thông báo kết quả đóng BHXH, BHYT, BHTN, BHTNLĐ-BNN") as the
 * files a unit downloads: the PDF in the shared official layout (`services/official-pdf.ts`, the
 * title in Vietnamese as issued), and a spreadsheet with the statement and the month's workers.
 * The spreadsheet is written with exceljs, the library the back office already reads the units'
 * lists with (maintained, no native code, streams large sheets): one library for both directions.
 */

type Line = [key: string, value: string];

function lines(translator: Translator, language: Language, s: UnitStatement): Line[] {
  const money = (n: number) => formatMoney(n, language);
  const fund = (f: (typeof FUNDS)[number]) => translator.t(language, `messages:declarations.funds.${f}`);
  return [
    ['unit', `${s.unit.name} (${s.unit.code})`],
    ['taxCode', s.unit.taxCode ?? '—'],
    ['month', formatMonth(s.month, language)],
    ['people', String(s.people)],
    ['salaryFund', money(s.salaryFund)],
    ...FUNDS.map((f): Line => [
      'due',
      `${fund(f)} (${formatPercent(s.rates[f], language)}): ${money(s.due[f])}`,
    ]),
    ['dueTotal', money(s.dueTotal)],
    ['opening', money(s.opening)],
    ['paid', money(s.paid)],
    [
      'interest',
      `${money(s.interest)} (${formatPercent(s.interestRule.bpPerDay, language)}/${translator.t(language, 'messages:services.statement.day')})`,
    ],
    ['closing', money(s.closing)],
    ['sources', `${s.rates.source}; ${s.interestRule.source}`],
  ];
}

export function statementPdf(translator: Translator, language: Language, s: UnitStatement): Promise<Buffer> {
  return officialPdf(translator, language, {
    title: 'THÔNG BÁO KẾT QUẢ ĐÓNG BHXH, BHYT, BHTN, BHTNLĐ-BNN (C12-TS)',
    subject: `C12-TS ${s.unit.code} ${s.month}`,
    labels: 'statement',
    lines: lines(translator, language, s),
  });
}

export async function statementXlsx(
  translator: Translator,
  language: Language,
  s: UnitStatement,
  workers: readonly { bhxhCode: string; fullName: string; position: string; salary: number }[],
): Promise<Buffer> {
  const t = (key: string) => translator.t(language, `messages:services.statement.${key}`);
  const book = new ExcelJS.Workbook();
  book.creator = 'VssID';
  const sheet = book.addWorksheet('C12-TS');
  sheet.columns = [{ width: 36 }, { width: 22 }, { width: 22 }, { width: 22 }];
  sheet.addRow([t('unit'), s.unit.name, s.unit.code]);
  sheet.addRow([t('taxCode'), s.unit.taxCode ?? '']);
  sheet.addRow([t('month'), s.month]);
  sheet.addRow([t('people'), s.people]);
  sheet.addRow([t('salaryFund'), s.salaryFund]);
  sheet.addRow([]);
  sheet.addRow([t('fund'), t('rate'), t('due'), t('owed')]).font = { bold: true };
  for (const f of FUNDS)
    sheet.addRow([
      translator.t(language, `messages:declarations.funds.${f}`),
      s.rates[f] / 10_000,
      s.due[f],
      s.owedByFund[f],
    ]);
  sheet.getColumn(2).numFmt = '0.0%';
  sheet.addRow([t('dueTotal'), null, s.dueTotal]);
  sheet.addRow([]);
  sheet.addRow([t('opening'), null, s.opening]);
  sheet.addRow([t('paid'), null, s.paid]);
  sheet.addRow([t('interest'), null, s.interest]);
  sheet.addRow([t('closing'), null, s.closing]);
  sheet.addRow([t('sources'), `${s.rates.source}; ${s.interestRule.source}`]);
  const people = book.addWorksheet(t('workers'));
  people.columns = [
    { header: t('bhxhCode'), width: 14 },
    { header: t('fullName'), width: 32 },
    { header: t('position'), width: 24 },
    { header: t('salary'), width: 16 },
  ];
  people.getRow(1).font = { bold: true };
  for (const w of workers) people.addRow([w.bhxhCode, w.fullName, w.position, w.salary]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
