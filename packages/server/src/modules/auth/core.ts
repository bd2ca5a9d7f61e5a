import { randomBytes } from 'node:crypto';
import type { AuditAction } from '@vssid/domain';
import type { Kysely } from 'kysely';
import type { CallContext } from '../../context';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import type { Translator } from '../../i18n';
import { createChallenges } from '../lookup/challenges';
import { accountEvent, type NewAuditEvent, auditService } from '../audit/service';
import { hashPassword } from './credentials';
import { RateLimiter } from './rate-limit';
import * as repo from './repository';
import type { AccountRow } from './repository';
import { SessionStates, type Subscribe } from './session-states';
import type { AccessTokens } from './tokens';

export interface AuthServiceDeps {
  db: Kysely<Database>;
  tokens: AccessTokens;
  translator: Translator;
  /**
   * Without a subscription to session ends (`listen`), a session's state as seen by this node is
   * re-read after this long (revocations elsewhere show up within it).
   */
  sessionCacheMs?: number;
  /** The database's notification subscription (DatabaseHandle.listen): session ends arrive live. */
  listen?: Subscribe;
  /** Password sign-ins per client IP per 10 minutes (SIGNIN_RATE_LIMIT_PER_IP). */
  signInPerIp?: number;
  /** The look-up's proof-of-work difficulty (LOOKUP_POW_BITS): sign-in's challenges scale on it (protection.ts). */
  powBits?: number;
}

/**
 * What an audit entry keeps of the call that wrote it: the client's address and the request id
 * (a `CallContext` has both; other modules creating accounts give just these).
 */
export interface AuditOrigin {
  ip: string;
  requestId: string;
}

export const originOf = (ctx: CallContext): AuditOrigin => ({ ip: ctx.client.ip, requestId: ctx.requestId });

/**
 * The device a sign-in binds: the auth routes always name one (`authContext` in plugin.ts sets the
 * device cookie of a browser that has none), as do the tests and the command line.
 */
export function deviceOf(ctx: CallContext): { id: string; label: string } {
  const id = ctx.client.deviceId;
  if (!id) throw new Error('a sign-in needs the device id (auth/plugin.ts authContext)');
  return { id, label: ctx.client.deviceLabel };
}

/**
 * What the parts of the auth service share (sign-in, sessions, OTP, passwords): the database,
 * the token signer, the limits, the session states of this node, and the audit of accounts.
 */
export async function createAuthCore(deps: AuthServiceDeps) {
  const { db } = deps;
  const sessions = new SessionStates((id) => repo.findSession(db, id), deps.sessionCacheMs ?? 2000);

  const auditEvent = (
    origin: AuditOrigin,
    actor: AccountRow | null,
    action: AuditAction,
    details: Record<string, unknown> = {},
  ): NewAuditEvent =>
    accountEvent(origin, actor, action, { type: 'account', id: actor?.id ?? null }, details);

  async function getAccountIn(trx: Kysely<Database>, id: string): Promise<AccountRow> {
    const account = await repo.findAccountById(trx, id);
    if (!account) throw new AppError(401, 'unauthenticated', 'auth.unauthenticated');
    return account;
  }

  return {
    deps,
    db,
    tokens: deps.tokens,
    translator: deps.translator,
    limiter: new RateLimiter(db),
    /** The look-up's proof-of-work challenges: sign-in and password reset ask for them after failures. */
    challenges: createChallenges(db),
    sessions,
    /** Ends the subscription to session ends (the app's onClose). */
    close: deps.listen ? await sessions.subscribe(deps.listen) : async () => undefined,
    // Unknown accounts are verified against this hash, so they cost the same time as a wrong password.
    dummyHash: await hashPassword(randomBytes(16).toString('hex')),
    auditEvent,
    audit: (
      trx: Kysely<Database>,
      origin: AuditOrigin | CallContext,
      actor: AccountRow | null,
      action: AuditAction,
      details: Record<string, unknown> = {},
    ) =>
      auditService.record(
        trx,
        auditEvent('client' in origin ? originOf(origin) : origin, actor, action, details),
      ),
    getAccountIn,
    getAccount: (id: string) => getAccountIn(db, id),
  };
}

export type AuthCore = Awaited<ReturnType<typeof createAuthCore>>;
