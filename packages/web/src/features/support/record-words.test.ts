import { describe, expect, it } from 'vitest';
import en from '../../../../domain/src/i18n/locales/en/support.json';
import vi from '../../../../domain/src/i18n/locales/vi/support.json';
import viWeb from '../../../../domain/src/i18n/locales/vi/web.json';
import {
  benefitChoices,
  cardChoices,
  periodChoices,
  recordInWords,
  visitChoices,
  type Words,
} from './record-words';

/** The words of a catalog, interpolated as i18next does (`{{name}}`). */
function wordsOf(lang: 'vi' | 'en', catalog: typeof vi): Words {
  const fill = (text: string, values: Record<string, string | undefined>) =>
    text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? `{{${name}}}`);
  return {
    lang,
    phrase: (key, values) => fill(catalog.tickets.inWords[key], values),
    scheme: (s) => catalog.tickets.schemes[s as keyof typeof vi.tickets.schemes],
    benefitKind: (k) => viWeb.benefits.kinds[k as keyof typeof viWeb.benefits.kinds],
  };
}
const viWords = wordsOf('vi', vi);

describe('a record said in words (wrong-data tickets, issue 25)', () => {
  it('says a participation period with its scheme, months, employer and salary', () => {
    const [period] = periodChoices([
      {
        id: '7',
        scheme: 'bhxh_compulsory',
        fromMonth: '2022-01',
        toMonth: '2022-12',
        months: 12,
        unitCode: 'TA0001',
        unitName: 'Công ty May Sông Hồng',
        position: null,
        salary: 9_000_000,
        employeeRateBp: 800,
        employerRateBp: 1750,
        employeeAmount: 864_000,
        employerAmount: 1_890_000,
        stateSupport: 0,
        status: 'paid',
      },
    ]);
    expect(period?.id).toBe('7');
    expect(recordInWords(viWords, 'participation', period?.fields ?? {})).toBe(
      'BHXH bắt buộc từ 01/2022 đến 12/2022 · đơn vị Công ty May Sông Hồng · mức lương 9.000.000 ₫',
    );
    // The officer's record view has the unit's code only, and the salary as text.
    expect(
      recordInWords(wordsOf('en', en), 'participation', {
        scheme: 'bhxh_voluntary',
        fromMonth: '2021-11',
        toMonth: '2022-12',
        salary: '1500000',
        unitCode: null,
      }),
    ).toBe('Voluntary social insurance from Nov 2021 to Dec 2022 · salary ₫1,500,000');
  });

  it('offers only the person’s own card, said with its number, validity, level and clinic', () => {
    const card = (relation: 'self' | 'child', id: string, validTo: string | null) => ({
      holder: {
        bhxhCode: '0100025101',
        fullName: 'X',
        dateOfBirth: '1985',
        gender: 'female' as const,
        relation,
      },
      card: {
        id,
        cardNumber: `GD401010002510${id}`,
        objectCode: 'GD',
        benefitLevel: 4,
        benefit: {
          fundPercent: 80,
          capOnTechnicalServices: false,
          includesOutOfScopeCosts: false,
          smallVisitFullyPaidBelowVnd: null,
          baseSalaryVnd: 2_340_000,
          fiveYearCapVnd: null,
          fiveYearReached: false,
        },
        registeredClinic: { code: '01001', name: 'Bệnh viện Bạch Mai', address: 'Hà Nội' },
        validFrom: '2026-01-01',
        validTo,
        fiveYearDate: null,
        issuedOn: '2025-12-20',
        issuingAgency: null,
        status: 'valid' as const,
        officialQr: '',
        credential: null,
      },
      retrievedAt: '2026-12-07T00:00:00Z',
    });
    const choices = cardChoices([card('self', '1', '2026-12-31'), card('child', '2', null)]);
    expect(choices.map((c) => c.id)).toEqual(['1']);
    expect(recordInWords(viWords, 'card', choices[0]?.fields ?? {})).toBe(
      'Thẻ BHYT số GD4010100025101, giá trị sử dụng từ 01/01/2026 đến 31/12/2026 · mức hưởng 4 · nơi đăng ký KCB ban đầu: Bệnh viện Bạch Mai',
    );
    // Without an end of validity, and with the clinic's code only (the officer's view).
    expect(
      recordInWords(viWords, 'card', {
        cardNumber: 'GD4',
        validFrom: '2026-01-01',
        validTo: null,
        registeredClinicCode: '01001',
      }),
    ).toBe('Thẻ BHYT số GD4, giá trị sử dụng từ 01/01/2026 · nơi đăng ký KCB ban đầu: 01001');
  });

  it('says a visit by its clinic and days (one day when it began and ended the same day)', () => {
    const visit = (maLk: string, from: string, to: string) => ({
      maLk,
      clinicCode: '01001',
      clinicName: 'Bệnh viện Bạch Mai',
      admittedAt: `${from}T07:30:00`,
      dischargedAt: `${to}T10:00:00`,
      icd10Main: { code: 'K35', name: null },
    });
    const [stay, day] = visitChoices([
      visit('LK1', '2022-08-01', '2022-08-05'),
      visit('LK2', '2023-03-02', '2023-03-02'),
    ]);
    expect(stay?.id).toBe('LK1');
    expect(recordInWords(viWords, 'visit', stay?.fields ?? {})).toBe(
      'Khám chữa bệnh tại Bệnh viện Bạch Mai từ 01/08/2022 đến 05/08/2022 · mã bệnh K35',
    );
    expect(recordInWords(viWords, 'visit', day?.fields ?? {})).toBe(
      'Khám chữa bệnh tại Bệnh viện Bạch Mai ngày 02/03/2023 · mã bệnh K35',
    );
  });

  it('offers one-off benefits and each monthly payment row (months of one row once), newest first', () => {
    const choices = benefitChoices({
      items: [
        {
          id: '10',
          kind: 'maternity',
          periodFrom: '2024-02-01',
          periodTo: '2024-07-31',
          amount: 36_000_000,
          decisionNumber: 'QĐ 12/2024',
          paidOn: '2024-02-20',
          status: 'paid',
        },
      ],
      monthly: [
        {
          kind: 'pension',
          monthlyAmount: 6_000_000,
          decisionNumber: 'QĐ 1/2025',
          fromMonth: '2025-01',
          toMonth: '2025-04',
          paidMonths: 4,
          pendingMonths: 0,
          arrangements: [],
          months: [
            {
              id: '21',
              month: '2025-04',
              amount: 6_000_000,
              decisionNumber: 'QĐ 1/2025',
              status: 'paid',
              paidOn: '2025-04-05',
              paidVia: null,
            },
            {
              id: '20-3',
              month: '2025-03',
              amount: 5_000_002,
              decisionNumber: 'QĐ 1/2025',
              status: 'paid',
              paidOn: '2025-01-05',
              paidVia: null,
            },
            {
              id: '20-2',
              month: '2025-02',
              amount: 4_999_999,
              decisionNumber: 'QĐ 1/2025',
              status: 'paid',
              paidOn: '2025-01-05',
              paidVia: null,
            },
            {
              id: '20-1',
              month: '2025-01',
              amount: 4_999_999,
              decisionNumber: 'QĐ 1/2025',
              status: 'paid',
              paidOn: '2025-01-05',
              paidVia: null,
            },
          ],
        },
      ],
    });
    expect(choices.map((c) => c.id)).toEqual(['21', '20', '10']);
    expect(recordInWords(viWords, 'benefit', choices[1]?.fields ?? {})).toBe(
      'Lương hưu hằng tháng từ 01/2025 đến 03/2025: 15.000.000 ₫ · quyết định số QĐ 1/2025',
    );
    expect(recordInWords(viWords, 'benefit', choices[2]?.fields ?? {})).toBe(
      'Thai sản từ 01/02/2024 đến 31/07/2024: 36.000.000 ₫ · quyết định số QĐ 12/2024',
    );
  });
});
