import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { APIRequestContext, Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '@vssid/server';
import {
  artifactPath,
  catalogText,
  closeInOrder,
  collectErrors,
  createAccountWithIssuedPassword,
  DESKTOP_CONTEXT,
  DEV_INBOX_ENV,
  insertActiveCard,
  insertHanoiAgencyAndClinic,
  launchBrowser,
  PHONE_CONTEXT,
  signInThroughApi,
  startSystem,
} from './support';

/**
 * Issue #24, the clinic gateway in the browser: the citizen's card screen shows the official QR;
 * a picture of it is given to the clinic's check page → 000, valid; the clinic's software sends
 * XML1 + XML11 through the gateway; the citizen sees the visit with its sick-leave certificate,
 * and the check under "who viewed my data" with the hospital's name.
 */
let app: FastifyInstance;
let url: string;
let browser: Browser;
let citizen: BrowserContext;
let clinic: BrowserContext;
const text = catalogText('vi');

const CODE = '0100024001';
const NAME = 'Trần Văn Hải';
const PHONE = '0912024001';
const CLINIC = '01B01';
const CLINIC_NAME = 'Bệnh viện Bạch Mai';
const CLINIC_USER = 'bachmai.admin';
const CLINIC_PHONE = '0912024002';
const CLERK = { cccd: '001085000111', name: 'Phạm Thu Trang' };
const GATEWAY_PASSWORD = 'mat-khau-cong-tiep-nhan';
const NEW_PASSWORD = 'Sen-hồng-nở-2026';
const MA_LK = 'BM2026E2E01';

/** Signs in through the public API: the issued password, the OTP of a new device, the forced change. */
const signIn = (request: APIRequestContext, context: BrowserContext, username: string, phone: string) =>
  signInThroughApi(request, context, url, { username, phone, newPassword: NEW_PASSWORD });

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const table = (root: string, fields: Record<string, string | number>) =>
  `<?xml version="1.0" encoding="utf-8"?><${root}>${Object.entries(fields)
    .map(([k, v]) => `<${k}>${v}</${k}>`)
    .join('')}</${root}>`;

beforeAll(async () => {
  ({ app, url } = await startSystem(DEV_INBOX_ENV));
  const db = app.database.db;
  await insertHanoiAgencyAndClinic(db);
  await db
    .insertInto('clinics')
    .values({
      code: CLINIC,
      name: CLINIC_NAME,
      level: 'central',
      address: '78 Giải Phóng',
      province_code: '01',
    })
    .execute();
  await db
    .insertInto('persons')
    .values({
      bhxh_code: CODE,
      full_name: NAME,
      birth_date: '1986-04-21',
      birth_year: 1986,
      gender: 'male',
      phone: PHONE,
      province_code: '01',
    })
    .execute();
  await insertActiveCard(db, { bhxhCode: CODE, objectCode: 'DN' });
  await createAccountWithIssuedPassword(app, {
    role: 'citizen',
    username: CODE,
    displayName: NAME,
    bhxhCode: CODE,
    phone: PHONE,
  });
  await createAccountWithIssuedPassword(app, {
    role: 'clinic',
    username: CLINIC_USER,
    displayName: 'Quản trị Bạch Mai',
    clinicCode: CLINIC,
    phone: CLINIC_PHONE,
  });
  // The agency issued the hospital's gateway credential (argon2id of the password's MD5).
  await db
    .insertInto('clinic_gateway_credentials')
    .values({
      clinic_code: CLINIC,
      username: 'cskcb.01b01',
      password_hash: await hashPassword(createHash('md5').update(GATEWAY_PASSWORD).digest('hex')),
      rotated_by: 'e2e',
    })
    .execute();
  browser = await launchBrowser();
  citizen = await browser.newContext(PHONE_CONTEXT);
  clinic = await browser.newContext(DESKTOP_CONTEXT);
});

afterAll(() => closeInOrder(citizen, clinic, browser, app));

describe('the clinic gateway (issue #24)', () => {
  let qrPicture: Buffer = Buffer.alloc(0);

  it("the citizen's card screen shows the official QR", async () => {
    const page = await citizen.newPage();
    const errors = collectErrors(page);
    await signIn(page.request, citizen, CODE, PHONE);
    await page.goto(`${url}/card`);
    await page.getByTestId('card-holder-name').waitFor();
    await page.getByRole('button', { name: text('card.show') }).click();
    const qr = page.getByTestId('card-dialog').getByTestId('official-qr');
    await qr.waitFor();
    qrPicture = await qr.screenshot();
    expect(errors).toEqual([]);
  });

  it('the clinic registers its clerk, reads the QR picture and gets 000 in words', async () => {
    const page = await clinic.newPage();
    const errors = collectErrors(page);
    await signIn(page.request, clinic, CLINIC_USER, CLINIC_PHONE);
    await page.goto(`${url}/clinic/clerks`);
    const form = page.getByTestId('clinic-clerk-form');
    await form.getByLabel(text('clinicGateway.clerks.cccd')).fill(CLERK.cccd);
    await form.getByLabel(text('clinicGateway.clerks.name')).fill(CLERK.name);
    await form.getByRole('button', { name: text('clinicGateway.clerks.add') }).click();
    await page.getByTestId('clinic-clerks').getByText(CLERK.name).waitFor();

    await page.goto(`${url}/clinic/check`);
    await page.getByTestId('clinic-check').waitFor();
    await page
      .getByTestId('clinic-picture')
      .setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: qrPicture });
    await expect.poll(() => page.getByTestId('clinic-code').inputValue()).toBe(CODE);
    await expect.poll(() => page.getByLabel(text('clinicGateway.check.name')).inputValue()).toBe(NAME);
    await page.getByRole('button', { name: text('clinicGateway.check.submit'), exact: true }).click();
    const result = page.getByTestId('clinic-check-result');
    await result.waitFor();
    expect(await result.getAttribute('data-valid')).toBe('true');
    expect(await result.innerText()).toContain('(000)');
    expect(await result.innerText()).toContain('Trạm Y tế phường Ba Đình');
    await page.getByTestId('clinic-today').getByText(CODE).waitFor();
    await page.screenshot({ path: artifactPath('clinic-gateway-check-vi-1280x800.png') });
    expect(errors).toEqual([]);
  });

  it("the clinic's software sends XML1 + XML11; the citizen sees the visit, the certificate and the check", async () => {
    const token = await fetch(`${url}/api/token/take`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'cskcb.01b01', password: GATEWAY_PASSWORD }),
    });
    const key = ((await token.json()) as { APIKey: { access_token: string; id_token: string } }).APIKey;
    const xml1 = table('TONG_HOP', {
      MA_LK: MA_LK,
      HO_TEN: NAME,
      MA_THE_BHYT: CODE,
      MA_CSKCB: CLINIC,
      MA_LOAI_KCB: '01',
      MA_DOITUONG_KCB: '3',
      CHAN_DOAN_RV: 'Viêm họng cấp',
      MA_BENH_CHINH: 'J02.9',
      NGAY_VAO: '202612060815',
      NGAY_RA: '202612060945',
      SO_NGAY_DTRI: 0,
      KET_QUA_DTRI: 1,
      T_TONGCHI_BV: 350000,
      T_TONGCHI_BH: 300000,
      T_BNCCT: 60000,
      T_BHTT: 240000,
    });
    const xml11 = table('CHI_TIEU_DULIEU_GIAY_NGHI_HUONG_BHXH', {
      MA_LK: MA_LK,
      SO_CT: 'CT07-E2E-1',
      SO_NGAY_NGHI: 3,
      TU_NGAY: '20261206',
      DEN_NGAY: '20261208',
      NGAY_CT: '20261206',
    });
    const envelope = `<GIAMDINHHS><THONGTINHOSO><DANHSACHHOSO><HOSO><FILEHOSO><LOAIHOSO>XML1</LOAIHOSO><NOIDUNGFILE>${b64(xml1)}</NOIDUNGFILE></FILEHOSO><FILEHOSO><LOAIHOSO>XML11</LOAIHOSO><NOIDUNGFILE>${b64(xml11)}</NOIDUNGFILE></FILEHOSO></HOSO></DANHSACHHOSO></THONGTINHOSO></GIAMDINHHS>`;
    const sent = await fetch(
      `${url}/api/qd130/guiHoSoXmlQD4750?token=${key.access_token}&id_token=${key.id_token}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ loaiHoSo: '130', maTinh: '01', maCSKCB: CLINIC, fileHSBase64: b64(envelope) }),
      },
    );
    expect(((await sent.json()) as { maKetQua: string }).maKetQua).toBe('000');

    const page = await citizen.newPage();
    const errors = collectErrors(page);
    await page.goto(`${url}/medical`);
    await page.getByTestId('visit-list').getByText(CLINIC_NAME).waitFor();
    await page.goto(`${url}/medical/${MA_LK}`);
    await page.getByTestId('visit-documents').getByText('CT07-E2E-1').waitFor();
    await page.goto(`${url}/profile`);
    const entry = page
      .getByTestId('data-access-entry')
      .filter({ hasText: text('dataAccess.actions.records.card_check.read') });
    await entry.first().waitFor();
    expect(await entry.first().innerText()).toContain(CLINIC_NAME);
    // "Bệnh viện Bạch Mai đã kiểm tra thẻ của bạn lúc …": the clinic's name, not its code.
    expect(await entry.first().getByTestId('data-access-clinic-check').innerText()).toMatch(
      new RegExp(`^${CLINIC_NAME} đã kiểm tra thẻ của bạn lúc .*\\d`),
    );
    await page.screenshot({ path: artifactPath('clinic-gateway-data-access-vi-390x844.png') });
    expect(errors).toEqual([]);
  });
});
