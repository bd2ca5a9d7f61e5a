import type { Kysely } from 'kysely';
import {
  type ChildForm01,
  dateOfBirthOf,
  findCommune2025,
  type Form01,
  formatDate,
  isMinor,
  normalizeForSearch,
  vietnamToday,
} from '@vssid/domain';
import type { RegistrationReceived, RegistrationResult } from '@vssid/domain/api/registration';
import type { Language } from '@vssid/domain/i18n';
import { type ImageLimits, DEFAULT_IMAGE_LIMITS } from '../../adapters/images';
import type { PopulationRegistry } from '../../adapters/population-registry';
import type { FileStorage } from '../../adapters/storage';
import type { Database } from '../../db/schema';
import { AppError, type FieldError } from '../../http/problem';
import type { Translator } from '../../i18n';
import { maskPhone } from '../auth/credentials';
import { type CallContext, signedIn } from '../../context';
import { enqueueMessage } from '../outbox/service';
import { appendAction, createDossier, type DossierRow, getDossier, isUniqueViolation } from './dossiers';
import { documentOf, encodeDossierCursor, sameToken } from './dossier-view';
import type { Form01Store } from './form01-store';
import { createPhotoCleaner, type PhotoKind } from './photos';
import { auditSubmitted, enqueueDeclarationEmail } from './submit-messages';
import { createReceivingAgencies } from './receiving';
import { dataMismatch } from './field-problem';
import {
  findAccountContact,
  findActiveCitizenAccount,
  type DossierCursor,
  findAgencies,
  findAgency,
  findDossierByIdempotencyKey,
  findOpenDossier,
  findPerson,
  insertDossierFiles,
  listDossiersForCitizen,
} from './repository';

/**
 * The citizen side of registration (issue 5): Form 01 for oneself (anonymous: the person has no
 * account yet) and for a minor child (a signed-in guardian). Checks, in order: the same zod schema
 * as the form (at the route), the receiving agency (one that receives dossiers and that an officer
 * can see, see `receiving.ts`), the BHXH code exists and belongs to that name,
 * no active account and no open dossier, the photos by content; then the population-registry
 * check, whose outcome is stored on the dossier and shown to the person and the officer (a
 * mismatch does not block: the officer rejects with `registry_mismatch` after seeing the paper).
 * One transaction creates the dossier, its `submit` action, its photos' rows, the audit entry and
 * the outbox messages; an `Idempotency-Key` makes a retried submit find the same dossier.
 */

const SELF_PHOTOS = ['portrait', 'id_front', 'id_back'] as const satisfies readonly PhotoKind[];
const CHILD_PHOTOS = ['portrait', 'birth_certificate'] as const satisfies readonly PhotoKind[];

interface RegistrationDeps {
  db: Kysely<Database>;
  translator: Translator;
  registry: PopulationRegistry;
  storage: FileStorage;
  publicUrl: string;
  imageLimits?: ImageLimits;
  /** The clock (tests): whether a child is still a minor is decided on its date in Vietnam. */
  now?: () => Date;
  /** The stored Form 01 PDFs (form01-store.ts). */
  form01: Form01Store;
  /** Where a failed render after commit is reported (the PDF is then rendered on its first download). */
  log?: { warn(details: object, message: string): void };
  /**
   * The BHXH-code look-up's gate (lookup `verifyProof`): a solved challenge and the per-IP limit,
   * checked before anything of the form is looked at (issue #22 item 1).
   */
  proof: (ctx: CallContext, challengeId: string, nonce: string) => Promise<void>;
}

/** The answer of a submit (the contract's `RegistrationResult`). */
type SubmitResult = RegistrationResult;

