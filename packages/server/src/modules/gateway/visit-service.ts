import { randomUUID } from 'node:crypto';
import type { SubmitVisitBody, SubmitVisitResult } from '@vssid/domain/api/gateway';
import { VISIT_ENVELOPE_BYTES } from '@vssid/domain/api/gateway';
import type { Kysely, Transaction } from 'kysely';
import type { CallContext } from '../../context';
import type { Database } from '../../db/schema';
import type { VisitFileError } from '../../db/schema-gateway';
import type { Translator } from '../../i18n';
import { readAudited } from '../audit/data-access';
import { type GatewayAuth, type GatewayCaller, GATEWAY_LIMITS, gatewayReader } from './auth';
import { nameResult } from './check-rules';
import * as repo from './repository';
import {
  decodeBase64,
  type DocumentRecord,
  isDocumentTable,
  readDocument,
  readEnvelope,
  readXml1,
  type VisitRecord,
} from './visit-xml';

/** `yyyyMMddHHmmss` in Vietnam's time (the gateway's `thoiGianTiepNhan`). */
function receivedStamp(at: Date): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().replace(/[-T:]/g, '').slice(0, 14);
}

interface Accepted {
  visit: VisitRecord;
  documents: DocumentRecord[];
  bhxhCode: string;
  types: string[];
  bytes: number;
}

