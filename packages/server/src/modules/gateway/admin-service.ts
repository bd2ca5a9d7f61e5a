import { createHash, randomBytes } from 'node:crypto';
import {
  CLINIC_CREDENTIALS_PAGE,
  type ClinicCredentialStatus,
  type TakeTokenResult,
} from '@vssid/domain/api/gateway';
import type { Kysely } from 'kysely';
import { type CallContext, signedIn } from '../../context';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import { hashPassword, passwordMatches } from '../auth/credentials';
import { auditService, accountEvent } from '../audit/service';
import { lookupWords } from '../lookup/keys';
import { type GatewayAuth, GATEWAY_LIMITS } from './auth';
import * as repo from './repository';
import { GATEWAY_TOKEN_SECONDS, type GatewayTokens } from './tokens';

/**
 * Clinic software sends the MD5 of the password (domain-reference.md: `/api/token/take` "with
 * `username` and an MD5 of the password"): the argon2id hash is of that MD5, so a client may send
 * either the password (hashed here) or its MD5 (32 hex digits).
 */
const md5Hex = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');
const passwordDigest = (given: string) =>
  /^[0-9a-f]{32}$/i.test(given) ? given.toLowerCase() : md5Hex(given);

/** A hash compared when the user name is unknown, so that both cases take an argon2 verification. */
let decoyHash: Promise<string> | null = null;

