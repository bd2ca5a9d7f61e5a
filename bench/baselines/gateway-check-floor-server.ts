/**
 * Baseline `gateway check floor`: the least a card check by the clinic gateway must do (issue #24),
 * and nothing else, to see whether its budget (0.7 × the db baseline, p95 25 ms) can be reached on
 * this machine. Fastify reads the scenario's JSON body (the same requests), and ONE statement, one
 * round trip in its own implicit transaction, does the data work the issue asks for: the clerk
 * registered by the clinic (054/055), the person and their cards (the answer's fields), the recent
 * visits (`dsLichSuKCB2018`) and checks (`dsLichSuKT2018`), the check logged (later answers list
 * it) and the audit entry (a clinic reading a person's data is audited and shown to the person;
 * the hash chain is the database's own trigger). The answer is built from the rows, as the real
 * one's shape.
 *
 * Left out, so the floor is if anything too generous: the token's verification (the query's
 * `token`/`id_token` are not read), the per-clinic rate limit, the name and birth comparisons and
 * the result-code rules (the check is logged as 000), translation, zod, the request log. The
 * clinic is the one the scenario names in its body's card's registered clinic (any clinic's clerk
 * works: the bench registers the same clerk at every sampled clinic).
 */
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_MAX ?? 10),
});

/** Everything of one check in one statement: reads, the check row and the audit entry. */
const CHECK = `
WITH card AS (
  SELECT c.bhxh_code, c.card_number, c.registered_clinic_code, c.valid_from::text AS valid_from,
         c.valid_to::text AS valid_to, c.five_year_date::text AS five_year_date, c.issuing_agency_code
    FROM bhyt_cards c WHERE c.bhxh_code = $4 ORDER BY c.valid_from DESC LIMIT 1
), clerk AS (
  SELECT k.full_name FROM clinic_clerks k, card
   WHERE k.clinic_code = card.registered_clinic_code AND k.cccd = $2 AND k.removed_at IS NULL
), person AS (
  SELECT p.bhxh_code, p.full_name, p.birth_date::text AS birth_date, p.birth_year, p.gender, p.address_line
    FROM persons p WHERE p.bhxh_code = $4
), visits AS (
  SELECT v.ma_lk, v.clinic_code, v.admitted_at, v.discharged_at, v.icd10_main, v.outcome, v.route
    FROM medical_visits v WHERE v.bhxh_code = $4 ORDER BY v.admitted_at DESC LIMIT 10
), checks AS (
  SELECT k.clinic_code, k.clerk_name, k.checked_at, k.result_code
    FROM clinic_card_checks k WHERE k.bhxh_code = $4 ORDER BY k.checked_at DESC LIMIT 10
), logged AS (
  INSERT INTO clinic_card_checks (clinic_code, bhxh_code, query_code, result_code, clerk_cccd, clerk_name, channel)
  SELECT card.registered_clinic_code, card.bhxh_code, $1, '000', $2, $3, 'gateway' FROM card
), audited AS (
  INSERT INTO audit_log (actor_type, actor_id, subject_bhxh_code, action, target_type, target_id, details)
  SELECT 'clinic', card.registered_clinic_code, card.bhxh_code, 'records.card_check.read', 'card_check', '000',
         jsonb_build_object('clinicCode', card.registered_clinic_code, 'displayName', $3::text)
    FROM card
)
SELECT (SELECT row_to_json(card) FROM card) AS card,
       (SELECT row_to_json(clerk) FROM clerk) AS clerk,
       (SELECT row_to_json(person) FROM person) AS person,
       (SELECT coalesce(json_agg(visits), '[]') FROM visits) AS visits,
       (SELECT coalesce(json_agg(checks), '[]') FROM checks) AS checks`;

interface Row {
  card: Record<string, string | null> | null;
  clerk: { full_name: string } | null;
  person: Record<string, string | number | null> | null;
  visits: Record<string, string | number | null>[];
  checks: Record<string, string | null>[];
}

const app = Fastify({ logger: false });
app.post<{ Body: { maThe: string; hoTen: string; ngaySinh: string; hoTenCb: string; cccdCb: string } }>(
  '/api/egw/KQNhanLichSuKCB2024',
  async (request) => {
    const b = request.body;
    const { rows } = await pool.query<Row>(CHECK, [b.maThe, b.cccdCb, b.hoTenCb, b.maThe.slice(-10)]);
    const r = rows[0];
    if (!r?.card || !r.person) return { maKetQua: '050', ghiChu: 'Không có thẻ' };
    if (!r.clerk) return { maKetQua: '054', ghiChu: 'CCCD cán bộ chưa đăng ký' };
    return {
      maKetQua: '000',
      ghiChu: 'Thông tin thẻ chính xác',
      maThe: r.card.card_number,
      hoTen: r.person.full_name,
      ngaySinh: r.person.birth_date ?? String(r.person.birth_year),
      gioiTinh: r.person.gender === 'male' ? 'Nam' : 'Nữ',
      diaChi: r.person.address_line,
      maDKBD: r.card.registered_clinic_code,
      cqBHXH: r.card.issuing_agency_code,
      gtTheTu: r.card.valid_from,
      gtTheDen: r.card.valid_to,
      maKV: null,
      ngayDu5Nam: r.card.five_year_date,
      maSoBHXH: r.person.bhxh_code,
      dsLichSuKCB2018: r.visits,
      dsLichSuKT2018: r.checks,
    };
  },
);
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.stdout.write(`LISTENING ${typeof address === 'object' && address ? address.port : 0}\n`);
process.once(
  'SIGTERM',
  () =>
    void app
      .close()
      .then(() => pool.end())
      .then(() => process.exit(0)),
);
