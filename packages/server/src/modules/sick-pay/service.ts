import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { vietnamYear } from '@vssid/domain';
import type { BodyOf } from '@vssid/domain/api';
import {
  type SickPayComputation,
  SICK_PAY_SIGNATURE_KIND,
  type submitSickPayBatch,
} from '@vssid/domain/api/sick-pay';
import { SERVICE_CATALOGUE } from '@vssid/domain/service-requests';
import { sickLeaveEnd } from '@vssid/domain/sick-pay';
import { type CallContext, signedIn } from '../../context';
import type { Database } from '../../db/schema';

import { AppError } from '../../http/problem';
import type { Translator } from '../../i18n';
import { readAuditedEach } from '../audit/data-access';
import type { SubmissionSignature, SubmissionSigning } from '../employer/signing';
import { isUniqueViolation } from '../registration';
import { auditService } from '../audit/service';
import { appendRequestActionOnce, createRequest, findRequest } from '../services/engine';
import { notifyStep, requestView } from '../services/notify';
import { computeClaim } from './grant';
import {
  type CertificateRow,
  findBatchByKey,
  findClaimableCertificates,
  findUnit,
  insertBatch,
  insertClaim,
  listUnitClaims,
  nextBatchSequence,
} from './repository';

/**
 * Sick-pay claims, dossier 630a (issue #27 item 5), the employer unit's side: its workers'
 * certificates not yet claimed (an audited read of each worker's records), a batch of claims — one
 * request of the online services engine per certificate, keyed by the worker, in one transaction
 * with the batch — and the claims as they go. The officers handle them in their queue (services
 * module); an approval writes the benefit (`grant.ts`). Everything is the caller's unit's: another
 * unit's worker, certificate or claim answers 404.
 */

type BatchInput = BodyOf<typeof submitSickPayBatch>;

/** What is kept of the unit admin's signature with the batch (to be checked again). */
const kept = (signed: SubmissionSignature) => ({
  credentialId: signed.credentialId,
  signedAt: signed.signedAt.toISOString(),
  assertion: signed.assertion,
});

const LIST_LIMIT = 200;
const notFound = () => new AppError(404, 'not_found', 'notFound');

