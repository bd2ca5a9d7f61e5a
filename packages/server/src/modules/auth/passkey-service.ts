import { randomUUID } from 'node:crypto';
import {
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { Kysely } from 'kysely';
import { type CallContext, signedIn } from '../../context';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import { accountAuditor } from '../audit/service';
import * as passkeyRepo from './passkey-repository';
import * as repo from './repository';
import type { AccountRow } from './repository';
import type { AuthService, IssuedSession } from './service';

/** A WebAuthn challenge lives this long and is used at most once (webauthn_challenges). */
const PASSKEY_CHALLENGE_SECONDS = 300;
/** How many passkeys one account may hold (a phone, a laptop, a security key … with room to spare). */
const MAX_PASSKEYS_PER_ACCOUNT = 10;
const RP_NAME = 'VssID – Bảo hiểm xã hội số';
const TRANSPORTS = new Set(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']);

interface PasskeyView {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** WebAuthn options as sent to the browser (JSON, passed to @simplewebauthn/browser as they are). */
type WebAuthnOptions = Record<string, unknown> & { challenge: string };

/**
 * Passkeys ("Đăng nhập bằng vân tay / khuôn mặt", issue "Sign-in" §5): WebAuthn registration for
 * a signed-in account, sign-in with one, list and removal. The relying party is the public URL:
 * its host name is the RP ID and its origin the only accepted origin.
 *
 * Decisions (named for the README):
 * - User verification (fingerprint, face, device PIN) is REQUIRED at registration and at every
 *   sign-in, so one passkey gesture proves possession of the device AND the person: for citizens
 *   it replaces password + OTP, and the device becomes the account's one current device (the
 *   other device's session ends, as after an OTP).
 * - Staff: a passkey counts as both factors only when it is DEVICE-BOUND (not synced: the
 *   authenticator says it is not backup-eligible). A synced passkey can travel to any PC the
 *   officer's cloud account reaches, which is too weak for the every-time second factor staff
 *   must use; staff registering one get `passkey_staff_device_bound`, and a staff passkey that
 *   later reports being backed up is refused at sign-in.
 * - A password lockout does not block passkey sign-in: the lockout guards against guessing
 *   passwords, and a passkey cannot be guessed. A disabled account is refused.
 */
export function createPasskeyService(deps: { db: Kysely<Database>; auth: AuthService; publicUrl: string }) {
  const { db, auth } = deps;
  const url = new URL(deps.publicUrl);
  const rpID = url.hostname;
  const origin = url.origin;

  const audit = accountAuditor((details) => ({
    type: 'passkey',
    id: typeof details.passkey === 'string' ? details.passkey.slice(0, 200) : null,
  }));

  const expired = () => new AppError(410, 'passkey_challenge_expired', 'auth.passkey.challengeExpired');
  const invalid = () => new AppError(401, 'passkey_invalid', 'auth.passkey.invalid');

  async function newChallenge(
    kind: 'registration' | 'authentication',
    accountId: string | null,
    challenge: string,
  ): Promise<string> {
    const id = randomUUID();
    await passkeyRepo.insertChallenge(db, {
      id,
      account_id: accountId,
      kind,
      challenge,
      expires_at: new Date(Date.now() + PASSKEY_CHALLENGE_SECONDS * 1000),
    });
    // Old challenges are cleared as new ones are made (there is no separate sweeper).
    await passkeyRepo.deleteChallengesExpiredBefore(db, new Date(Date.now() - 3600_000));
    return id;
  }

  async function accountOf(ctx: CallContext): Promise<AccountRow> {
    const account = await repo.findAccountById(db, signedIn(ctx).accountId);
    if (!account) throw new AppError(401, 'unauthenticated', 'auth.unauthenticated');
    return account;
  }

  const transportsOf = (list: string[]) => list.filter((t) => TRANSPORTS.has(t)) as AuthenticatorTransport[];

  return {
    rpID,
    origin,

    /** Registration, step one: options for `navigator.credentials.create()` and the challenge id to answer. */
    async registrationOptions(ctx: CallContext): Promise<{ challengeId: string; options: WebAuthnOptions }> {
      const account = await accountOf(ctx);
      const existing = await passkeyRepo.findPasskeyIdsOfAccount(db, account.id);
      if (existing.length >= MAX_PASSKEYS_PER_ACCOUNT)
        throw new AppError(409, 'passkey_limit', 'auth.passkey.limit', { max: MAX_PASSKEYS_PER_ACCOUNT });
      const options = await generateRegistrationOptions({
        rpName: RP_NAME,
        rpID,
        userName: account.username,
        userDisplayName: account.display_name,
        // The user handle is the account id: stable, so an authenticator keeps one passkey per account.
        userID: new TextEncoder().encode(`vssid:${account.id}`),
        attestationType: 'none',
        excludeCredentials: existing.map((p) => ({ id: p.id, transports: transportsOf(p.transports) })),
        authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
        // ES256 and RS256 (Windows Hello); EdDSA too.
        supportedAlgorithmIDs: [-7, -8, -257],
        timeout: PASSKEY_CHALLENGE_SECONDS * 1000,
      });
      const challengeId = await newChallenge('registration', account.id, options.challenge);
      return { challengeId, options: { ...options } };
    },

    /** Registration, step two: verifies the authenticator's answer and stores the passkey. */
    async register(
      ctx: CallContext,
      input: { challengeId: string; response: RegistrationResponseJSON; name?: string | undefined },
    ): Promise<PasskeyView> {
      const account = await accountOf(ctx);
      const outcome = await db.transaction().execute(async (trx) => {
        const challenge = await passkeyRepo.useChallenge(trx, input.challengeId, 'registration');
        if (!challenge || challenge.account_id !== account.id)
          return { failed: 'challenge_expired', error: 'expired' as const };
        let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
        try {
          verified = await verifyRegistrationResponse({
            response: input.response,
            expectedChallenge: challenge.challenge,
            expectedOrigin: origin,
            expectedRPID: rpID,
            requireUserVerification: true,
          });
        } catch (error) {
          return { failed: error instanceof Error ? error.message.slice(0, 200) : 'invalid' };
        }
        if (!verified.verified) return { failed: 'not_verified' };
        const info = verified.registrationInfo;
        if (account.role !== 'citizen' && info.credentialDeviceType !== 'singleDevice')
          return { failed: 'staff_synced_passkey', error: 'staff' as const };
        if (await passkeyRepo.passkeyExists(trx, info.credential.id))
          return { failed: 'already_registered', error: 'taken' as const };
        const name = (input.name?.trim() || ctx.client.deviceLabel || 'Passkey').slice(0, 60);
        const row = await passkeyRepo.insertPasskey(trx, {
          id: info.credential.id,
          account_id: account.id,
          public_key: Buffer.from(info.credential.publicKey),
          counter: info.credential.counter,
          transports: transportsOf(input.response.response.transports ?? []),
          device_type: info.credentialDeviceType,
          backed_up: info.credentialBackedUp,
          name,
        });
        await audit(trx, ctx, account, 'auth.passkey.added', {
          passkey: row.id,
          name,
          deviceType: info.credentialDeviceType,
          backedUp: info.credentialBackedUp,
          aaguid: info.aaguid,
        });
        return { row };
      });
      if ('row' in outcome && outcome.row) {
        const row = outcome.row;
        return {
          id: row.id,
          name: row.name,
          createdAt: row.created_at.toISOString(),
          lastUsedAt: null,
        };
      }
      await audit(db, ctx, account, 'auth.passkey.failed', { stage: 'registration', reason: outcome.failed });
      if (outcome.error === 'expired') throw expired();
      if (outcome.error === 'staff')
        throw new AppError(400, 'passkey_staff_device_bound', 'auth.passkey.staffDeviceBound');
      if (outcome.error === 'taken')
        throw new AppError(409, 'passkey_already_registered', 'auth.passkey.alreadyRegistered');
      throw new AppError(400, 'passkey_verification_failed', 'auth.passkey.verificationFailed');
    },

    async list(ctx: CallContext): Promise<PasskeyView[]> {
      const rows = await passkeyRepo.findPasskeysOfAccount(db, signedIn(ctx).accountId);
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        createdAt: r.created_at.toISOString(),
        lastUsedAt: r.last_used_at?.toISOString() ?? null,
      }));
    },

    /** Removes one of the caller's own passkeys; anyone else's (or none) answers 404. */
    async remove(ctx: CallContext, id: string): Promise<void> {
      const account = await accountOf(ctx);
      await db.transaction().execute(async (trx) => {
        const removed = await passkeyRepo.deletePasskeyOfAccount(trx, id, account.id);
        if (!removed) throw new AppError(404, 'not_found', 'notFound');
        await audit(trx, ctx, account, 'auth.passkey.removed', { passkey: removed.id, name: removed.name });
      });
    },

    /**
     * Sign-in, step one: options for `navigator.credentials.get()`. With a user name, that
     * account's passkeys are listed; without one (or for an unknown name, which answers the same),
     * the authenticator offers its discoverable credentials for this site.
     */
    async authenticationOptions(
      ctx: CallContext,
      input: { username?: string | undefined },
    ): Promise<{ challengeId: string; options: WebAuthnOptions }> {
      await auth.limiter.hit([{ key: `passkey:ip:${ctx.client.ip}`, max: 60, windowSeconds: 600 }]);
      const username = input.username?.trim().toLowerCase();
      const account = username ? await repo.findAccountByUsername(db, username) : undefined;
      const keys = account ? await passkeyRepo.findPasskeyIdsOfAccount(db, account.id) : [];
      const options = await generateAuthenticationOptions({
        rpID,
        userVerification: 'required',
        timeout: PASSKEY_CHALLENGE_SECONDS * 1000,
        ...(keys.length
          ? { allowCredentials: keys.map((k) => ({ id: k.id, transports: transportsOf(k.transports) })) }
          : {}),
      });
      const challengeId = await newChallenge(
        'authentication',
        keys.length && account ? account.id : null,
        options.challenge,
      );
      return { challengeId, options: { ...options } };
    },

    /** Sign-in, step two: verifies the signature and opens a session (no OTP: see the decisions above). */
    async authenticate(
      ctx: CallContext,
      input: { challengeId: string; response: AuthenticationResponseJSON },
    ): Promise<IssuedSession> {
      await auth.limiter.hit([{ key: `passkey:ip:${ctx.client.ip}`, max: 60, windowSeconds: 600 }]);
      const outcome = await db.transaction().execute(async (trx) => {
        const challenge = await passkeyRepo.useChallenge(trx, input.challengeId, 'authentication');
        if (!challenge) return { failed: 'challenge_expired' as const, account: null };
        const passkey = await passkeyRepo.findPasskey(trx, input.response.id);
        if (!passkey) return { failed: 'unknown_passkey' as const, account: null };
        const account = await repo.findAccountById(trx, passkey.account_id);
        if (!account) return { failed: 'unknown_passkey' as const, account: null };
        if (challenge.account_id !== null && challenge.account_id !== account.id)
          return { failed: 'other_account' as const, account, passkey: passkey.id };
        let verified: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
        try {
          verified = await verifyAuthenticationResponse({
            response: input.response,
            expectedChallenge: challenge.challenge,
            expectedOrigin: origin,
            expectedRPID: rpID,
            requireUserVerification: true,
            credential: {
              id: passkey.id,
              publicKey: new Uint8Array(passkey.public_key),
              counter: Number(passkey.counter),
              transports: transportsOf(passkey.transports),
            },
          });
        } catch (error) {
          return {
            failed: 'signature' as const,
            detail: error instanceof Error ? error.message.slice(0, 200) : 'invalid',
            account,
            passkey: passkey.id,
          };
        }
        if (!verified.verified) return { failed: 'signature' as const, account, passkey: passkey.id };
        const info = verified.authenticationInfo;
        if (account.status !== 'active') return { failed: 'disabled' as const, account, passkey: passkey.id };
        if (
          account.role !== 'citizen' &&
          (info.credentialBackedUp || info.credentialDeviceType !== 'singleDevice')
        )
          return { failed: 'staff_synced_passkey' as const, account, passkey: passkey.id };
        await passkeyRepo.recordPasskeyUse(trx, passkey.id, {
          counter: info.newCounter,
          backedUp: info.credentialBackedUp,
        });
        await audit(trx, ctx, account, 'auth.passkey.used', { passkey: passkey.id, name: passkey.name });
        return { session: await auth.openSession(trx, account, 'passkey', ctx) };
      });
      if ('session' in outcome && outcome.session) return auth.issueSession(outcome.session);
      await audit(db, ctx, outcome.account, 'auth.passkey.failed', {
        stage: 'authentication',
        reason: outcome.failed,
        ...('passkey' in outcome
          ? { passkey: outcome.passkey }
          : { passkey: input.response.id.slice(0, 200) }),
        ...('detail' in outcome ? { detail: outcome.detail } : {}),
      });
      if (outcome.failed === 'challenge_expired') throw expired();
      if (outcome.failed === 'disabled') throw new AppError(403, 'account_disabled', 'auth.accountDisabled');
      if (outcome.failed === 'staff_synced_passkey')
        throw new AppError(400, 'passkey_staff_device_bound', 'auth.passkey.staffDeviceBound');
      throw invalid();
    },
  };
}
