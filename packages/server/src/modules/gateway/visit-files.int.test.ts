import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLINIC,
  CLINIC_NAME,
  credentialAndToken,
  type GatewayWorld,
  OK_NAME,
  P,
  startGatewayWorld,
  stopGatewayWorld,
} from './test-fixtures';

/**
 * `POST /api/qd130/guiHoSoXmlQD4750` against a real database: a valid visit with its sick-leave
 * certificate in the person's medical history, field errors, a resubmitted MA_LK, an entity
 * expansion attempt, oversized files.
 */

let world: GatewayWorld | undefined;
let query = '';

beforeAll(async () => {
  world = await startGatewayWorld();
  ({ query } = await credentialAndToken(world));
}, 60_000);
afterAll(() => stopGatewayWorld(world));

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const table = (root: string, fields: Record<string, string | number>) =>
  `<?xml version="1.0" encoding="utf-8"?><${root}>${Object.entries(fields)
    .map(([k, v]) => `<${k}>${v}</${k}>`)
    .join('')}</${root}>`;

const XML1 = {
  MA_LK: 'BM2026120701',
  MA_BN: 'BN0001',
  HO_TEN: OK_NAME,
  SO_CCCD: '001080012345',
  NGAY_SINH: '198005120000',
  GIOI_TINH: 1,
  MA_THE_BHYT: P.ok,
  MA_DKBD: '01C54',
  GT_THE_TU: '20260101',
  GT_THE_DEN: '20261231',
  LY_DO_VV: 'Sốt cao, ho',
  MA_DOITUONG_KCB: '3.1',
  CHAN_DOAN_VAO: 'Viêm phổi',
  CHAN_DOAN_RV: 'Viêm phổi do vi khuẩn',
  MA_BENH_CHINH: 'J15.9',
  MA_BENH_KT: '',
  NGAY_VAO: '202612010800',
  NGAY_RA: '202612050930',
  SO_NGAY_DTRI: 4,
  KET_QUA_DTRI: 1,
  T_TONGCHI_BV: 5200000,
  T_TONGCHI_BH: 5000000,
  T_BNCCT: 1000000,
  T_BHTT: 4000000,
  MA_LOAI_KCB: '03',
  MA_CSKCB: CLINIC,
};
const XML11 = {
  MA_LK: XML1.MA_LK,
  SO_CT: 'CT07-000123',
  SO_SERI: 'AA000123',
  DON_VI: 'Công ty TNHH Ánh Dương',
  MA_BHXH: P.ok,
  MA_THE_BHYT: P.ok,
  CHAN_DOAN_RV: 'Viêm phổi do vi khuẩn',
  PP_DIEUTRI: 'Kháng sinh',
  SO_NGAY_NGHI: 7,
  TU_NGAY: '20261201',
  DEN_NGAY: '20261207',
  MA_BS: 'BS001',
  NGAY_CT: '20261205',
  MAU_SO: 'CT07',
};

function envelope(files: [string, string][], extra = '') {
  return `<?xml version="1.0" encoding="utf-8"?>${extra}<GIAMDINHHS><THONGTINDONVI><MACSKCB>${CLINIC}</MACSKCB></THONGTINDONVI><THONGTINHOSO><NGAYLAP>20261207</NGAYLAP><SOLUONGHOSO>1</SOLUONGHOSO><DANHSACHHOSO><HOSO>${files
    .map(
      ([type, xml]) =>
        `<FILEHOSO><LOAIHOSO>${type}</LOAIHOSO><NOIDUNGFILE>${b64(xml)}</NOIDUNGFILE></FILEHOSO>`,
    )
    .join('')}</HOSO></DANHSACHHOSO></THONGTINHOSO></GIAMDINHHS>`;
}

interface Receipt {
  maKetQua: string;
  maGiaoDich: string | null;
  thoiGianTiepNhan: string | null;
  thongDiep: string;
  dsLoi: { file: string; field: string; code: string; message: string }[];
}

async function send(xml: string, q = query) {
  const res = await world!.app.inject({
    method: 'POST',
    url: `/api/qd130/guiHoSoXmlQD4750?${q}`,
    payload: { loaiHoSo: '130', maTinh: '01', maCSKCB: CLINIC, fileHSBase64: b64(xml) },
  });
  expect(res.statusCode).toBe(200);
  return res.json<Receipt>();
}

const visitsOf = async () =>
  (
    await world!.app.inject({ method: 'GET', url: '/api/v1/me/medical-visits', headers: world!.citizen })
  ).json<{ items: { maLk: string; clinicName: string; diagnosis: string; documentCount: number }[] }>().items;