export function createSickPayService(deps: {
  db: Kysely<Database>;
  translator: Translator;
  signing: SubmissionSigning;
  now?: (() => Date) | undefined;
}) {
  const { db, translator, signing } = deps;
  const now = deps.now ?? (() => new Date());

  function unitOf(ctx: CallContext): string {
    const unit = signedIn(ctx).unitCode;
    if (!unit) throw notFound();
    return unit;
  }

  const leaveOf = (c: CertificateRow) => ({
    from: c.leave_from,
    to: sickLeaveEnd(c.leave_from, c.days, c.leave_to),
  });

  async function estimate(unitCode: string, c: CertificateRow, heavyWork: boolean) {
    return computeClaim(db, { bhxhCode: c.bhxh_code, unitCode, ...leaveOf(c), heavyWork });
  }

  function claimed(ctx: CallContext, index: number) {
    return new AppError(409, 'certificate_claimed', 'sickPay.claimed', {}, [
      {
        in: 'body',
        field: `claims.${index}.maLk`,
        code: 'claimed',
        message: translator.t(ctx.language, 'errors:sickPay.claimed'),
      },
    ]);
  }

  /** The unit's claims as the API answers them. */
  async function claimsOf(unitCode: string, filter: { number?: string }) {
    const rows = await listUnitClaims(db, unitCode, { ...filter, limit: LIST_LIMIT });
    return rows.map((r) => ({
      number: r.number,
      batchNumber: r.batch_number,
      bhxhCode: r.bhxh_code,
      fullName: r.full_name,
      maLk: r.ma_lk,
      certificateNumber: r.certificate_number,
      from: r.leave_from,
      to: r.leave_to,
      heavyWork: r.heavy_work,
      status: r.status,
      submittedAt: new Date(r.submitted_at).toISOString(),
      dueOn: r.due_on,
      decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
      paidDays: r.paid_days,
      amount: r.amount === null ? null : Number(r.amount),
      estimate: (r.form.estimate ?? null) as SickPayComputation | null,
      signedAt: String(r.signature.signedAt),
    }));
  }

  async function detail(unitCode: string, number: string) {
    const [claim] = await claimsOf(unitCode, { number });
    const row = claim ? await findRequest.byNumber(db, number) : undefined;
    if (!claim || !row) throw notFound();
    return { claim, events: (await requestView(db, row, now())).events };
  }

  async function batchView(unitCode: string, batchNumber: string) {
    const claims = (await claimsOf(unitCode, {})).filter((c) => c.batchNumber === batchNumber);
    return { batchNumber, claims };
  }

  return {
    /** The certificates to claim, each with its estimate; each worker's read audited. */
    async certificates(ctx: CallContext) {
      const principal = signedIn(ctx);
      const unitCode = unitOf(ctx);
      const rows = await readAuditedEach(
        db,
        ctx,
        () => findClaimableCertificates(db, unitCode, { limit: LIST_LIMIT, unclaimedOnly: true }),
        (list) =>
          [...new Map(list.map((c) => [c.bhxh_code, c])).values()].map((c) => ({
            reader: principal,
            subject: c.bhxh_code,
            action: 'records.sick_leave.read' as const,
            purpose: 'sick_pay.claim' as const,
            target: { type: 'unit', id: unitCode },
            details: { unitCode, certificates: list.filter((x) => x.bhxh_code === c.bhxh_code).length },
          })),
      );
      const items = [];
      for (const c of rows) {
        const leave = leaveOf(c);
        items.push({
          bhxhCode: c.bhxh_code,
          fullName: c.full_name,
          maLk: c.ma_lk,
          number: c.number,
          issuedOn: c.issued_on,
          from: leave.from,
          to: leave.to,
          days: c.days,
          clinicCode: c.clinic_code,
          clinicName: c.clinic_name,
          doctor: c.doctor,
          estimate: await estimate(unitCode, c, false),
        });
      }
      return { items };
    },

    /**
     * A batch of claims, all or nothing. `created` false: the key was seen (the same batch).
     */
    async submit(ctx: CallContext, input: BatchInput, key: string) {
      const principal = signedIn(ctx);
      const unitCode = unitOf(ctx);
      const scopedKey = `${unitCode}:${key}`;
      const existing = await findBatchByKey(db, scopedKey);
      if (existing) return { created: false, result: await batchView(unitCode, existing.number) };
      const unit = await findUnit(db, unitCode);
      if (!unit) throw notFound();
      const seen = new Set<string>();
      const certificates: { cert: CertificateRow; heavyWork: boolean; index: number }[] = [];
      for (const [index, claim] of input.claims.entries()) {
        const id = `${claim.bhxhCode}/${claim.maLk}`;
        if (seen.has(id))
          throw new AppError(400, 'validation_failed', 'validation', {}, [
            {
              in: 'body',
              field: `claims.${index}.maLk`,
              code: 'duplicate',
              message: translator.t(ctx.language, 'errors:sickPay.duplicate'),
            },
          ]);
        seen.add(id);
        const only = { bhxhCode: claim.bhxhCode, maLk: claim.maLk };
        const [open] = await findClaimableCertificates(db, unitCode, { only, limit: 1, unclaimedOnly: true });
        if (open) {
          certificates.push({ cert: open, heavyWork: claim.heavyWork, index });
          continue;
        }
        // Not claimable: a certificate of the unit's worker already claimed (or paid) is a 409;
        // anything the unit cannot see is a 404, whether it exists or not.
        const [any] = await findClaimableCertificates(db, unitCode, { only, limit: 1, unclaimedOnly: false });
        throw any ? claimed(ctx, index) : notFound();
      }
      const estimates: Awaited<ReturnType<typeof estimate>>[] = [];
      for (const c of certificates) estimates.push(await estimate(unitCode, c.cert, c.heavyWork));
      const at = now();
      const definition = SERVICE_CATALOGUE.sick_pay_claim;
      try {
        const batchNumber = await db.transaction().execute(async (trx) => {
          // The unit admin's signature over exactly the claims received (issue #27 item 6).
          const signed = await signing.verifySignedSubmission(trx, {
            ctx,
            unitCode,
            kind: SICK_PAY_SIGNATURE_KIND,
            payload: { claims: input.claims },
            assertion: input.signature,
          });
          const year = vietnamYear(at);
          const sequence = await nextBatchSequence(trx, unitCode, year);
          const batch = await insertBatch(trx, {
            id: randomUUID(),
            number: `630a.${unitCode}.${year}.${String(sequence).padStart(4, '0')}`,
            unit_code: unitCode,
            agency_code: unit.managing_agency,
            submitted_by: principal.accountId,
            submitted_at: at,
            claim_count: certificates.length,
            payload_hash: signed.payloadHash,
            signature: kept(signed),
            idempotency_key: scopedKey,
          });
          for (const [i, { cert, heavyWork, index }] of certificates.entries()) {
            const leave = leaveOf(cert);
            const { request, submit } = await createRequest(trx, {
              bhxhCode: cert.bhxh_code,
              // The worker is told of each step, as a request's filer is.
              filedBy: cert.bhxh_code,
              type: 'sick_pay_claim',
              agencyCode: unit.managing_agency,
              form: {
                type: 'sick_pay_claim',
                unitCode,
                unitName: unit.name,
                batchNumber: batch.number,
                maLk: cert.ma_lk,
                certificateNumber: cert.number,
                issuedOn: cert.issued_on,
                from: leave.from,
                to: leave.to,
                days: cert.days,
                clinicCode: cert.clinic_code,
                clinicName: cert.clinic_name,
                doctor: cert.doctor,
                diagnosis: cert.diagnosis,
                icd10: cert.icd10_main,
                heavyWork,
                estimate: estimates[i] ?? null,
              },
              workingDays: definition.workingDays.plain,
              idempotencyKey: `unit:${scopedKey}:${index}`,
              actor: { type: 'employer', id: principal.accountId },
              now: at,
            });
            await insertClaim(trx, {
              bhxh_code: cert.bhxh_code,
              request_id: request.id,
              batch_id: batch.id,
              unit_code: unitCode,
              ma_lk: cert.ma_lk,
              certificate_number: cert.number,
              leave_from: leave.from,
              leave_to: leave.to,
              heavy_work: heavyWork,
              paid_days: null,
              amount: null,
              benefit_id: null,
            });
            await notifyStep(trx, translator, request, 'submit', submit.seq);
            await auditService.record(trx, {
              actor_type: principal.role,
              actor_id: principal.accountId,
              subject_bhxh_code: cert.bhxh_code,
              action: 'service_request.submitted',
              target_type: 'service_request',
              target_id: request.number,
              purpose: null,
              ip: ctx.client.ip,
              request_id: ctx.requestId,
              details: { type: request.type, unitCode, batchNumber: batch.number, maLk: cert.ma_lk },
            });
          }
          return batch.number;
        });
        return { created: true, result: await batchView(unitCode, batchNumber) };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // The same key won concurrently: its batch; else a certificate claimed meanwhile.
        const twin = await findBatchByKey(db, scopedKey);
        if (twin) return { created: false, result: await batchView(unitCode, twin.number) };
        throw claimed(ctx, 0);
      }
    },

    async list(ctx: CallContext) {
      return { items: await claimsOf(unitOf(ctx), {}) };
    },

    async get(ctx: CallContext, number: string) {
      return detail(unitOf(ctx), number);
    },

    /** The unit answers an officer's request for a supplement (a note); a retried key acts once. */
    async supplement(ctx: CallContext, number: string, note: string, key: string) {
      const principal = signedIn(ctx);
      const unitCode = unitOf(ctx);
      const { claim } = await detail(unitCode, number);
      const at = now();
      await db.transaction().execute(async (trx) => {
        const row = await findRequest.byNumber(trx, claim.number);
        if (!row) throw notFound();
        const appended = await appendRequestActionOnce(
          trx,
          row,
          'supplement',
          { type: 'employer', id: principal.accountId },
          at,
          { reasonText: note, idempotencyKey: key },
        );
        if (appended) await notifyStep(trx, translator, appended.row, 'supplement', appended.entry.seq);
      });
      return detail(unitCode, number);
    },
  };
}
