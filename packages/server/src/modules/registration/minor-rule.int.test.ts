import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { signInAs } from '../../testing/auth';
import { createTestDatabase, testConfig } from '../../testing/database';
import { recordWard } from '../../db/guardian-wards';

/**
 * #21 item 5: card access and child registration ask the same minor rule. A child whose year of
 * birth alone is known (born 2008) is a minor until 30 December 2026 for both: the guardian sees
 * the card and may register the child on the 30th (Vietnam time), and neither on the 31st.
 */
const GUARDIAN = '0100021001';
const CHILD = '0100021002';
const AGENCY = '0101';
const CHILD_NAME = 'Vũ Thị Mai';

let database: DatabaseHandle;
let onThe30th: FastifyInstance;
let onThe31st: FastifyInstance;
let photo: string;

beforeAll(async () => {
  database = await createTestDatabase();
  // 23:30 on 30 December in Vietnam is still the 30th there (16:30 UTC); 00:30 on the 31st is
  // 17:30 UTC on the 30th: the day is Vietnam's, not UTC's.
  onThe30th = await buildApp(testConfig(), { database, now: () => new Date('2026-12-30T16:30:00Z') });
  onThe31st = await buildApp(testConfig(), { database, now: () => new Date('2026-12-30T17:30:00Z') });
  const db = database.db;
  await sql`INSERT INTO bhxh_agencies (code, level, name, address, province_code)
            VALUES (${AGENCY}, 'province', 'Bảo hiểm xã hội Thành phố Hà Nội', '15 Trần Duy Hưng', '01')`.execute(
    db,
  );
  // Dossiers go only to an agency whose queue an officer sees (issue 20).
  await signInAs(onThe30th, { role: 'officer', agencyCode: AGENCY, username: 'canbo.minor-rule' });
  await sql`INSERT INTO clinics (code, name, level, address, province_code)
            VALUES ('01C54', 'Trạm Y tế phường Ba Đình', 'commune', '12 Phan Đình Phùng', '01')`.execute(db);
  await sql`INSERT INTO persons (bhxh_code, full_name, birth_date, birth_year, gender, province_code, guardian_bhxh_code) VALUES
            (${GUARDIAN}, 'Vũ Văn Hùng', '1980-04-01', 1980, 'male', '01', NULL),
            (${CHILD}, ${CHILD_NAME}, NULL, 2008, 'female', '01', ${GUARDIAN})`.execute(db);
  await recordWard(db, GUARDIAN, CHILD);
  await sql`INSERT INTO bhyt_cards (bhxh_code, id, card_number, object_code, benefit_level, registered_clinic_code,
              valid_from, valid_to, issued_on, issuing_agency_code, status)
            VALUES (${CHILD}, 2101, ${CHILD}, 'HS', 4, '01C54', '2026-01-01', '2027-06-30', '2026-01-01', ${AGENCY}, 'active')`.execute(
    db,
  );
  photo = (
    await sharp({ create: { width: 300, height: 225, channels: 3, background: { r: 20, g: 90, b: 140 } } })
      .jpeg()
      .toBuffer()
  ).toString('base64');
}, 60_000);
afterAll(async () => {
  await onThe30th.close();
  await onThe31st.close();
  await database.close();
});

async function asGuardian(app: FastifyInstance) {
  const { headers } = await signInAs(app, { role: 'citizen', bhxhCode: GUARDIAN });
  const cards = await app.inject({ url: '/api/v1/me/cards', headers });
  const card = await app.inject({ url: `/api/v1/me/cards/${CHILD}`, headers });
  const register = await app.inject({
    method: 'POST',
    url: '/api/v1/me/children/registrations',
    headers: { ...headers, 'idempotency-key': `minor-rule-${Math.random()}` },
    payload: {
      childBhxhCode: CHILD,
      childFullName: CHILD_NAME,
      agencyCode: AGENCY,
      delivery: 'post',
      commitment: true,
      photos: { portrait: photo, birth_certificate: photo },
    },
  });
  const holders = cards
    .json<{ cards: { holder: { bhxhCode: string } }[] }>()
    .cards.map((c) => c.holder.bhxhCode);
  return { holders, card: card.statusCode, register };
}

describe('a child whose year of birth alone is known (2008)', () => {
  it('is refused on 31 December 2026 by card access and by child registration alike', async () => {
    const { holders, card, register } = await asGuardian(onThe31st);
    expect(holders).not.toContain(CHILD);
    expect(card).toBe(404);
    expect(register.statusCode).toBe(422);
    expect(register.json()).toMatchObject({ code: 'child_not_minor', errors: [{ field: 'childBhxhCode' }] });
  }, 30_000);

  it('is a minor on 30 December 2026 for card access and for child registration alike', async () => {
    const { holders, card, register } = await asGuardian(onThe30th);
    expect(holders).toContain(CHILD);
    expect(card).toBe(200);
    expect(register.statusCode).toBe(201);
    expect(register.json()).toMatchObject({ kind: 'child' });
  }, 30_000);
});