describe('visit files', () => {
  it('401 without a token', async () => {
    expect((await send(envelope([['XML1', table('TONG_HOP', XML1)]]), '')).maKetQua).toBe('401');
  });

  it('XML1 + XML11 accepted: the visit and its sick-leave certificate in the medical history, audited', async () => {
    const r = await send(
      envelope([
        ['XML1', table('TONG_HOP', XML1)],
        ['XML11', table('CHI_TIEU_DULIEU_GIAY_NGHI_HUONG_BHXH', XML11)],
      ]),
    );
    expect(r).toMatchObject({ maKetQua: '000', dsLoi: [], thongDiep: 'Tiếp nhận hồ sơ thành công' });
    expect(r.thoiGianTiepNhan).toBe('20261207081500');
    expect(r.maGiaoDich).toMatch(/^20261207081500-/);
    const visits = await visitsOf();
    expect(visits).toContainEqual(
      expect.objectContaining({ maLk: XML1.MA_LK, clinicName: CLINIC_NAME, documentCount: 1 }),
    );
    const one = await world!.app.inject({
      method: 'GET',
      url: `/api/v1/me/medical-visits/${XML1.MA_LK}`,
      headers: world!.citizen,
    });
    expect(one.json()).toMatchObject({
      route: 3,
      fundPaid: 4000000,
      documents: [
        {
          kind: 'sick_leave',
          number: 'CT07-000123',
          issuedOn: '2026-12-05',
          content: { days: 7, from: '2026-12-01', to: '2026-12-07', doctor: 'BS001', bhxhCode: P.ok },
        },
      ],
    });
    const trail = await world!.app.inject({
      method: 'GET',
      url: '/api/v1/me/data-access',
      headers: world!.citizen,
    });
    expect(JSON.stringify(trail.json())).toContain('records.clinic_visit.read');
  });

  it("refuses a sick-leave certificate naming another person's BHXH code", async () => {
    const r = await send(
      envelope([
        ['XML1', table('TONG_HOP', XML1)],
        ['XML11', table('CHI_TIEU_DULIEU_GIAY_NGHI_HUONG_BHXH', { ...XML11, MA_BHXH: '7900000999' })],
      ]),
    );
    expect(r.maKetQua).toBe('205');
    expect(r.dsLoi).toContainEqual(
      expect.objectContaining({ file: 'XML11', field: 'MA_BHXH', code: 'field.other_person' }),
    );
  });

  it('field errors name the table and the field, and nothing is saved', async () => {
    const r = await send(
      envelope([
        [
          'XML1',
          table('TONG_HOP', {
            ...XML1,
            MA_LK: 'BM-BAD-1',
            NGAY_VAO: '2026130108',
            T_BHTT: 4500000,
            MA_BENH_CHINH: 'viêm',
          }),
        ],
      ]),
    );
    expect(r.maKetQua).toBe('205');
    expect(r.dsLoi.map((e) => `${e.file}.${e.field}`).sort()).toEqual([
      'XML1.MA_BENH_CHINH',
      'XML1.NGAY_VAO',
      'XML1.T_BHTT',
    ]);
    expect(r.dsLoi.find((e) => e.field === 'T_BHTT')?.message).toBe(
      'T_BHTT phải bằng T_TONGCHI_BH trừ T_BNCCT',
    );
    expect((await visitsOf()).map((v) => v.maLk)).not.toContain('BM-BAD-1');
    const missing = await send(envelope([['XML11', table('CT07', XML11)]]));
    expect(missing.dsLoi).toContainEqual(
      expect.objectContaining({ file: 'XML1', code: 'file.xml1_required' }),
    );
  });

  it('the same MA_LK sent again replaces the visit; another clinic cannot take it', async () => {
    const r = await send(
      envelope([['XML1', table('TONG_HOP', { ...XML1, CHAN_DOAN_RV: 'Viêm phổi, đã khỏi' })]]),
    );
    expect(r.maKetQua).toBe('000');
    const same = (await visitsOf()).filter((v) => v.maLk === XML1.MA_LK);
    expect(same).toHaveLength(1);
    expect(same[0]).toMatchObject({ diagnosis: 'Viêm phổi, đã khỏi', documentCount: 0 });
    const other = await credentialAndToken(world!, '01C54');
    const taken = await world!.app.inject({
      method: 'POST',
      url: `/api/qd130/guiHoSoXmlQD4750?${other.query}`,
      payload: {
        loaiHoSo: '130',
        maTinh: '01',
        maCSKCB: '01C54',
        fileHSBase64: b64(envelope([['XML1', table('TONG_HOP', { ...XML1, MA_CSKCB: '01C54' })]])),
      },
    });
    expect(taken.json<Receipt>().dsLoi).toContainEqual(
      expect.objectContaining({ field: 'MA_LK', code: 'field.ma_lk_taken' }),
    );
  });

  it('an entity-expansion attempt is refused before parsing, in a file or in the envelope', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><TONG_HOP><MA_LK>&lol2;</MA_LK></TONG_HOP>`;
    const r = await send(envelope([['XML1', bomb]]));
    expect(r.maKetQua).toBe('205');
    expect(r.dsLoi).toEqual([expect.objectContaining({ file: 'XML1', code: 'xml.dtd_refused' })]);
    const outer = await send(
      envelope([['XML1', table('TONG_HOP', XML1)]], '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'),
    );
    expect(outer.dsLoi).toEqual([expect.objectContaining({ file: 'GIAMDINHHS', code: 'xml.dtd_refused' })]);
  });

  it('a file over 2 MB is refused by name; a body over the limit is a 413', async () => {
    const big = table('TONG_HOP', { ...XML1, LY_DO_VV: 'x'.repeat(2 * 1024 * 1024) });
    const r = await send(envelope([['XML1', big]]));
    expect(r.dsLoi).toContainEqual(
      expect.objectContaining({ file: 'XML1', field: 'NOIDUNGFILE', code: 'file.too_large' }),
    );
    const huge = await world!.app.inject({
      method: 'POST',
      url: `/api/qd130/guiHoSoXmlQD4750?${query}`,
      payload: { loaiHoSo: '130', maTinh: '01', maCSKCB: CLINIC, fileHSBase64: 'A'.repeat(12 * 1024 * 1024) },
    });
    expect(huge.statusCode).toBe(413);
  });
});
