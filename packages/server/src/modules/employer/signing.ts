import { type AuthenticationResponseJSON, verifyAuthenticationResponse } from '@simplewebauthn/server';
import type { Kysely } from 'kysely';
import { submissionChallenge } from '@vssid/domain/signing';
import { type CallContext, signedIn } from '../../context';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import type { Translator } from '../../i18n';
import { accountAuditor } from '../audit/service';
import { findSigningPasskey, recordSigningUse } from './signing-repository';

export { submissionChallenge };

/** What is kept with a signed submission: the assertion itself, so it can be checked again. */
export interface SubmissionSignature {
  credentialId: string;
  signedAt: Date;
  assertion: AuthenticationResponseJSON;
  /** base64url SHA-256 of the kind and the canonical payload: the assertion's challenge. */
  payloadHash: string;
}

export interface SignedSubmissionInput {
  /** The call: its principal must be the unit admin who signed, its language names the problem. */
  ctx: CallContext;
  /** The unit the submission is for (the caller's own). */
  unitCode: string;
  /** What is submitted ("600", "600a", "630a"…): part of the signed text. */
  kind: string;
  /** The submission exactly as received (after validation): the signed text is computed from it. */
  payload: unknown;
  /** `navigator.credentials.get()` over `submissionChallenge(kind, payload)` (web `signSubmission`). */
  assertion: AuthenticationResponseJSON;
}

const TRANSPORTS = new Set(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']);

/**
 * Signed submissions (issue #27 item 6): a unit's declarations and claims are signed by its
 * admin with a device-bound passkey (WebAuthn), which stands in for the USB token (chữ ký số) of
 * the real system. The challenge the authenticator signs is derived from the submission
 * (`submissionChallenge`), so no challenge is fetched first and the server recomputes it from
 * what it received: an altered payload, another kind, another unit's admin, a synced passkey or
 * a staff member's passkey is refused with one 422 `signature_invalid` on the field `signature`.
 *
 * Decisions:
 * - Relying party: the public URL, as for sign-in passkeys (`auth/passkey-service.ts`): its host
 *   name is the RP ID and its origin the only accepted origin.
 * - User verification is required (the device's PIN, fingerprint or face), as a token's PIN is.
 * - Replays: the signature counter must grow when the authenticator keeps one (checked by
 *   @simplewebauthn/server against the stored counter), so the same assertion is accepted once
 *   per authenticator that counts; an authenticator that always reports 0 (some platform
 *   passkeys) cannot be told apart from a replay by the counter: a submission's own idempotency
 *   (its key or number) is what stops a replayed copy.
 * - A refused signature is a security event: audited as `unit.signature.refused` outside the
 *   caller's transaction, which the 422 rolls back (written once that transaction has ended; a
 *   failed write is logged).
 */
export function createSubmissionSigning(deps: {
  db: Kysely<Database>;
  translator: Translator;
  publicUrl: string;
  log: { error: (details: Record<string, unknown>, message: string) => void };
}) {
  const url = new URL(deps.publicUrl);
  const rpID = url.hostname;
  const origin = url.origin;
  const audit = accountAuditor((details) => ({
    type: 'passkey',
    id: typeof details.passkey === 'string' ? details.passkey.slice(0, 200) : null,
  }));

  return {
    rpID,
    origin,

    /**
     * Verifies the unit admin's assertion over exactly this payload and answers what to keep
     * with the submission; throws 422 `signature_invalid` (field `signature`) otherwise.
     */
    async verifySignedSubmission(
      trx: Kysely<Database>,
      input: SignedSubmissionInput,
    ): Promise<SubmissionSignature> {
      const principal = signedIn(input.ctx);
      const payloadHash = submissionChallenge(input.kind, input.payload);
      const refuse = (reason: string, detail?: string): never => {
        // Not awaited: the caller's transaction holds its connection (the embedded database has
        // one) until the 422 below rolls it back; the entry is written on another one after.
        void audit(
          deps.db,
          input.ctx,
          { id: principal.accountId, role: principal.role, bhxh_code: principal.bhxhCode },
          'unit.signature.refused',
          {
            passkey: input.assertion.id.slice(0, 200),
            kind: input.kind.slice(0, 40),
            unitCode: input.unitCode,
            reason,
            ...(detail ? { detail: detail.slice(0, 200) } : {}),
          },
        ).catch((error: unknown) => {
          deps.log.error({ err: error }, 'audit of a refused signature failed');
        });
        const message = deps.translator.t(input.ctx.language, 'unit.signatureInvalid');
        throw new AppError(422, 'signature_invalid', 'unit.signatureInvalid', {}, [
          { in: 'body', field: 'signature', code: reason, message },
        ]);
      };

      if (principal.role !== 'employer' || principal.unitCode !== input.unitCode)
        return refuse('not_unit_admin');
      const passkey = await findSigningPasskey(trx, input.assertion.id);
      if (!passkey || passkey.account_id !== principal.accountId) return refuse('unknown_credential');
      if (
        passkey.role !== 'employer' ||
        passkey.unit_code !== input.unitCode ||
        !passkey.unit_admin ||
        passkey.status !== 'active'
      )
        return refuse('not_unit_admin');
      if (passkey.device_type !== 'singleDevice' || passkey.backed_up) return refuse('synced_passkey');
      let verified: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
      try {
        verified = await verifyAuthenticationResponse({
          response: input.assertion,
          expectedChallenge: payloadHash,
          expectedOrigin: origin,
          expectedRPID: rpID,
          requireUserVerification: true,
          credential: {
            id: passkey.id,
            publicKey: new Uint8Array(passkey.public_key),
            counter: Number(passkey.counter),
            transports: passkey.transports.filter((t) => TRANSPORTS.has(t)),
          },
        });
      } catch (error) {
        return refuse('signature', error instanceof Error ? error.message : undefined);
      }
      const info = verified.authenticationInfo;
      if (!verified.verified) return refuse('signature');
      if (info.credentialBackedUp || info.credentialDeviceType !== 'singleDevice')
        return refuse('synced_passkey');
      await recordSigningUse(trx, passkey.id, {
        counter: info.newCounter,
        backedUp: info.credentialBackedUp,
      });
      return { credentialId: passkey.id, signedAt: new Date(), assertion: input.assertion, payloadHash };
    },
  };
}

export type SubmissionSigning = ReturnType<typeof createSubmissionSigning>;

declare module 'fastify' {
  interface FastifyInstance {
    /** Verifies a unit admin's signed submission (issue #27 item 6): `verifySignedSubmission`. */
    submissionSigning: SubmissionSigning;
  }
}