export function createVisitService(deps: {
  db: Kysely<Database>;
  translator: Translator;
  auth: GatewayAuth;
  now?: () => Date;
  log?: { error(details: object, message: string): void };
}) {
  const { db, translator, auth } = deps;
  const now = deps.now ?? (() => new Date());

  const reply = (
    ctx: CallContext,
    code: '000' | '205' | '401' | '101',
    errors: VisitFileError[] = [],
    receipt: { id: string; at: Date } | null = null,
  ): SubmitVisitResult => ({
    maKetQua: code,
    maGiaoDich: receipt?.id ?? null,
    thoiGianTiepNhan: receipt ? receivedStamp(receipt.at) : null,
    thongDiep: translator.t(ctx.language, `messages:gateway.visits.${code}`, { count: errors.length }),
    dsLoi: errors.map((e) => ({
      ...e,
      message: translator.t(ctx.language, `messages:gateway.fieldErrors.${e.code.replace('.', '_')}`, {
        field: e.field,
        defaultValue: e.message,
      }),
    })),
  });

  /** One HOSO: XML1 read and its person found, then its documents; errors by field. */
  async function readHoso(
    caller: GatewayCaller,
    tables: Map<string, Record<string, string>>,
    bytes: number,
    given: Set<string>,
    errors: VisitFileError[],
  ): Promise<Accepted | null> {
    const xml1 = tables.get('XML1');
    if (!xml1) {
      if (given.has('XML1')) return null;
      errors.push({
        file: 'XML1',
        field: 'LOAIHOSO',
        code: 'file.xml1_required',
        message: 'XML1 is required',
      });
      return null;
    }
    const visit = readXml1(xml1, caller.clinicCode, errors);
    if (!visit) return null;
    const key = visit.cardNumber.slice(-10);
    const person =
      (await repo.findPersonBy(db, { bhxhCode: key })) ??
      (visit.cccd ? await repo.findPersonBy(db, { cccd: visit.cccd }) : undefined);
    if (!person) {
      errors.push({
        file: 'XML1',
        field: 'MA_THE_BHYT',
        code: 'field.no_card',
        message: 'no person holds this card',
      });
      return null;
    }
    if (nameResult(person.full_name, visit.fullName) !== '000') {
      errors.push({
        file: 'XML1',
        field: 'HO_TEN',
        code: 'field.name_mismatch',
        message: 'HO_TEN is not the card holder',
      });
      return null;
    }
    const owner = await repo.findVisitOwner(db, person.bhxh_code, visit.maLk);
    if (owner && owner.clinic_code !== caller.clinicCode) {
      // ASSUMPTION: the medical history keys visits by person and MA_LK; another clinic's MA_LK
      // for the same person is refused rather than overwritten.
      errors.push({
        file: 'XML1',
        field: 'MA_LK',
        code: 'field.ma_lk_taken',
        message: 'MA_LK is used by another clinic',
      });
      return null;
    }
    const documents: DocumentRecord[] = [];
    for (const [type, values] of tables) {
      if (type === 'XML1' || !isDocumentTable(type)) continue;
      const doc = readDocument(type, values, visit, errors);
      // A sick-leave certificate names its patient's BHXH code: it must be this visit's person.
      if (doc?.kind === 'sick_leave' && doc.content.bhxhCode && doc.content.bhxhCode !== person.bhxh_code) {
        errors.push({
          file: type,
          field: 'MA_BHXH',
          code: 'field.other_person',
          message: 'MA_BHXH is not the BHXH code of the visit’s patient',
        });
        continue;
      }
      if (doc) documents.push(doc);
    }
    return { visit, documents, bhxhCode: person.bhxh_code, types: [...tables.keys()], bytes };
  }

  async function save(
    trx: Transaction<Database>,
    ctx: CallContext,
    caller: GatewayCaller,
    item: Accepted,
    transactionCode: string,
  ) {
    const { visit } = item;
    const previous = await repo.findVisitFile(trx, caller.clinicCode, visit.maLk);
    await readAudited(
      trx,
      ctx,
      async () => {
        await repo.replaceVisit(
          trx,
          {
            bhxh_code: item.bhxhCode,
            ma_lk: visit.maLk,
            clinic_code: caller.clinicCode,
            card_number: visit.cardNumber,
            registered_clinic_code: visit.registeredClinicCode,
            visit_kind: visit.visitKind,
            route: visit.route,
            admitted_at: visit.admittedAt,
            discharged_at: visit.dischargedAt,
            treatment_days: visit.treatmentDays,
            diagnosis_in: visit.diagnosisIn,
            diagnosis_out: visit.diagnosisOut,
            icd10_main: visit.icd10Main,
            icd10_other: visit.icd10Other,
            outcome: visit.outcome,
            total_cost: visit.totalCost,
            covered_cost: visit.coveredCost,
            co_payment: visit.coPayment,
            fund_paid: visit.fundPaid,
            five_year_date: visit.fiveYearDate,
          },
          item.documents.map((d) => ({
            bhxh_code: item.bhxhCode,
            ma_lk: visit.maLk,
            kind: d.kind,
            number: d.number,
            issued_on: d.issuedOn,
            content: d.content,
          })),
          previous?.bhxh_code ?? null,
        );
        await repo.upsertVisitFile(trx, {
          clinic_code: caller.clinicCode,
          ma_lk: visit.maLk,
          transaction_code: transactionCode,
          bhxh_code: item.bhxhCode,
          status: 'accepted',
          file_types: item.types,
          size_bytes: item.bytes,
          errors: [],
        });
      },
      () => ({
        reader: gatewayReader(caller, caller.username),
        subject: item.bhxhCode,
        action: 'records.clinic_visit.read',
        purpose: null,
        target: { type: 'medical_visit', id: visit.maLk },
        details: {
          clinicCode: caller.clinicCode,
          clinicName: caller.clinicName,
          files: item.types,
          replaced: previous?.status === 'accepted',
        },
      }),
    );
  }

  /**
   * `guiHoSoXmlQD4750`: the envelope read, every HOSO checked; all accepted (000, one transaction
   * each: the visit with its documents, the file's status and the audit entry) or none (205 with
   * every field error; the MA_LK of a rejected HOSO is listed with its errors for the clinic).
   */
  async function submit(
    ctx: CallContext,
    caller: GatewayCaller,
    body: SubmitVisitBody,
  ): Promise<SubmitVisitResult> {
    const header: VisitFileError[] = [];
    if (body.loaiHoSo.trim() !== '130')
      header.push({ file: 'HOSO', field: 'loaiHoSo', code: 'field.format', message: 'loaiHoSo must be 130' });
    if (body.maCSKCB.trim().toUpperCase() !== caller.clinicCode)
      header.push({
        file: 'HOSO',
        field: 'maCSKCB',
        code: 'field.not_your_clinic',
        message: 'maCSKCB is not the clinic of the token',
      });
    if (body.maTinh.trim() !== caller.clinicCode.slice(0, 2))
      header.push({
        file: 'HOSO',
        field: 'maTinh',
        code: 'field.format',
        message: 'maTinh is not the clinic province',
      });
    const envelope = decodeBase64(body.fileHSBase64);
    if (!envelope)
      header.push({ file: 'HOSO', field: 'fileHSBase64', code: 'file.bad_base64', message: 'not base64' });
    else if (envelope.length > VISIT_ENVELOPE_BYTES)
      header.push({
        file: 'HOSO',
        field: 'fileHSBase64',
        code: 'file.too_large',
        message: 'envelope too large',
      });
    if (header.length || !envelope) return reply(ctx, '205', header);
    await auth.limiter.hit([
      { key: `gateway.visits:${caller.clinicCode}`, max: GATEWAY_LIMITS.visitsPerMinute, windowSeconds: 60 },
    ]);
    const { hoso, errors } = readEnvelope(envelope.toString('utf8'));
    const accepted: Accepted[] = [];
    const rejected: { maLk: string; types: string[]; bytes: number; errors: VisitFileError[] }[] = [];
    try {
      for (const h of hoso) {
        const own: VisitFileError[] = [];
        const item = await readHoso(caller, h.tables, h.bytes, h.given, own);
        if (item && !own.length) accepted.push(item);
        else {
          errors.push(...own);
          const maLk = h.tables.get('XML1')?.MA_LK?.trim();
          if (maLk && /^[A-Za-z0-9._\-/]{1,100}$/.test(maLk))
            rejected.push({ maLk, types: [...h.tables.keys()], bytes: h.bytes, errors: own });
        }
      }
      const at = now();
      const transactionCode = `${receivedStamp(at)}-${randomUUID().slice(0, 8)}`;
      if (errors.length) {
        // The errors to fix, on the clinic's list of files; an accepted earlier version stays.
        for (const r of rejected) {
          const previous = await repo.findVisitFile(db, caller.clinicCode, r.maLk);
          if (previous?.status === 'accepted') continue;
          await repo.upsertVisitFile(db, {
            clinic_code: caller.clinicCode,
            ma_lk: r.maLk,
            transaction_code: `${transactionCode}-${r.maLk}`.slice(0, 200),
            bhxh_code: null,
            status: 'rejected',
            file_types: r.types,
            size_bytes: r.bytes,
            errors: r.errors,
          });
        }
        return reply(ctx, '205', errors);
      }
      await db.transaction().execute(async (trx) => {
        for (const [i, item] of accepted.entries())
          await save(
            trx,
            ctx,
            caller,
            item,
            accepted.length > 1 ? `${transactionCode}-${i + 1}` : transactionCode,
          );
      });
      return reply(ctx, '000', [], { id: transactionCode, at });
    } catch (error) {
      deps.log?.error({ requestId: ctx.requestId, err: error }, 'visit files failed');
      return reply(ctx, '101');
    }
  }

  return {
    async submitByGateway(
      ctx: CallContext,
      query: { token?: string; id_token?: string; username?: string },
      body: SubmitVisitBody,
    ): Promise<SubmitVisitResult> {
      const caller = await auth.caller(query);
      if (!caller) return reply(ctx, '401');
      return submit(ctx, caller, body);
    },
  };
}
