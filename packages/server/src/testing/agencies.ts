import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema';

/** Agencies the tests place requests and officers in: the head office, two provinces and offices. */
const AGENCIES = {
  VN: [null, 'central', 'Bảo hiểm xã hội Việt Nam', '7 Tràng Thi, Hà Nội', '01'],
  '01': ['VN', 'province', 'BHXH thành phố Hà Nội', '15 Trần Duy Hưng', '01'],
  '79': ['VN', 'province', 'BHXH Thành phố Hồ Chí Minh', '117C Nguyễn Đình Chính', '79'],
  '7901': ['79', 'local', 'BHXH cơ sở Sài Gòn', '1 Lê Duẩn', '79'],
  '7902': ['79', 'local', 'BHXH cơ sở Thủ Đức', '2 Võ Văn Ngân', '79'],
} as const;

/** The head office, Hà Nội and Hồ Chí Minh City with two of its offices (kept when present). */
export async function seedAgencies(db: Kysely<Database>): Promise<void> {
  const rows = Object.entries(AGENCIES).map(
    ([code, [parent, level, name, address, province]]) =>
      sql`(${code}, ${parent}, ${level}, ${name}, ${address}, ${province})`,
  );
  await sql`INSERT INTO bhxh_agencies (code, parent_code, level, name, address, province_code)
    VALUES ${sql.join(rows)} ON CONFLICT DO NOTHING`.execute(db);
}