export function createSubmitService(deps: RegistrationDeps) {
  const limits = deps.imageLimits ?? DEFAULT_IMAGE_LIMITS;
  const now = deps.now ?? (() => new Date());
  const base = deps.publicUrl.replace(/\/+$/, '');
  const tr = (language: Language, key: string, params: Record<string, unknown> = {}) =>
    deps.translator.t(language, key, params);
  const fieldError = (
    ctx: CallContext,
    field: string,
    code: string,
    key: string,
    params = {},
  ): FieldError => ({
    in: 'body',
    field,
    code,
    message: tr(ctx.language, key, params),
  });

  const pdfPath = (row: DossierRow) =>
    `/api/v1/registrations/${encodeURIComponent(row.number)}/form01.pdf?t=${row.id}`;

  const resultWith = (
    row: DossierRow,
    agency: { name: string; address: string } | undefined,
  ): SubmitResult => {
    const check = row.registry_check as { outcome?: string; fields?: string[] };
    return {
      number: row.number,
      kind: row.kind,
      status: row.status,
      submittedAt: row.submitted_at.toISOString(),
      deadlineAt: row.deadline_at.toISOString(),
      delivery: row.delivery,
      agency: {
        code: row.agency_code,
        name: agency?.name ?? row.agency_code,
        address: agency?.address ?? '',
      },
      registryCheck: {
        outcome: (check.outcome ?? 'not_applicable') as SubmitResult['registryCheck']['outcome'],
        fields: check.fields ?? [],
      },
      accessToken: row.id,
      form01Url: pdfPath(row),
    };
  };
  const resultOf = async (db: Kysely<Database>, row: DossierRow): Promise<SubmitResult> =>
    resultWith(row, await findAgency(db, row.agency_code));

  const keyReused = (ctx: CallContext) =>
    new AppError(422, 'idempotency_key_reused', 'registration.idempotencyKeyReused', {}, [
      fieldError(ctx, 'Idempotency-Key', 'reused', 'registration.idempotencyKeyReused'),
    ]);
  /** A dossier already made with this key: the same answer again (or 422 when the key is someone else's). */
  const replay = async (key: string, bhxhCode: string, ctx: CallContext) => {
    const existing = await findDossierByIdempotencyKey(deps.db, key);
    if (!existing) return null;
    if (existing.bhxh_code !== bhxhCode) throw keyReused(ctx);
    return resultOf(deps.db, existing);
  };

  /**
   * Refuses an active account or an open dossier; an open dossier made with this very key (a
   * concurrent twin committed since the replay check) is answered as a replay instead.
   */
  const refuseExisting = async (
    bhxhCode: string,
    field: string,
    key: string,
    ctx: CallContext,
  ): Promise<SubmitResult | null> => {
    const open = await findOpenDossier(deps.db, bhxhCode);
    if (open?.idempotency_key === key) return resultOf(deps.db, open);
    if (await findActiveCitizenAccount(deps.db, bhxhCode))
      throw new AppError(409, 'account_exists', 'registration.accountExists', {}, [
        fieldError(ctx, field, 'account_exists', 'registration.accountExists'),
      ]);
    if (open) throw pending(open.number, field, ctx);
    return null;
  };
  const pending = (number: string, field: string, ctx: CallContext) =>
    new AppError(409, 'dossier_pending', 'registration.dossierPending', { number }, [
      fieldError(ctx, field, 'dossier_pending', 'registration.dossierPending', { number }),
    ]);

  const receiving = createReceivingAgencies(deps);
  /** The agency, when it receives dossiers and an officer can see its queue (else 422 on `agencyCode`). */
  const checkAgency = (code: string, ctx: CallContext) =>
    receiving.getReceiving(code, 'agencyCode', ctx.language);

  const cleanPhotos = createPhotoCleaner({ translator: deps.translator, storage: deps.storage, limits });

  /**
   * Runs the creating transaction; a concurrent twin with the same key loses on the unique index
   * and finds the winner's dossier (`replay`); a concurrent second dossier for the same person
   * finds that one (`pending`). The Form 01 PDF is rendered once the dossier is committed (the
   * agency's number counter is no longer locked) and stored: awaited when `awaitPdf` (the
   * guardian's answer links to it), else in the background, so that a new dossier's answer takes
   * no longer than the others' (a failed render is rendered again on its first download).
   */
  const createOnce = async (
    key: string,
    bhxhCode: string,
    ctx: CallContext,
    work: (trx: Kysely<Database>) => Promise<DossierRow>,
    awaitPdf: boolean,
  ): Promise<{ kind: 'created' | 'replay'; row: DossierRow } | { kind: 'pending'; number: string }> => {
    try {
      const row = await deps.db.transaction().execute(work);
      const stored = deps.form01.get(row, ctx.language).catch((error: unknown) => {
        deps.log?.warn({ err: error, dossier: row.number }, 'Form 01 PDF not stored after submit');
      });
      if (awaitPdf) await stored;
      return { kind: 'created', row };
    } catch (error) {
      if (isUniqueViolation(error, 'idempotency_key')) {
        const again = await findDossierByIdempotencyKey(deps.db, key);
        if (again?.bhxh_code === bhxhCode) return { kind: 'replay', row: again };
        if (again) throw keyReused(ctx);
      }
      if (isUniqueViolation(error, 'dossiers_one_open_idx')) {
        const open = await findOpenDossier(deps.db, bhxhCode);
        if (open?.idempotency_key === key) return { kind: 'replay', row: open };
        return { kind: 'pending', number: open?.number ?? '' };
      }
      throw error;
    }
  };

  /**
   * What a matched self registration found, told by SMS to the phone on record (nothing without
   * one): one message per submission key, so a retry does not send it twice.
   */
  const tell = async (
    phone: string | null,
    key: string,
    template: 'sms.accountExists' | 'sms.stillPending',
    params: Record<string, unknown>,
    ctx: CallContext,
  ) => {
    if (!phone) return;
    await deps.db.transaction().execute((trx) =>
      enqueueMessage(trx, {
        idempotency_key: `registration.received:${key}:sms`,
        channel: 'sms',
        recipient: phone,
        template: `registration.${template}`,
        language: ctx.language,
        payload: { text: messageText(ctx.language, template, params) },
      }),
    );
  };

  const messageText = (language: Language, key: string, params: Record<string, unknown>) =>
    tr(language, `messages:registration.${key}`, params);

  /** The new dossier with its cleaned photos, submitted by `actor` (`details` go on the action). */
  const fileDossier = async (
    trx: Kysely<Database>,
    row: Parameters<typeof createDossier>[1],
    files: Awaited<ReturnType<typeof cleanPhotos>>,
    actor: Parameters<typeof appendAction>[3],
    details: Record<string, unknown>,
    ctx: CallContext,
  ): Promise<DossierRow> => {
    const draft = await createDossier(trx, row);
    await insertDossierFiles(
      trx,
      files.map((f) => ({
        bhxh_code: draft.bhxh_code,
        dossier_id: draft.id,
        kind: f.kind,
        content_type: 'image/jpeg',
        byte_size: f.bytes.length,
        width: f.width,
        height: f.height,
        sha256: f.sha256,
      })),
    );
    const { dossier } = await appendAction(trx, draft, 'submit', actor, {
      details: { language: ctx.language, ip: ctx.client.ip, ...details },
    });
    return dossier;
  };

  const enqueueDeclaration = (
    trx: Kysely<Database>,
    dossier: DossierRow,
    agency: { name: string; address: string },
    recipient: string,
    name: string,
    deadline: string,
    ctx: CallContext,
  ) => enqueueDeclarationEmail(deps.translator, trx, { dossier, agency, recipient, name, deadline }, ctx);

  return {
    /**
     * Form 01 for oneself (issue #22 item 1: the answer tells nothing the caller has not proved).
     * After the proof of work, the form's own checks and the photos (cleaned for every caller,
     * before the match, so that the work and its time do not depend on what the match finds),
     * an unknown code or another name is one 422; a matched code and name get the same 202
     * whatever follows: a new dossier, an existing account or a pending dossier, each told by SMS
     * to the phone on record with BHXH (not a phone the caller typed). `created` is true when this
     * call made the dossier.
     */
    async submitSelf(
      ctx: CallContext,
      form: Form01,
      photos: Partial<Record<PhotoKind, Uint8Array>>,
      idempotencyKey: string,
      proof: { challengeId: string; nonce: string },
    ): Promise<{ created: boolean; result: RegistrationReceived }> {
      // The look-up's proof of work and per-IP limit first (issue #22 item 1).
      await deps.proof(ctx, proof.challengeId, proof.nonce);
      const errors: FieldError[] = [];
      const commune = findCommune2025(form.address.communeCode);
      if (!commune || commune.provinceCode !== form.address.provinceCode)
        errors.push(
          fieldError(ctx, 'address.communeCode', 'not_in_province', 'registration.communeNotInProvince'),
        );
      if (form.emailDeclaration && !form.email)
        errors.push(fieldError(ctx, 'email', 'required', 'registration.emailRequired'));
      if (errors.length) throw new AppError(422, 'validation_failed', 'validation', {}, errors);
      const agency = await checkAgency(form.agencyCode, ctx);
      const files = await cleanPhotos(SELF_PHOTOS, photos, ctx);
      const person = await findPerson(deps.db, form.bhxhCode);
      // An unknown code and a wrong name are one answer (issue #22 item 1): the same status, body
      // and work (one read either way), so the call tells nobody which codes exist.
      const nameMatches =
        normalizeForSearch(person?.full_name ?? '') === normalizeForSearch(form.fullName) && !!person;
      if (!person || !nameMatches) throw dataMismatch(deps.translator, ctx.language);
      // ASSUMPTION: "the phone on record" is the person's phone in `persons` (BHXH's own record);
      // without one nothing is sent in any of the three cases, and the answer says so (null): that
      // depends on the person, not on what the match found.
      const phone = person.phone?.trim() || null;
      const received: RegistrationReceived = {
        status: 'received',
        destination: phone ? maskPhone(phone) : null,
      };
      const answer = (created: boolean) => ({ created, result: received });

      const replayed = await findDossierByIdempotencyKey(deps.db, idempotencyKey);
      if (replayed) {
        if (replayed.bhxh_code !== form.bhxhCode) throw keyReused(ctx);
        return answer(false);
      }
      // The population-registry check for every matched caller too (the same work in all cases).
      const registry = await deps.registry.check({
        idNumber: form.idNumber,
        fullName: form.fullName,
        dateOfBirth: form.dateOfBirth,
        gender: form.gender,
      });
      const open = await findOpenDossier(deps.db, form.bhxhCode);
      if (open?.idempotency_key === idempotencyKey) return answer(false);
      if (await findActiveCitizenAccount(deps.db, form.bhxhCode)) {
        await tell(phone, idempotencyKey, 'sms.accountExists', {}, ctx);
        return answer(false);
      }
      if (open) {
        await tell(phone, idempotencyKey, 'sms.stillPending', { number: open.number }, ctx);
        return answer(false);
      }

      const outcome = await createOnce(
        idempotencyKey,
        form.bhxhCode,
        ctx,
        async (trx) => {
          const { acceptTerms: _t, commitment: _c, ...declared } = form;
          const dossier = await fileDossier(
            trx,
            {
              bhxh_code: form.bhxhCode,
              kind: 'self',
              agency_code: agency.code,
              guardian_bhxh_code: null,
              declared: { ...declared, acceptedTerms: true, committed: true },
              registry_check: registry,
              delivery: form.delivery,
              idempotency_key: idempotencyKey,
              bulk_import_id: null,
            },
            files,
            { type: 'citizen', id: null },
            { registry: registry.outcome },
            ctx,
          );
          const deadline = formatDate(dossier.deadline_at, ctx.language);
          if (phone)
            await enqueueMessage(trx, {
              idempotency_key: `registration.submitted:${dossier.id}:sms`,
              channel: 'sms',
              recipient: phone,
              template: 'registration.sms.submitted',
              language: ctx.language,
              payload: {
                text: messageText(ctx.language, 'sms.submitted', {
                  number: dossier.number,
                  agency: agency.name,
                  deadline,
                  link: `${base}${pdfPath(dossier)}`,
                }),
              },
            });
          // ASSUMPTION: the declaration email goes to the email on record with BHXH, not to an
          // address typed in the form (which would tell its writer that a dossier was made); with
          // none on record the SMS's link is the way to the PDF.
          const email = person.email?.trim();
          if (form.emailDeclaration && email) {
            await enqueueDeclaration(trx, dossier, agency, email, person.full_name, deadline, ctx);
          }
          await auditSubmitted(
            trx,
            dossier,
            { actor_type: 'anonymous', actor_id: null },
            { kind: 'self', registry: registry.outcome },
            ctx,
          );
          return dossier;
        },
        false,
      );
      if (outcome.kind === 'pending')
        await tell(phone, idempotencyKey, 'sms.stillPending', { number: outcome.number }, ctx);
      return answer(outcome.kind === 'created');
    },

    /** A signed-in guardian registers their minor child. */
    async submitChild(
      ctx: CallContext,
      form: ChildForm01,
      photos: Partial<Record<PhotoKind, Uint8Array>>,
      idempotencyKey: string,
    ): Promise<{ created: boolean; result: SubmitResult }> {
      const guardian = signedIn(ctx);
      const guardianCode = guardian.bhxhCode;
      if (!guardianCode) throw new AppError(403, 'forbidden', 'auth.forbidden');
      const replayed = await replay(idempotencyKey, form.childBhxhCode, ctx);
      if (replayed) return { created: false, result: replayed };
      const child = await findPerson(deps.db, form.childBhxhCode);
      // Unknown codes and other people's children get the same answer (nothing is revealed).
      if (!child || child.guardian_bhxh_code !== guardianCode)
        throw new AppError(422, 'not_guardian', 'registration.notGuardian', {}, [
          fieldError(ctx, 'childBhxhCode', 'not_guardian', 'registration.notGuardian'),
        ]);
      if (normalizeForSearch(child.full_name) !== normalizeForSearch(form.childFullName))
        throw new AppError(422, 'name_mismatch', 'registration.nameMismatch', {}, [
          fieldError(ctx, 'childFullName', 'name_mismatch', 'registration.nameMismatch'),
        ]);
      // The one minor rule of the domain, as card access asks it (a year of birth alone included).
      if (!isMinor(dateOfBirthOf(child), vietnamToday(now())))
        throw new AppError(422, 'child_not_minor', 'registration.childNotMinor', {}, [
          fieldError(ctx, 'childBhxhCode', 'not_minor', 'registration.childNotMinor'),
        ]);
      const agency = await checkAgency(form.agencyCode, ctx);
      const twin = await refuseExisting(form.childBhxhCode, 'childBhxhCode', idempotencyKey, ctx);
      if (twin) return { created: false, result: twin };
      const files = await cleanPhotos(CHILD_PHOTOS, photos, ctx);
      const guardianPerson = await findPerson(deps.db, guardianCode);
      const guardianAccount = await findAccountContact(deps.db, guardian.accountId);
      const phone = guardianAccount?.phone ?? guardianPerson?.phone ?? null;
      const email = guardianAccount?.email ?? guardianPerson?.email ?? null;
      const guardianName = guardianPerson?.full_name ?? guardian.displayName;

      const outcome = await createOnce(
        idempotencyKey,
        form.childBhxhCode,
        ctx,
        async (trx) => {
          const dossier = await fileDossier(
            trx,
            {
              bhxh_code: form.childBhxhCode,
              kind: 'child',
              agency_code: agency.code,
              guardian_bhxh_code: guardianCode,
              declared: {
                childBhxhCode: form.childBhxhCode,
                childFullName: form.childFullName,
                dateOfBirth: child.birth_date,
                birthYear: child.birth_year,
                gender: child.gender,
                agencyCode: agency.code,
                delivery: form.delivery,
                guardianBhxhCode: guardianCode,
                guardianName,
                guardianPhone: phone,
                committed: true,
              },
              // Children are checked by the officer against the birth certificate, not the registry.
              registry_check: { outcome: 'not_applicable' },
              delivery: form.delivery,
              idempotency_key: idempotencyKey,
              bulk_import_id: null,
            },
            files,
            { type: 'citizen', id: guardian.accountId },
            { guardian: guardianCode },
            ctx,
          );
          const deadline = formatDate(dossier.deadline_at, ctx.language);
          const link = `${base}${pdfPath(dossier)}`;
          if (phone)
            await enqueueMessage(trx, {
              idempotency_key: `registration.submitted:${dossier.id}:sms`,
              channel: 'sms',
              recipient: phone,
              template: 'registration.sms.child',
              language: ctx.language,
              payload: {
                text: messageText(ctx.language, 'sms.child', {
                  child: form.childFullName,
                  number: dossier.number,
                  agency: agency.name,
                  deadline,
                  link,
                }),
              },
            });
          if (email) {
            await enqueueDeclaration(trx, dossier, agency, email, guardianName, deadline, ctx);
          }
          await auditSubmitted(
            trx,
            dossier,
            { actor_type: 'citizen', actor_id: guardian.accountId },
            { kind: 'child', guardian: guardianCode },
            ctx,
          );
          return dossier;
        },
        true,
      );
      if (outcome.kind === 'pending') throw pending(outcome.number, 'childBhxhCode', ctx);
      return { created: outcome.kind === 'created', result: await resultOf(deps.db, outcome.row) };
    },

    /**
     * The Form 01 PDF of a dossier. Who may fetch it: anyone presenting its access token (`?t=`,
     * the dossier's random id, given only in the submit answer and the guardian's SMS); a signed-in
     * citizen who is the person or the guardian who filed it; an officer or agency admin of the
     * receiving agency. Anyone else: 404, as if the number did not exist.
     */
    async form01(ctx: CallContext, number: string, token: string | undefined) {
      const principal = ctx.principal;
      const dossier = await getDossier(deps.db, { number });
      if (!dossier) throw new AppError(404, 'not_found', 'notFound');
      const allowed =
        (token !== undefined && sameToken(token, dossier.id)) ||
        (principal?.role === 'citizen' &&
          principal.bhxhCode !== null &&
          (principal.bhxhCode === dossier.bhxh_code || principal.bhxhCode === dossier.guardian_bhxh_code)) ||
        ((principal?.role === 'officer' || principal?.role === 'agency_admin') &&
          principal.agencyCode === dossier.agency_code);
      if (!allowed) throw new AppError(404, 'not_found', 'notFound');
      return { number: dossier.number, pdf: await deps.form01.get(dossier, ctx.language) };
    },

    /**
     * The signed-in citizen's dossiers, their own and those they filed for their children, newest
     * first: `limit` of them after `before`, and the cursor of the next page (null on the last).
     */
    async mine(ctx: CallContext, page: { limit: number; before?: DossierCursor }) {
      const principal = signedIn(ctx);
      if (!principal.bhxhCode) return { items: [], nextCursor: null };
      const rows = await listDossiersForCitizen(deps.db, principal.bhxhCode, page.limit + 1, page.before);
      const items = rows.slice(0, page.limit);
      const agencies = new Map(
        (
          await findAgencies(
            deps.db,
            items.map((r) => r.agency_code),
          )
        ).map((a) => [a.code, a]),
      );
      const last = items[items.length - 1];
      return {
        items: items.map((row) => ({
          ...resultWith(row, agencies.get(row.agency_code)),
          bhxhCode: row.bhxh_code,
          fullName: documentOf(row, { name: '', address: '' }).person.fullName,
        })),
        nextCursor:
          rows.length > page.limit && last
            ? encodeDossierCursor({ submittedAt: last.cursor_at, id: last.id })
            : null,
      };
    },
  };
}

export type SubmitService = ReturnType<typeof createSubmitService>;
