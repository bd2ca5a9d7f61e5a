import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../testing/pdf';
import {
  getAs,
  type Headers,
  NAME,
  type RecordsWorld,
  startRecordsWorld,
  stopRecordsWorld,
} from './test-fixtures';

/**
 * The records API's history routes against a real database (PGlite and PostgreSQL): the
 * participation periods and their PDF, benefits and the estimates built on them.
 */

let world: RecordsWorld | undefined;
let app: FastifyInstance;
let adult: Headers;
let other: Headers;

beforeAll(async () => {
  world = await startRecordsWorld();
  ({ app, adult, other } = world);
}, 60_000);
afterAll(() => stopRecordsWorld(world));

const get = (url: string, headers?: Headers, lang?: string) => getAs(app, url, headers, lang);

interface SchemeOut {
  scheme: string;
  months: number;
  years: number;
  remainderMonths: number;
  owedMonths: number;
  gaps: { from: string; to: string; months: number }[];
  owed: { from: string; to: string; months: number; unitCode: string | null; unitName: string | null }[];
}

describe('OpenAPI', () => {
  it('documents every records route in both forms', async () => {
    const doc = (await get('/api/openapi.json')).json<{ paths: Record<string, unknown> }>();
    for (const what of [
      'participation',
      'participation.pdf',
      'benefits',
      'medical-visits',
      'medical-visits/{maLk}',
      'estimates',
      'data-access',
    ]) {
      expect(Object.keys(doc.paths)).toContain(`/api/v1/me/${what}`);
      expect(Object.keys(doc.paths)).toContain(`/api/v1/persons/{bhxhCode}/${what}`);
    }
  });
});

describe('participation', () => {
  it('answers the periods with units, totals per scheme (overlaps once), gaps and owed months', async () => {
    const res = await get('/api/v1/me/participation', adult);
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      periods: { scheme: string; unitName: string | null; months: number; salary: number; status: string }[];
      summary: { schemes: SchemeOut[]; bhxhCombined: { months: number } };
    }>();
    expect(body.periods).toHaveLength(5);
    expect(body.periods[0]).toMatchObject({
      scheme: 'bhtn',
      unitName: 'Công ty TNHH Ánh Dương',
      months: 78,
      salary: 6_000_000,
    });
    const compulsory = body.summary.schemes.find((s) => s.scheme === 'bhxh_compulsory');
    // 2010-01..2016-06 = 78 distinct months (the 6 overlapping months count once).
    expect(compulsory).toMatchObject({ months: 78, years: 6, remainderMonths: 6, owedMonths: 3 });
    expect(compulsory?.gaps).toEqual([{ from: '2016-07', to: '2016-12', months: 6 }]);
    expect(compulsory?.owed).toEqual([
      { from: '2017-01', to: '2017-03', months: 3, unitCode: 'TA0002', unitName: 'Công ty CP Sông Hồng' },
    ]);
    expect(body.summary.schemes.find((s) => s.scheme === 'bhxh_voluntary')?.months).toBe(24);
    expect(body.summary.bhxhCombined.months).toBe(102);
  });

  it('a person with no history gets empty lists, not an error', async () => {
    const res = await get('/api/v1/me/participation', other);
    expect(res.statusCode).toBe(200);
    expect(res.json<{ periods: unknown[] }>().periods).toEqual([]);
  });

  it('the PDF carries the holder name with its diacritics, the units and the owed months', async () => {
    const res = await get('/api/v1/me/participation.pdf', adult);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(res.rawPayload);
    expect(text).toContain(NAME);
    expect(text).toContain('Công ty CP Sông Hồng');
    expect(text).toContain('Quá trình tham gia bảo hiểm xã hội, bảo hiểm y tế');
    expect(text).toContain('Nợ đóng');
    const en = await pdfText((await get('/api/v1/me/participation.pdf', adult, 'en')).rawPayload);
    expect(en).toContain('Social and health insurance participation history');
    expect(en).toContain(NAME);
    for (const [language, title] of [
      ['zh', '社会保险和医疗保险参保记录'],
      ['ja', '社会保険・医療保険の加入記録'],
      ['ko', '사회보험·건강보험 가입 이력'],
    ] as const) {
      const translated = await pdfText(
        (await get('/api/v1/me/participation.pdf', adult, language)).rawPayload,
      );
      expect(translated, language).toContain(title);
      expect(translated, language).toContain(NAME);
      expect(translated, language).toContain('Công ty CP Sông Hồng');
    }
  });
});