export function createAdminService(deps: { db: Kysely<Database>; tokens: GatewayTokens; auth: GatewayAuth }) {
  const { db, tokens, auth } = deps;

  const clinicOf = (ctx: CallContext): string => {
    const principal = signedIn(ctx);
    if (principal.role !== 'clinic' || !principal.clinicCode)
      throw new AppError(403, 'forbidden', 'auth.forbidden');
    return principal.clinicCode;
  };

  return {
    /** `POST /api/token/take`: 200 with the tokens, or `maKetQua` 401 (wrong user name or password). */
    async takeToken(body: { username: string; password: string }): Promise<TakeTokenResult> {
      const username = body.username.trim();
      await auth.limiter.hit([
        {
          key: `gateway.token:${username.toLowerCase()}`,
          max: GATEWAY_LIMITS.tokensPerMinute,
          windowSeconds: 60,
        },
      ]);
      const credential = await repo.findCredentialByUsername(db, username);
      decoyHash ??= hashPassword(md5Hex(randomBytes(16).toString('hex')));
      const matches = await passwordMatches(
        credential?.password_hash ?? (await decoyHash),
        passwordDigest(body.password),
      );
      if (!credential || !matches) return { maKetQua: '401', APIKey: null };
      const issued = await tokens.issue({
        clinicCode: credential.clinic_code,
        username: credential.username,
        version: credential.version,
      });
      return {
        maKetQua: '200',
        APIKey: {
          access_token: issued.accessToken,
          id_token: issued.idToken,
          token_type: 'Bearer',
          username: credential.username,
          expires_in: GATEWAY_TOKEN_SECONDS,
        },
      };
    },

    /**
     * The clinics an agency admin may issue credentials for, with their credential's status
     * (never a password or its hash): those of the admin's agency's province, or every clinic
     * for the national office, as `rotateCredential` allows. `q`: a clinic code (or its start)
     * or words of the name, accents ignored.
     */
    async listCredentials(
      ctx: CallContext,
      q: string | undefined,
    ): Promise<{ clinics: ClinicCredentialStatus[]; more: boolean }> {
      const admin = signedIn(ctx);
      const agency = admin.agencyCode ? await repo.findAgencyProvince(db, admin.agencyCode) : undefined;
      if (!agency) throw new AppError(403, 'forbidden', 'auth.forbidden');
      const query = (q ?? '').trim();
      const codePrefix = /^[0-9]{2}[0-9A-Za-z]{0,3}$/.test(query) ? query.toUpperCase() : null;
      const rows = await repo.findClinicsWithCredentials(db, {
        provinceCode: agency.level === 'central' ? null : agency.province_code,
        codePrefix,
        words: codePrefix === null ? lookupWords(query) : [],
        limit: CLINIC_CREDENTIALS_PAGE,
      });
      return {
        clinics: rows.slice(0, CLINIC_CREDENTIALS_PAGE).map((r) => ({
          clinicCode: r.code,
          name: r.name,
          address: r.address,
          username: r.username,
          version: r.version,
          rotatedAt: r.rotated_at ? r.rotated_at.toISOString() : null,
        })),
        more: rows.length > CLINIC_CREDENTIALS_PAGE,
      };
    },

    /**
     * Issues or rotates a clinic's credential: a new password (shown once), its hash kept, the
     * version raised so that tokens issued before stop working. An agency admin of the clinic's
     * province, or of the national office (ASSUMPTION: the issue names "the agency"); another
     * province's clinic is 404.
     */
    async rotateCredential(ctx: CallContext, clinicCode: string) {
      const admin = signedIn(ctx);
      const clinic = await repo.findClinic(db, clinicCode);
      const agency = admin.agencyCode ? await repo.findAgencyProvince(db, admin.agencyCode) : undefined;
      if (!clinic || !agency || (agency.level !== 'central' && agency.province_code !== clinic.province_code))
        throw new AppError(404, 'not_found', 'notFound');
      const password = randomBytes(15).toString('base64url');
      const passwordHash = await hashPassword(md5Hex(password));
      const row = await db.transaction().execute(async (trx) => {
        const saved = await repo.upsertCredential(trx, {
          clinic_code: clinicCode,
          username: `cskcb.${clinicCode.toLowerCase()}`,
          password_hash: passwordHash,
          rotated_by: admin.accountId,
        });
        await auditService.record(
          trx,
          accountEvent(
            { ip: ctx.client.ip, requestId: ctx.requestId },
            { id: admin.accountId, role: admin.role, bhxh_code: null },
            'gateway.credential.rotated',
            { type: 'clinic', id: clinicCode },
            { version: saved.version },
          ),
        );
        return saved;
      });
      auth.forget(clinicCode);
      return {
        clinicCode,
        username: row.username,
        password,
        version: row.version,
        rotatedAt: row.rotated_at.toISOString(),
      };
    },

    async listClerks(ctx: CallContext) {
      const rows = await repo.findClerks(db, clinicOf(ctx));
      return {
        clerks: rows.map((r) => ({
          cccd: r.cccd,
          fullName: r.full_name,
          registeredAt: r.registered_at.toISOString(),
        })),
      };
    },

    /** Registers (or renames, or re-registers) a clerk of the caller's clinic. */
    async registerClerk(ctx: CallContext, body: { cccd: string; fullName: string }) {
      const clinicCode = clinicOf(ctx);
      const principal = signedIn(ctx);
      const row = await db.transaction().execute(async (trx) => {
        const saved = await repo.upsertClerk(trx, {
          clinic_code: clinicCode,
          cccd: body.cccd,
          full_name: body.fullName.normalize('NFC').replace(/\s+/g, ' ').trim(),
          registered_by: principal.accountId,
        });
        await auditService.record(
          trx,
          accountEvent(
            { ip: ctx.client.ip, requestId: ctx.requestId },
            { id: principal.accountId, role: principal.role, bhxh_code: null },
            'gateway.clerk.registered',
            { type: 'clinic', id: clinicCode },
            { cccd: body.cccd },
          ),
        );
        return saved;
      });
      return { cccd: row.cccd, fullName: row.full_name, registeredAt: row.registered_at.toISOString() };
    },

    async removeClerk(ctx: CallContext, cccd: string): Promise<null> {
      const clinicCode = clinicOf(ctx);
      const principal = signedIn(ctx);
      await db.transaction().execute(async (trx) => {
        if (!(await repo.markClerkRemoved(trx, clinicCode, cccd)))
          throw new AppError(404, 'not_found', 'notFound');
        await auditService.record(
          trx,
          accountEvent(
            { ip: ctx.client.ip, requestId: ctx.requestId },
            { id: principal.accountId, role: principal.role, bhxh_code: null },
            'gateway.clerk.removed',
            { type: 'clinic', id: clinicCode },
            { cccd },
          ),
        );
      });
      return null;
    },
  };
}
export type AdminService = ReturnType<typeof createAdminService>;
