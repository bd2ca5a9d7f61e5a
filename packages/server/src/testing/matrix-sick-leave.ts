import type { FastifyInstance } from 'fastify';
import { CLINIC_OF, type Caller, type MatrixWorld } from './matrix-types';
import { unitSigner } from './unit-signer';

/**
 * A worker of each unit (compulsory BHXH there) with three sick-leave certificates: one left to
 * claim, one claimed, one claimed and asked a supplement for by the unit's agency's officer.
 */
export async function seedSickLeave(
  app: FastifyInstance,
  callers: Caller[],
): Promise<MatrixWorld['sickLeave']> {
  const db = app.database.db;
  const headersOf = (name: string) => callers.find((c) => c.name === name)?.headers ?? {};
  const world: MatrixWorld['sickLeave'] = { claimable: [], claimed: [], waiting: [] };
  for (const [unit, agency, code, caller] of [
    ['TA0001', '01', '0100000091', 'employer U1'],
    ['TB0002', '79', '7900000092', 'employer U2'],
  ] as const) {
    const owner = { unit, agency };
    await db
      .insertInto('persons')
      .values({ bhxh_code: code, full_name: `Người lao động ${unit}`, birth_year: 1988, gender: 'male' })
      .execute();
    await db
      .insertInto('participation_periods')
      .values({
        bhxh_code: code,
        scheme: 'bhxh_compulsory',
        from_month: '2020-01-01',
        to_month: '2030-12-01',
        unit_code: unit,
        salary: 9_000_000,
        position: null,
        employee_rate_bp: 0,
        employer_rate_bp: 0,
        employee_amount: 0,
        employer_amount: 0,
        state_support: 0,
        status: 'paid',
      })
      .execute();
    const maLks = ['SL1', 'SL2', 'SL3'].map((n) => `${n}${code}`);
    for (const [i, maLk] of maLks.entries()) {
      const from = `2026-03-${String(9 + i * 7).padStart(2, '0')}`;
      await db
        .insertInto('medical_visits')
        .values({
          bhxh_code: code,
          ma_lk: maLk,
          clinic_code: CLINIC_OF[agency] ?? '01001',
          card_number: code,
          visit_kind: '01',
          route: 1,
          admitted_at: `${from}T08:00:00`,
          discharged_at: `${from}T09:00:00`,
          treatment_days: 0,
          icd10_main: 'J06.9',
          total_cost: 100_000,
          covered_cost: 100_000,
          co_payment: 20_000,
          fund_paid: 80_000,
        })
        .execute();
      await db
        .insertInto('visit_documents')
        .values({
          bhxh_code: code,
          ma_lk: maLk,
          kind: 'sick_leave',
          number: `CT${maLk}`,
          issued_on: from,
          content: { days: 2, from, fields: { MA_BS: 'BS01' } },
        })
        .execute();
    }
    const [claimable, claimed, waiting] = maLks;
    // The unit admin's device: batches are signed (issue #27 item 6).
    const { sign } = await unitSigner(app, headersOf(caller));
    world.claimable.push({ bhxhCode: code, maLk: claimable ?? '', owner, sign });
    const claims = [claimed, waiting].map((maLk) => ({ bhxhCode: code, maLk, heavyWork: false }));
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/employer/sick-leave/claims',
      headers: { ...headersOf(caller), 'idempotency-key': `matrix-sick-${unit}` },
      payload: { claims, signature: sign('630a', { claims }) },
    });
    if (res.statusCode !== 201)
      throw new Error(`sick-pay claims for the matrix: ${res.statusCode} ${res.body}`);
    const filed = res.json<{ claims: { number: string; maLk: string }[] }>().claims;
    const numberOf = (maLk: string | undefined) => filed.find((c) => c.maLk === maLk)?.number ?? '';
    world.claimed.push({ number: numberOf(claimed), owner });
    const officer = headersOf(`officer ${agency}`);
    for (const [action, extra] of [
      ['receive', {}],
      ['ask_supplement', { reasonText: 'Bảng chấm công' }],
    ] as const) {
      const acted = await app.inject({
        method: 'POST',
        url: `/api/v1/officer/service-requests/${numberOf(waiting)}/actions`,
        headers: { ...officer, 'idempotency-key': `matrix-sick-${unit}-${action}` },
        payload: { action, ...extra },
      });
      if (acted.statusCode !== 200)
        throw new Error(`${action} for the matrix: ${acted.statusCode} ${acted.body}`);
    }
    world.waiting.push({ number: numberOf(waiting), owner });
  }
  return world;
}