describe('benefits', () => {
  it('lists benefits newest first with amounts, decisions and paid dates', async () => {
    const res = await get('/api/v1/me/benefits', adult);
    expect(res.statusCode).toBe(200);
    expect(res.json<{ items: unknown[] }>().items).toEqual([
      expect.objectContaining({
        kind: 'sickness',
        amount: 1_500_000,
        decisionNumber: '88/QĐ-BHXH',
        paidOn: null,
      }),
      expect.objectContaining({
        kind: 'maternity',
        periodFrom: '2012-03-01',
        periodTo: '2012-08-31',
        amount: 36_000_000,
        paidOn: '2012-09-10',
        status: 'paid',
      }),
    ]);
  });

  it('shows a pension and other monthly benefits as a monthly amount with the months paid and pending', async () => {
    const res = await get('/api/v1/me/benefits', adult);
    // The fields read below; the rest of each benefit is matched as an object.
    type Monthly = {
      kind: string;
      months: { month: string; amount: number; status: string; paidOn: string | null }[];
    };
    const monthly = res.json<{ monthly: Monthly[] }>().monthly;
    expect(monthly.map((m) => m.kind)).toEqual(['pension', 'unemployment']);
    expect(monthly[0]).toMatchObject({
      monthlyAmount: 4_200_000,
      decisionNumber: '501/QĐ-BHXH',
      fromMonth: '2026-09',
      toMonth: '2026-11',
      paidMonths: 2,
      pendingMonths: 1,
    });
    expect(monthly[0]?.months.map((m) => [m.month, m.amount, m.status, m.paidOn])).toEqual([
      ['2026-11', 4_200_000, 'pending', null],
      ['2026-10', 4_000_000, 'paid', '2026-10-05'],
      ['2026-09', 4_000_000, 'paid', '2026-09-05'],
    ]);
    // A row for three months is three payments; the đồng left over goes to the last.
    expect(monthly[1]?.months.map((m) => [m.month, m.amount, m.status])).toEqual([
      ['2016-04', 3_000_001, 'paid'],
      ['2016-03', 3_000_000, 'paid'],
      ['2016-02', 3_000_000, 'paid'],
    ]);
  });
});

describe('estimates', () => {
  it('estimates pension and one-time BHXH from the own history, with inputs, rules and sources', async () => {
    const res = await get('/api/v1/me/estimates', adult);
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      isEstimate: boolean;
      inputs: {
        contributionMonths: number;
        averageSalary: number;
        salaryRevalued: boolean;
        paidRanges: unknown[];
      };
      pension: { eligible: boolean; reason: string | null; source: string; ruleApplied: string[] };
      oneTime: {
        amount: number;
        benefitMonths: number;
        monthsBefore2014: number;
        monthsFrom2014: number;
        source: string;
        ruleApplied: string[];
      };
    }>();
    expect(body.isEstimate).toBe(true);
    // 78 compulsory + 24 voluntary paid months; owed months do not count.
    expect(body.inputs.contributionMonths).toBe(102);
    expect(body.inputs.salaryRevalued).toBe(false);
    // Month-weighted: (60 × 6M + 24 × 8M + 24 × 3M) / 108.
    expect(body.inputs.averageSalary).toBe(Math.round((60 * 6e6 + 24 * 8e6 + 24 * 3e6) / 108));
    expect(body.pension).toMatchObject({ eligible: false, reason: 'pension.under_minimum_years' });
    expect(body.pension.source).toMatch(/Luật BHXH/);
    // 48 months before 2014 → 4 years × 1.5; 54 from 2014 → 4.5 years × 2.
    expect(body.oneTime).toMatchObject({ monthsBefore2014: 48, monthsFrom2014: 54, benefitMonths: 15 });
    expect(body.oneTime.amount).toBe(Math.round(body.inputs.averageSalary * 15));
    expect(body.oneTime.source).toMatch(/Luật BHXH/);
    expect(body.oneTime.ruleApplied.length).toBeGreaterThan(0);
  });
});
