import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database';
import { authTestKit, DEVICE_A, DEVICE_B } from '../auth/test-fixtures';
/** Staff sign in with an OTP every time; an agency admin manages only their own officers. */

let database: DatabaseHandle;
let app: FastifyInstance;
const kit = authTestKit();
const { lastText, post, json, signInWithOtp, bearer, setInitialPassword } = kit;

beforeAll(async () => {
  ({ database, app } = await kit.start());
});
afterAll(async () => {
  await kit.stop();
});

describe('staff', () => {
  async function newStaff(role: 'agency_admin' | 'officer', agency: string, username: string, phone: string) {
    await database.db
      .transaction()
      .execute((trx) =>
        app.auth.createAccountWithIssuedPassword(
          trx,
          { role, username, displayName: 'Trần Văn Bình', agencyCode: agency, phone },
          { ip: '127.0.0.1', requestId: 'test' },
        ),
      );
    const text = await lastText(phone);
    const password = /([A-Za-z0-9]{10})\./.exec(text.replace(/^.*?(Mật khẩu|Password): /, ''))?.[1] ?? '';
    return { username, phone, password };
  }

  it('need an OTP every time, and an agency admin manages only their own officers', async () => {
    const admin = await newStaff('agency_admin', '01', 'admin.hanoi', '0981000001');
    const s = await signInWithOtp(admin.username, admin.password, admin.phone, DEVICE_A);
    const access =
      (await setInitialPassword(s.tokens?.accessToken ?? '', 'Ho-Guom-Xanh-2026')).tokens?.accessToken ?? '';
    // Same device, right password: still an OTP.
    const again = await post(
      '/api/v1/auth/sign-in',
      { username: admin.username, password: 'Ho-Guom-Xanh-2026' },
      { 'x-device-id': DEVICE_A },
    );
    expect(json(again)).toMatchObject({ status: 'otp_required', reason: 'staff_second_factor' });

    const created = await post(
      '/api/v1/staff/officers',
      { username: 'canbo.an', displayName: 'Lê Thị An', phone: '0981000002' },
      { ...bearer(access), 'idempotency-key': randomUUID() },
    );
    expect(created.statusCode).toBe(201);
    const issuedSms = await lastText('0981000002');
    expect(issuedSms).toContain('canbo.an');
    const duplicate = await post(
      '/api/v1/staff/officers',
      { username: 'canbo.an', displayName: 'X Y', phone: '0981000003' },
      { ...bearer(access), 'idempotency-key': randomUUID() },
    );
    expect(duplicate.statusCode).toBe(409);
    const list = await app.inject({ url: '/api/v1/staff/officers', headers: bearer(access) });
    expect(list.json<{ officers: { username: string }[] }>().officers.map((o) => o.username)).toEqual(
      expect.arrayContaining(['admin.hanoi', 'canbo.an']),
    );

    // The officer signs in; the admin disables them; their session ends.
    const officerPassword =
      /([A-Za-z0-9]{10})\./.exec(issuedSms.replace(/^.*?(Mật khẩu|Password): /, ''))?.[1] ?? '';
    const o = await signInWithOtp('canbo.an', officerPassword, '0981000002', DEVICE_B);
    const officerAccess = o.tokens?.accessToken ?? '';
    const forbidden = await app.inject({ url: '/api/v1/staff/officers', headers: bearer(officerAccess) });
    expect(forbidden.statusCode).toBe(403);
    const disable = await post(
      `/api/v1/staff/officers/${String(json(created).id)}/status`,
      { status: 'disabled' },
      { ...bearer(access), 'idempotency-key': randomUUID() },
    );
    expect(disable.statusCode).toBe(204);
    const ended = await app.inject({ url: '/api/v1/auth/session', headers: bearer(officerAccess) });
    expect(ended.json()).toMatchObject({ reason: 'account_disabled' });
    const refused = await post('/api/v1/auth/sign-in', { username: 'canbo.an', password: officerPassword });
    expect(refused.statusCode).toBe(403);

    // Another agency's officer is not found.
    const other = await newStaff('officer', '79', 'canbo.hcm', '0981000009');
    const row = await database.db
      .selectFrom('accounts')
      .select('id')
      .where('username', '=', other.username)
      .executeTakeFirstOrThrow();
    const foreign = await post(
      `/api/v1/staff/officers/${row.id}/status`,
      { status: 'disabled' },
      { ...bearer(access), 'idempotency-key': randomUUID() },
    );
    expect(foreign.statusCode).toBe(404);

    // Issue 25: the admin also creates a communications officer, who writes news and nothing else.
    const comms = await post(
      '/api/v1/staff/officers',
      {
        username: 'truyenthong.an',
        displayName: 'Đỗ Thị Truyền',
        phone: '0981000010',
        role: 'communications',
      },
      { ...bearer(access), 'idempotency-key': randomUUID() },
    );
    expect(comms.statusCode).toBe(201);
    expect(json(comms)).toMatchObject({ role: 'communications' });
    const commsPassword =
      /([A-Za-z0-9]{10})\./.exec(
        (await lastText('0981000010')).replace(/^.*?(Mật khẩu|Password): /, ''),
      )?.[1] ?? '';
    const c = await signInWithOtp('truyenthong.an', commsPassword, '0981000010', DEVICE_B);
    const commsAccess =
      (await setInitialPassword(c.tokens?.accessToken ?? '', 'Tin-Chinh-Sach-2026')).tokens?.accessToken ??
      '';
    expect((await app.inject({ url: '/api/v1/news', headers: bearer(commsAccess) })).statusCode).toBe(200);
    expect(
      (await app.inject({ url: '/api/v1/officer/tickets', headers: bearer(commsAccess) })).statusCode,
    ).toBe(403);
  });
});
