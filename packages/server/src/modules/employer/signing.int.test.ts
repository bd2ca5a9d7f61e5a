import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { submissionChallenge } from '@vssid/domain/signing';
import { buildApp } from '../../app';
import type { CallContext, Principal } from '../../context';
import type { DatabaseHandle } from '../../db/database';
import { AppError } from '../../http/problem';
import { signInAs } from '../../testing/auth';
import { createTestDatabase, testConfig } from '../../testing/database';
import { type CreationOptions, SoftAuthenticator } from '../../testing/webauthn';

const ORIGIN = 'http://localhost:3000';
let database: DatabaseHandle;
let app: FastifyInstance;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig({ RATE_LIMIT_MAX: '100000', PUBLIC_URL: ORIGIN }), { database });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const contextOf = (principal: Principal): CallContext => ({
  principal,
  language: 'vi',
  requestId: 'signing-test',
  client: { ip: '127.0.0.1', userAgent: 'vitest', deviceId: null, deviceLabel: 'vitest' },
});

/** A unit user signed in, with a passkey on a software authenticator (device-bound). */
async function unitUser(unitCode: string, username: string, unitAdmin = true) {
  const { headers, principal } = await signInAs(app, { role: 'employer', unitCode, username, unitAdmin });
  const authenticator = new SoftAuthenticator(ORIGIN);
  const options = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/passkeys/registration/options',
    headers,
  });
  expect(options.statusCode).toBe(200);
  const { challengeId, options: creation } = options.json<{
    challengeId: string;
    options: CreationOptions;
  }>();
  const added = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/passkeys/registration',
    headers,
    payload: { challengeId, response: authenticator.create(creation) },
  });
  expect(added.statusCode).toBe(201);
  return { principal, authenticator, ctx: contextOf(principal) };
}

/** What the web's `signSubmission` does: the device signs the submission's own challenge. */
const sign = (authenticator: SoftAuthenticator, kind: string, payload: unknown) =>
  authenticator.get({
    challenge: submissionChallenge(kind, payload),
    rpId: 'localhost',
  }) as unknown as AuthenticationResponseJSON;

const declaration = {
  unitCode: 'TS0001',
  workers: [{ bhxhCode: '0100000001', salary: 8_000_000, fromMonth: '2026-12' }],
};

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const problem = error as AppError;
  expect(problem.status).toBe(422);
  expect(problem.code).toBe('signature_invalid');
  expect(problem.fieldErrors.map((f) => f.field)).toEqual(['signature']);
  expect(problem.fieldErrors[0]?.message).toMatch(/chữ ký/i);
  return problem;
}

