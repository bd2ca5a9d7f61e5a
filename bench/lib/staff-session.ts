/**
 * A bench identity of the back offices (`officers.ts`, `employers.ts`): a staff account, created or
 * taken over when its user name is in use, with a device, a session open for a day and an access
 * token signed with the server's own keys.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { AccessTokens, Database } from '@vssid/server';

interface StaffIdentity {
  role: 'officer' | 'employer';
  username: string;
  displayName: string;
  agencyCode: string | null;
  unitCode: string | null;
  /** The account's password hash (of a password nobody uses: the session is opened here). */
  passwordHash: string;
}

/** The account of `staff` with an open session: its access token and its device's id. */
export async function openStaffSession(
  db: Kysely<Database>,
  tokens: AccessTokens,
  staff: StaffIdentity,
): Promise<{ token: string; device: string }> {
  const account = await db
    .insertInto('accounts')
    .values({
      role: staff.role,
      username: staff.username,
      agency_code: staff.agencyCode,
      unit_code: staff.unitCode,
      display_name: staff.displayName,
      password_hash: staff.passwordHash,
      must_change_password: false,
    })
    .onConflict((oc) =>
      oc
        .column('username')
        .where(sql<boolean>`status <> 'closed'`)
        .doUpdateSet({ must_change_password: false }),
    )
    .returning(['id', 'display_name'])
    .executeTakeFirstOrThrow();
  const device = randomUUID();
  await db.insertInto('devices').values({ account_id: account.id, id: device, label: 'bench' }).execute();
  const sessionId = randomUUID();
  await db
    .insertInto('sessions')
    .values({
      id: sessionId,
      account_id: account.id,
      device_id: device,
      method: 'password',
      expires_at: new Date(Date.now() + 86_400_000),
    })
    .execute();
  const token = await tokens.sign({
    accountId: account.id,
    sessionId,
    role: staff.role,
    bhxhCode: null,
    agencyCode: staff.agencyCode,
    unitCode: staff.unitCode,
    clinicCode: null,
    displayName: account.display_name,
    mustChangePassword: false,
  });
  return { token, device };
}
