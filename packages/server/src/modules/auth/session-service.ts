import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type CallContext, signedIn } from '../../context';
import type { Database } from '../../db/schema';
import type { SessionEndReason, SignInMethod } from '../../db/schema-auth';
import { AppError } from '../../http/problem';
import { auditService } from '../audit/service';
import { type AuthCore, deviceOf, originOf } from './core';
import {
  hashRefreshToken,
  type IssuedSession,
  isStaff,
  type OpenedSession,
  principalFor,
  SESSION_SECONDS,
  type SessionView,
  sessionView,
} from './credentials';
import type { Principal } from './guard';
import * as repo from './repository';
import type { AccountRow } from './repository';
import { ACCESS_TOKEN_SECONDS } from './tokens';

function sessionEnded(reason: SessionEndReason) {
  return new AppError(401, 'session_ended', `auth.sessionEnded.${reason}`, {}, [], { reason });
}

/**
 * Sessions (issue "Sign-in" §4–6): opening one on a device (one device at a time for citizens),
 * signing its access token, rotating its refresh token (a token used twice ends it), ending it,
 * and what the account sees of them: the session, the devices, the sign-in history.
 */
export function createSessionService(core: AuthCore) {
  const { db, tokens, sessions } = core;

  /**
   * Opens a session on this device: trusts it and, for a citizen, ends the sessions of every other
   * device (one device at a time) and takes their trust away.
   */
  async function openSession(
    trx: Kysely<Database>,
    account: AccountRow,
    method: SignInMethod,
    ctx: CallContext,
  ): Promise<OpenedSession> {
    const device = deviceOf(ctx);
    const exclusive = account.role === 'citizen';
    const sessionId = randomUUID();
    const sessionExpiresAt = new Date(
      Date.now() + SESSION_SECONDS[isStaff(account.role) ? 'staff' : 'citizen'] * 1000,
    );
    const refreshToken = randomBytes(32).toString('base64url');
    // Device, other devices' trust, other sessions, this session and its refresh token: one statement.
    const ended = await repo.openSessionRows(trx, {
      accountId: account.id,
      deviceId: device.id,
      deviceLabel: device.label,
      exclusive,
      sessionId,
      method,
      expiresAt: sessionExpiresAt,
      ip: ctx.client.ip || null,
      userAgent: ctx.client.userAgent.slice(0, 400),
      refreshHash: hashRefreshToken(refreshToken),
      audit: core.auditEvent(originOf(ctx), account, 'auth.sign_in.succeeded', {
        method,
        device: device.label,
      }),
    });
    sessions.forget(ended);
    return {
      principal: principalFor(account, sessionId),
      refreshToken,
      accessExpiresIn: ACCESS_TOKEN_SECONDS,
      sessionExpiresAt,
      replacedDevice: ended.length > 0,
      view: sessionView(account, device, new Date()),
    };
  }

  /** Signs the access token of an opened session (after its transaction has committed). */
  async function issueSession(opened: OpenedSession): Promise<IssuedSession> {
    return { ...opened, accessToken: await tokens.sign(opened.principal) };
  }

  return {
    openSession,
    issueSession,

    /** Ends every session of an account (in `trx`) and forgets them on this node at once. */
    async endAccountSessions(trx: Kysely<Database>, accountId: string, reason: SessionEndReason) {
      const ended = await repo.endSessionsOfAccount(trx, accountId, reason);
      sessions.forget(ended);
      return ended;
    },

    /** Rotates the refresh token. A token used twice ends its whole session (reuse detection). */
    async refresh(ctx: CallContext, refreshToken: string): Promise<IssuedSession> {
      const tokenHash = hashRefreshToken(refreshToken);
      const outcome = await db.transaction().execute(async (trx) => {
        const found = await repo.findRefreshToken(trx, tokenHash);
        if (!found) return new AppError(401, 'unauthenticated', 'auth.unauthenticated');
        const session = await repo.findSession(trx, found.session_id);
        if (!session) return new AppError(401, 'unauthenticated', 'auth.unauthenticated');
        const account = await repo.findAccountById(trx, session.account_id);
        if (!account) return new AppError(401, 'unauthenticated', 'auth.unauthenticated');
        if (session.ended_at) return sessionEnded(session.end_reason ?? 'expired');
        const firstUse = found.used_at === null && (await repo.useRefreshToken(trx, tokenHash));
        if (!firstUse) {
          await repo.endSession(trx, session.id, 'reuse_detected');
          sessions.forget([session.id]);
          await core.audit(trx, ctx, account, 'auth.refresh_token.reused', { session: session.id });
          return sessionEnded('reuse_detected');
        }
        if (session.expires_at.getTime() < Date.now()) {
          await repo.endSession(trx, session.id, 'expired');
          return sessionEnded('expired');
        }
        if (account.status !== 'active') {
          await repo.endSession(trx, session.id, 'account_disabled');
          return sessionEnded('account_disabled');
        }
        const next = randomBytes(32).toString('base64url');
        await repo.insertRefreshToken(trx, hashRefreshToken(next), session.id);
        await repo.touchSession(trx, session.id);
        return {
          principal: principalFor(account, session.id),
          refreshToken: next,
          accessExpiresIn: ACCESS_TOKEN_SECONDS,
          sessionExpiresAt: session.expires_at,
          replacedDevice: false,
        } satisfies OpenedSession;
      });
      if (outcome instanceof AppError) throw outcome;
      return issueSession(outcome);
    },

    /** Whether the session behind a token is still open (known in memory; see SessionStates). */
    sessionState(sessionId: string): Promise<SessionEndReason | null> {
      return sessions.state(sessionId);
    },

    async signOut(ctx: CallContext): Promise<void> {
      const principal = signedIn(ctx);
      await db.transaction().execute(async (trx) => {
        await repo.endSession(trx, principal.sessionId, 'signed_out');
        await core.audit(trx, ctx, await core.getAccountIn(trx, principal.accountId), 'auth.signed_out');
      });
      sessions.forget([principal.sessionId]);
    },

    async signOutEverywhere(ctx: CallContext): Promise<void> {
      const principal = signedIn(ctx);
      await db.transaction().execute(async (trx) => {
        const ended = await repo.endSessionsOfAccount(trx, principal.accountId, 'signed_out_everywhere');
        sessions.forget(ended);
        const account = await core.getAccountIn(trx, principal.accountId);
        await core.audit(trx, ctx, account, 'auth.signed_out_everywhere', { endedSessions: ended.length });
      });
    },

    /** The session as the app shows it: account, flags and this device. */
    async describeSession(principal: Principal): Promise<SessionView> {
      const account = await core.getAccount(principal.accountId);
      const session = await repo.findSession(db, principal.sessionId);
      const devices = await repo.findDevices(db, account.id);
      const device = devices.find((d) => d.id === session?.device_id);
      return sessionView(
        account,
        { id: device?.id ?? session?.device_id ?? '', label: device?.label ?? '' },
        session?.created_at ?? new Date(),
      );
    },

    async listDevices(ctx: CallContext) {
      const principal = signedIn(ctx);
      const session = await repo.findSession(db, principal.sessionId);
      const devices = await repo.findDevices(db, principal.accountId);
      return devices.map((d) => ({
        id: d.id,
        label: d.label,
        lastSeenAt: d.last_seen_at.toISOString(),
        current: d.id === session?.device_id,
        trusted: d.trusted_at !== null,
      }));
    },

    async signInHistory(ctx: CallContext, limit: number) {
      const principal = signedIn(ctx);
      const rows = await auditService.listForActor(db, principal.role, principal.accountId, {
        actions: [
          'auth.sign_in.succeeded',
          'auth.sign_in.failed',
          'auth.sign_in.refused',
          'auth.account.locked',
          'auth.otp.failed',
        ],
        limit,
      });
      return rows.map((r) => ({
        at: r.at.toISOString(),
        outcome:
          r.action === 'auth.sign_in.succeeded'
            ? ('success' as const)
            : r.action === 'auth.account.locked' || r.details.reason === 'locked'
              ? ('locked' as const)
              : r.action === 'auth.otp.failed'
                ? ('otp_failed' as const)
                : ('failure' as const),
        method: (typeof r.details.method === 'string' ? r.details.method : 'password') as SignInMethod,
        ip: r.ip,
        deviceLabel: typeof r.details.device === 'string' ? r.details.device : null,
      }));
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