describe('signed submissions (issue #27 item 6)', () => {
  it("accepts the unit admin's signature over exactly the payload, and answers what to keep", async () => {
    const admin = await unitUser('TS0001', 'admin.ts0001');
    const assertion = sign(admin.authenticator, '600', declaration);
    // The payload as the server received it: the same values, its keys in another order.
    const received = {
      workers: [{ fromMonth: '2026-12', salary: 8_000_000, bhxhCode: '0100000001' }],
      unitCode: 'TS0001',
    };
    const kept = await database.db.transaction().execute((trx) =>
      app.submissionSigning.verifySignedSubmission(trx, {
        ctx: admin.ctx,
        unitCode: 'TS0001',
        kind: '600',
        payload: received,
        assertion,
      }),
    );
    expect(kept.credentialId).toBe(assertion.id);
    expect(kept.payloadHash).toBe(submissionChallenge('600', declaration));
    expect(kept.assertion).toEqual(assertion);
    expect(kept.signedAt).toBeInstanceOf(Date);
    const stored = await database.db
      .selectFrom('passkeys')
      .select(['counter', 'last_used_at'])
      .where('id', '=', assertion.id)
      .executeTakeFirstOrThrow();
    expect(Number(stored.counter)).toBe(1);
    expect(stored.last_used_at).not.toBeNull();

    // The same assertion again: its counter does not grow, so it is a replay.
    await refusal(
      database.db.transaction().execute((trx) =>
        app.submissionSigning.verifySignedSubmission(trx, {
          ctx: admin.ctx,
          unitCode: 'TS0001',
          kind: '600',
          payload: declaration,
          assertion,
        }),
      ),
    );
  });

  it('refuses a payload changed after signing, and another kind of submission, and audits it', async () => {
    const admin = await unitUser('TS0002', 'admin.ts0002');
    const payload = { ...declaration, unitCode: 'TS0002' };
    const tampered = {
      ...payload,
      workers: [{ ...declaration.workers[0], salary: 80_000_000 }],
    };
    const problem = await refusal(
      app.submissionSigning.verifySignedSubmission(database.db, {
        ctx: admin.ctx,
        unitCode: 'TS0002',
        kind: '600',
        payload: tampered,
        assertion: sign(admin.authenticator, '600', payload),
      }),
    );
    expect(problem.fieldErrors[0]?.code).toBe('signature');
    await refusal(
      app.submissionSigning.verifySignedSubmission(database.db, {
        ctx: admin.ctx,
        unitCode: 'TS0002',
        kind: '600a',
        payload,
        assertion: sign(admin.authenticator, '600', payload),
      }),
    );
    // Written once the refused call's transaction has ended.
    const refused = () =>
      database.db
        .selectFrom('audit_log')
        .select(['action', 'details'])
        .where('actor_id', '=', admin.principal.accountId)
        .where('action', '=', 'unit.signature.refused')
        .orderBy('id')
        .execute();
    await expect.poll(async () => (await refused()).length).toBe(2);
    const audited = await refused();
    expect(audited[0]?.details).toMatchObject({ reason: 'signature', unitCode: 'TS0002', kind: '600' });
  });

  it("refuses another unit admin's credential, a submission for another unit, and unit staff", async () => {
    const admin = await unitUser('TS0003', 'admin.ts0003');
    const other = await unitUser('TS0004', 'admin.ts0004');
    const payload = { ...declaration, unitCode: 'TS0003' };
    // The other unit's admin signed it; the submission is sent by this unit's admin.
    const foreign = await refusal(
      app.submissionSigning.verifySignedSubmission(database.db, {
        ctx: admin.ctx,
        unitCode: 'TS0003',
        kind: '600',
        payload,
        assertion: sign(other.authenticator, '600', payload),
      }),
    );
    expect(foreign.fieldErrors[0]?.code).toBe('unknown_credential');
    // The other unit's admin sends it for this unit, with their own valid signature.
    const elsewhere = await refusal(
      app.submissionSigning.verifySignedSubmission(database.db, {
        ctx: other.ctx,
        unitCode: 'TS0003',
        kind: '600',
        payload,
        assertion: sign(other.authenticator, '600', payload),
      }),
    );
    expect(elsewhere.fieldErrors[0]?.code).toBe('not_unit_admin');
    // Unit staff have a passkey of their own, but do not sign for the unit.
    const staff = await unitUser('TS0003', 'staff.ts0003', false);
    const notAdmin = await refusal(
      app.submissionSigning.verifySignedSubmission(database.db, {
        ctx: staff.ctx,
        unitCode: 'TS0003',
        kind: '600',
        payload,
        assertion: sign(staff.authenticator, '600', payload),
      }),
    );
    expect(notAdmin.fieldErrors[0]?.code).toBe('not_unit_admin');
    // A disabled admin's key no longer signs.
    await database.db
      .updateTable('accounts')
      .set({ status: 'disabled' })
      .where('id', '=', admin.principal.accountId)
      .execute();
    await refusal(
      app.submissionSigning.verifySignedSubmission(database.db, {
        ctx: admin.ctx,
        unitCode: 'TS0003',
        kind: '600',
        payload,
        assertion: sign(admin.authenticator, '600', payload),
      }),
    );
  });
});
