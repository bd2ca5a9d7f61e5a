/**
 * Benchmark identities for the clinic gateway (issue #24): a credential, a registered clerk and a
 * token pair (signed with the server's own gateway keys, reused by every request as clinic
 * software does) for the clinics of the sampled persons' cards; then one line per sampled person
 * with their card, name and date of birth, and a visit envelope (XML1 + XML11, base64) for the
 * ingestion scenario. The file starts with a `#` header naming the columns (load-worker.ts).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { sql } from 'kysely';
import { GatewayTokens, hashPassword, type KeySealer, openDatabase } from '@vssid/server';

const CLERK_CCCD = '001085000111';
const CLERK_NAME = 'Cán bộ Bench';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const table = (root: string, fields: Record<string, string | number>) =>
  `<?xml version="1.0" encoding="utf-8"?><${root}>${Object.entries(fields)
    .map(([k, v]) => `<${k}>${v}</${k}>`)
    .join('')}</${root}>`;

/** One visit of this person at this clinic: XML1 and an XML11 sick-leave certificate, in the envelope. */
function envelope(row: { card: string; name: string; clinic: string; malk: string }): string {
  const xml1 = table('TONG_HOP', {
    MA_LK: row.malk,
    HO_TEN: row.name,
    MA_THE_BHYT: row.card,
    MA_CSKCB: row.clinic,
    MA_LOAI_KCB: '01',
    MA_DOITUONG_KCB: '1.1',
    CHAN_DOAN_RV: 'Viêm họng cấp',
    MA_BENH_CHINH: 'J02.9',
    NGAY_VAO: '202612070800',
    NGAY_RA: '202612070930',
    SO_NGAY_DTRI: 0,
    KET_QUA_DTRI: 1,
    T_TONGCHI_BV: 350000,
    T_TONGCHI_BH: 300000,
    T_BNCCT: 60000,
    T_BHTT: 240000,
  });
  const xml11 = table('CHI_TIEU_DULIEU_GIAY_NGHI_HUONG_BHXH', {
    MA_LK: row.malk,
    SO_CT: `CT07-${row.malk}`,
    SO_NGAY_NGHI: 3,
    TU_NGAY: '20261207',
    DEN_NGAY: '20261209',
    NGAY_CT: '20261207',
  });
  return b64(
    `<?xml version="1.0" encoding="utf-8"?><GIAMDINHHS><THONGTINHOSO><DANHSACHHOSO><HOSO>` +
      `<FILEHOSO><LOAIHOSO>XML1</LOAIHOSO><NOIDUNGFILE>${b64(xml1)}</NOIDUNGFILE></FILEHOSO>` +
      `<FILEHOSO><LOAIHOSO>XML11</LOAIHOSO><NOIDUNGFILE>${b64(xml11)}</NOIDUNGFILE></FILEHOSO>` +
      `</HOSO></DANHSACHHOSO></THONGTINHOSO></GIAMDINHHS>`,
  );
}

export async function prepareClinics(
  databaseUrl: string,
  file: string,
  sealer: KeySealer,
  bhxhCodes: readonly string[],
): Promise<void> {
  const handle = await openDatabase({
    databaseUrl,
    databaseInMemory: false,
    dataDir: '.',
    databasePoolMax: 2,
  });
  try {
    const db = handle.db;
    // The persons with a card in force, their registered clinic (where they are checked).
    const people = await sql<{ code: string; card: string; name: string; birth: string; clinic: string }>`
      SELECT p.bhxh_code AS code, c.card_number AS card, p.full_name AS name,
             coalesce(to_char(p.birth_date, 'DD/MM/YYYY'), p.birth_year::text) AS birth,
             c.registered_clinic_code AS clinic
        FROM persons p
        JOIN LATERAL (SELECT card_number, registered_clinic_code FROM bhyt_cards bc
                       WHERE bc.bhxh_code = p.bhxh_code AND bc.status = 'active'
                       ORDER BY valid_from DESC LIMIT 1) c ON true
       WHERE p.bhxh_code = ANY(${[...bhxhCodes]})`.execute(db);
    const tokens = await GatewayTokens.open(db, sealer);
    const passwordHash = await hashPassword(randomUUID());
    const issued = new Map<string, { token: string; id: string }>();
    for (const clinic of new Set(people.rows.map((r) => r.clinic))) {
      const row = await db
        .insertInto('clinic_gateway_credentials')
        .values({
          clinic_code: clinic,
          username: `bench.${clinic.toLowerCase()}`,
          password_hash: passwordHash,
          rotated_by: 'bench',
        })
        .onConflict((oc) => oc.column('clinic_code').doUpdateSet({ password_hash: passwordHash }))
        .returning(['username', 'version'])
        .executeTakeFirstOrThrow();
      await db
        .insertInto('clinic_clerks')
        .values({ clinic_code: clinic, cccd: CLERK_CCCD, full_name: CLERK_NAME, registered_by: 'bench' })
        .onConflict((oc) =>
          oc.columns(['clinic_code', 'cccd']).doUpdateSet({ removed_at: null, full_name: CLERK_NAME }),
        )
        .execute();
      const pair = await tokens.issue({ clinicCode: clinic, username: row.username, version: row.version });
      issued.set(clinic, { token: pair.accessToken, id: pair.idToken });
    }
    const run = randomUUID().slice(0, 8);
    const lines = people.rows.map((r, i) => {
      const t = issued.get(r.clinic);
      const malk = `BENCH${run}${String(i).padStart(6, '0')}`;
      return [
        t?.token ?? '',
        t?.id ?? '',
        r.card,
        r.name,
        r.birth,
        r.clinic,
        r.clinic.slice(0, 2),
        CLERK_CCCD,
        CLERK_NAME,
        envelope({ card: r.card, name: r.name, clinic: r.clinic, malk }),
      ].join('\t');
    });
    fs.writeFileSync(
      file,
      ['#token\tidtoken\tcard\tname\tbirth\tclinic\tprovince\tclerk\tclerkname\tenvelope', ...lines].join(
        '\n',
      ),
    );
  } finally {
    await handle.close();
  }
}
