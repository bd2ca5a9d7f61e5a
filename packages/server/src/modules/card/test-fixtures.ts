import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';
import { recordWard } from '../../db/guardian-wards';

/**
 * Tests only: a small family and a stranger with their cards, inserted directly. Dates are set
 * from `today` so that the cards are in force whenever the tests run.
 */
export const FAMILY = {
  parent: '0100000101',
  child: '0100000102',
  adultChild: '0100000103',
  noCard: '0100000104',
  stranger: '7900000105',
  /** A 7-year-old whose TE card was recorded to 31 December of this year (legacy data). */
  teEnded: '0100000106',
} as const;

function isoDaysFrom(today: string, days: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export async function insertFamily(db: Kysely<Database>, today: string): Promise<void> {
  const year = Number(today.slice(0, 4));
  // Under 6: a TE card in force (it ends on 30 September of the year the child turns 6).
  const childBirth = `${year - 4}-03-04`;
  // Born on 9 February seven years ago: the TE card ended on 30 September of last year.
  const teEndedBirth = `${year - 7}-02-09`;
  const adultBirth = `${year - 25}-03-04`;
  await sql`INSERT INTO bhxh_agencies (code, parent_code, level, name, address, province_code) VALUES
      ('VN', NULL, 'central', 'Bảo hiểm xã hội Việt Nam', '7 Tràng Thi, Hà Nội', '01'),
      ('01', 'VN', 'province', 'BHXH thành phố Hà Nội', '15 Trần Duy Hưng', '01'),
      ('0101', '01', 'local', 'BHXH cơ sở Ba Đình', '1 Đội Cấn', '01'),
      ('79', 'VN', 'province', 'BHXH Thành phố Hồ Chí Minh', '117C Nguyễn Đình Chính', '79')
    ON CONFLICT DO NOTHING`.execute(db);
  await sql`INSERT INTO clinics (code, name, level, address, province_code) VALUES
      ('01C54', 'Trạm Y tế phường Ba Đình', 'commune', '12 Phan Đình Phùng, Ba Đình', '01'),
      ('79024', 'Bệnh viện quận 1', 'district', '235 Nguyễn Văn Cừ, Quận 1', '79')
    ON CONFLICT DO NOTHING`.execute(db);
  await sql`INSERT INTO persons (bhxh_code, full_name, birth_date, birth_year, gender, address_line, province_code, guardian_bhxh_code) VALUES
      (${FAMILY.parent}, 'Nguyễn Thị Hoà', '1985-05-17', 1985, 'female', '12 Phan Đình Phùng', '01', NULL),
      (${FAMILY.child}, 'Trần Minh Khôi', ${childBirth}, ${year - 4}, 'male', '12 Phan Đình Phùng', '01', ${FAMILY.parent}),
      (${FAMILY.adultChild}, 'Trần Thu Hà', ${adultBirth}, ${year - 25}, 'female', NULL, '01', ${FAMILY.parent}),
      (${FAMILY.noCard}, 'Lê Văn Bình', NULL, 1970, 'male', NULL, '01', NULL),
      (${FAMILY.stranger}, 'Phạm Quốc Dũng', '1979-09-02', 1979, 'male', '5 Lê Lợi', '79', NULL),
      (${FAMILY.teEnded}, 'Đỗ Gia Bảo', ${teEndedBirth}, ${year - 7}, 'male', '3 Đội Cấn', '01', NULL)`.execute(
    db,
  );
  await recordWard(db, FAMILY.parent, FAMILY.child);
  await recordWard(db, FAMILY.parent, FAMILY.adultChild);
  const from = `${year}-01-01`;
  const to = isoDaysFrom(today, 200);
  await sql`INSERT INTO bhyt_cards (bhxh_code, id, card_number, object_code, benefit_level, registered_clinic_code,
      valid_from, valid_to, five_year_date, issued_on, issuing_agency_code, status, replaced_by_id) VALUES
      (${FAMILY.parent}, 1001, 'GD4010100000101', 'GD', 4, '01C54', '2015-01-01', ${`${year - 1}-12-31`}, NULL, '2015-01-01', '01', 'active', NULL),
      (${FAMILY.parent}, 1002, ${FAMILY.parent}, 'DN', 4, '01C54', ${from}, ${to}, '2020-01-01', ${from}, '0101', 'active', NULL),
      (${FAMILY.child}, 1003, ${FAMILY.child}, 'TE', 1, '01C54', ${from}, ${to}, NULL, ${from}, '01', 'active', NULL),
      (${FAMILY.adultChild}, 1004, ${FAMILY.adultChild}, 'GD', 4, '01C54', ${from}, ${to}, NULL, ${from}, '01', 'active', NULL),
      (${FAMILY.stranger}, 1005, ${FAMILY.stranger}, 'HC', 4, '79024', ${from}, ${to}, NULL, ${from}, '79', 'active', NULL),
      (${FAMILY.teEnded}, 1006, ${FAMILY.teEnded}, 'TE', 1, '01C54', ${`${year - 1}-01-01`}, ${`${year}-12-31`}, NULL, ${`${year - 1}-01-01`}, '01', 'active', NULL)`.execute(
    db,
  );
  // The parent's older card was replaced by the current one.
  await sql`UPDATE bhyt_cards SET status = 'replaced', replaced_by_id = 1002 WHERE id = 1001`.execute(db);
}
