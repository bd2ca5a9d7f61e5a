import type { Language } from '@vssid/domain/i18n';
import type { Role } from '@vssid/domain/api';
import { AppError } from './http/problem';

export { type Role };

/** The signed-in caller, as the session says: role and scope travel with it. */
export interface Principal {
  accountId: string;
  sessionId: string;
  role: Role;
  /** Citizens: their BHXH code (user name). Staff: null. */
  bhxhCode: string | null;
  /** Officers and agency admins: their agency. */
  agencyCode: string | null;
  /** Employer users: their unit. */
  unitCode: string | null;
  /** Clinic users: their clinic. */
  clinicCode: string | null;
  displayName: string;
  /** The session was opened with an issued password that must be replaced before anything else. */
  mustChangePassword: boolean;
}

/** The device and network a call comes from (rate limits, audit, the device list). */
export interface Client {
  ip: string;
  userAgent: string;
  /** The device's id (header `X-Device-Id` or the device cookie); null when it has none yet. */
  deviceId: string | null;
  /** "Chrome · Android": enough for a person to recognise a device in a list. */
  deviceLabel: string;
}

/**
 * THE context of a call, the one thing a service learns about HTTP (issue #21 item 2): who is
 * calling (role and scope in the principal; null when anonymous), the language of the answer,
 * the request id (logs, audit) and the client. Routes build it (`http/context.ts`); services
 * take it with plain inputs and never see Fastify.
 */
export interface CallContext {
  principal: Principal | null;
  language: Language;
  requestId: string;
  client: Client;
}

/** A context for work that no request started (jobs, the command line, tests). */
export function systemContext(language: Language = 'vi', requestId = 'system'): CallContext {
  return {
    principal: null,
    language,
    requestId,
    client: { ip: '', userAgent: '', deviceId: null, deviceLabel: 'system' },
  };
}

/**
 * The caller of a call that the route's access has admitted (`access` other than `public`): the
 * contract's guard has already answered 401 with the reason, so a missing principal here is 401.
 */
export function signedIn(ctx: CallContext): Principal {
  if (!ctx.principal) throw new AppError(401, 'unauthenticated', 'auth.unauthenticated');
  return ctx.principal;
}
