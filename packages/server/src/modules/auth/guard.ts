import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../http/problem';

export { type Principal, type Role } from '../../context';
import type { Principal, Role } from '../../context';

/** Why a presented credential was not accepted (the caller is then anonymous). */
type AuthFailure =
  { kind: 'token_expired' } | { kind: 'invalid_token' } | { kind: 'session_ended'; reason: string };

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth plugin from the bearer token or the session cookie; null when anonymous. */
    principal: Principal | null;
    /** Set when a token was presented but not accepted, so the 401 can say why. */
    authFailure: AuthFailure | null;
  }
}

/** The caller, or 401 when nobody is signed in (saying why a presented token was refused). */
function principalOf(request: FastifyRequest): Principal {
  const principal = request.principal;
  if (principal) return principal;
  const failure = request.authFailure;
  if (failure?.kind === 'token_expired') throw new AppError(401, 'token_expired', 'auth.tokenExpired');
  if (failure?.kind === 'session_ended')
    throw new AppError(401, 'session_ended', `auth.sessionEnded.${failure.reason}`, {}, [], {
      reason: failure.reason,
    });
  throw new AppError(401, 'unauthenticated', 'auth.unauthenticated');
}

/**
 * A preHandler admitting only signed-in callers with one of these roles: 401 when anonymous, 403
 * for another role, and 403 `password_change_required` while an issued password is unchanged.
 */
export function requireRole(...roles: Role[]) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const principal = principalOf(request);
    if (principal.mustChangePassword)
      throw new AppError(403, 'password_change_required', 'auth.passwordChangeRequired');
    if (roles.length && !roles.includes(principal.role))
      throw new AppError(403, 'forbidden', 'auth.forbidden');
  };
}

/** Any signed-in caller, even one who must still change an issued password (sign-out, password change). */
export async function requireSession(request: FastifyRequest): Promise<void> {
  principalOf(request);
}
