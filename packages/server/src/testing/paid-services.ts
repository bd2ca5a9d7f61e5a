import { type Kysely, sql } from 'kysely';
import { shiftDay } from '@vssid/domain/working-days';
import type { Database } from '../db/schema';
import { recordWard } from '../db/guardian-wards';

/** Tests only (issue #26): a household and two people for voluntary BHXH, inserted directly. */
export const PEOPLE = {
  head: '0100026001',
  spouse: '0100026002',
  child: '0100026003',
  grandmother: '0100026004',
  voluntary: '0100026005',
  employee: '0100026006',
} as const;

/**
 * The household of the tests, on `today`: the head's GD card ended 22 days ago (a gap under 3
 * months), the spouse's ends in 24 days, the child never had one, the grandmother holds a pension
 * (HT) card; a person who may join voluntary BHXH and an employee in compulsory BHXH this month.
 */
export async function insertHouseholdWorld(db: Kysely<Database>, today: string) {
  const day = (n: number) => shiftDay(today, n);
  const month = today.slice(0, 7);
  await sql`INSERT INTO bhxh_agencies (code, parent_code, level, name, address, province_code) VALUES
      ('VN', NULL, 'central', 'Bảo hiểm xã hội Việt Nam', '7 Tràng Thi, Hà Nội', '01'),
      ('01', 'VN', 'province', 'BHXH thành phố Hà Nội', '15 Trần Duy Hưng', '01'),
      ('0101', '01', 'local', 'BHXH cơ sở Ba Đình', '1 Đội Cấn', '01')
    ON CONFLICT DO NOTHING`.execute(db);
  await sql`INSERT INTO clinics (code, name, level, address, province_code) VALUES
      ('01C54', 'Trạm Y tế phường Ba Đình', 'commune', '12 Phan Đình Phùng, Ba Đình', '01')
    ON CONFLICT DO NOTHING`.execute(db);
  await sql`INSERT INTO persons (bhxh_code, full_name, birth_date, birth_year, gender, address_line, province_code, guardian_bhxh_code, phone) VALUES
      (${PEOPLE.head}, 'Vũ Văn Hải', '1980-04-02', 1980, 'male', '8 Đội Cấn', '01', NULL, '0912026001'),
      (${PEOPLE.spouse}, 'Lý Thị Lan', '1982-06-10', 1982, 'female', '8 Đội Cấn', '01', NULL, NULL),
      (${PEOPLE.child}, 'Vũ Minh An', '2012-09-01', 2012, 'male', '8 Đội Cấn', '01', ${PEOPLE.head}, NULL),
      (${PEOPLE.grandmother}, 'Đặng Thị Mơ', '1950-01-20', 1950, 'female', '8 Đội Cấn', '01', NULL, NULL),
      (${PEOPLE.voluntary}, 'Hồ Thị Vân', '1990-03-15', 1990, 'female', '2 Kim Mã', '01', NULL, '0912026005'),
      (${PEOPLE.employee}, 'Tạ Quang Minh', '1988-11-11', 1988, 'male', '3 Kim Mã', '01', NULL, '0912026006')`.execute(
    db,
  );
  await recordWard(db, PEOPLE.head, PEOPLE.child);
  await sql`INSERT INTO bhyt_cards (bhxh_code, card_number, object_code, benefit_level, registered_clinic_code,
      valid_from, valid_to, five_year_date, issued_on, issuing_agency_code, status, replaced_by_id) VALUES
      (${PEOPLE.head}, ${PEOPLE.head}, 'GD', 4, '01C54', ${day(-386)}, ${day(-22)}, NULL, ${day(-386)}, '01', 'active', NULL),
      (${PEOPLE.spouse}, ${PEOPLE.spouse}, 'GD', 4, '01C54', ${day(-340)}, ${day(24)}, NULL, ${day(-340)}, '01', 'active', NULL),
      (${PEOPLE.grandmother}, ${PEOPLE.grandmother}, 'HT', 3, '01C54', '2026-01-01', NULL, NULL, '2026-01-01', '01', 'active', NULL)`.execute(
    db,
  );
  await sql`INSERT INTO participation_periods (bhxh_code, scheme, from_month, to_month, unit_code, position, salary,
      employee_rate_bp, employer_rate_bp, employee_amount, employer_amount, state_support, status) VALUES
      (${PEOPLE.employee}, 'bhxh_compulsory', '2024-01-01', ${`${month}-01`}, NULL, NULL, 10000000, 800, 1400, 2880000, 5040000, 0, 'paid')`.execute(
    db,
  );
}
