import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { dateOfBirthOf, findCommune2025, normalizeForSearch, vietnamToday } from '@vssid/domain';
import type { NewUnitAdmin, NewUnitUser, PersonAccountStatus, UnitPersonForm } from '@vssid/domain/api/units';
import { DEFAULT_IMAGE_LIMITS, type ImageLimits } from '../../adapters/images';
import type { FileStorage } from '../../adapters/storage';
import { type CallContext, type Principal, signedIn } from '../../context';
import type { Database } from '../../db/schema';
import type { UnitPersonPhotos } from '../../db/schema-units';
import { AppError, type FieldError } from '../../http/problem';
import type { Translator } from '../../i18n';
import { auditService } from '../audit/service';
import { maskPhone } from '../auth/credentials';
import type { AuthService } from '../auth/service';
import { agencyScope, createPhotoCleaner, isUniqueViolation, type UnitFiling } from '../registration';
import * as repo from './repository';
import type { SubmissionSigning } from './signing';

/** At most this many people go in one batch (a unit with more sends several). */
const BATCH_MAX = 5000;
const PHOTO_KINDS = ['portrait', 'id_front', 'id_back'] as const;

const notFound = () => new AppError(404, 'not_found', 'notFound');

/**
 * The employer and school portal (issue #27 items 1–2). Who is who:
 * - the agency's admin creates a unit's admin account (the unit must be managed by the admin's
 *   agency or one below it; the tax code must be the unit's on record);
 * - a unit admin (`accounts.unit_admin`, a flag on the `employer` role rather than a sixth role:
 *   the sign-in, the session and every unit-scoped route stay the same) creates and disables the
 *   unit's staff and signs the unit's submissions;
 * - unit staff and admins see and complete the unit's people and send batches.
 * Every call is scoped to the caller's unit: a person who is not one of its current people, an
 * account or a batch of another unit answers 404. Unit users sign in as staff do (password and
 * an OTP every time: the `employer` role is staff in the sign-in flow).
 */
export function createEmployerService(deps: {
  db: Kysely<Database>;
  auth: AuthService;
  translator: Translator;
  storage: FileStorage;
  filing: UnitFiling;
  signing: SubmissionSigning;
  imageLimits?: ImageLimits;
  now?: () => Date;
}) {
  const { db, auth, translator } = deps;
  const now = deps.now ?? (() => new Date());
  const t = (ctx: CallContext, key: string, params: Record<string, unknown> = {}) =>
    translator.t(ctx.language, key, params);
  const field = (ctx: CallContext, name: string, code: string, key: string): FieldError => ({
    in: 'body',
    field: name,
    code,
    message: t(ctx, key),
  });
  const cleanPhotos = createPhotoCleaner({
    translator,
    storage: deps.storage,
    limits: deps.imageLimits ?? DEFAULT_IMAGE_LIMITS,
  });

  /** The first month still counted as current: the month before last (Vietnam time). */
  const since = () => {
    const [y, m] = vietnamToday(now()).split('-').map(Number) as [number, number];
    const index = y * 12 + (m - 1) - 2;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
  };

  async function unitOf(ctx: CallContext): Promise<{ principal: Principal; unitCode: string }> {
    const principal = signedIn(ctx);
    if (principal.role !== 'employer' || !principal.unitCode) throw notFound();
    return { principal, unitCode: principal.unitCode };
  }

  async function requireAdmin(ctx: CallContext) {
    const scope = await unitOf(ctx);
    if (!(await repo.isActiveUnitAdmin(db, scope.principal.accountId, scope.unitCode)))
      throw new AppError(403, 'unit_admin_only', 'unit.adminOnly');
    return scope;
  }

  const accountView = (row: {
    id: string;
    username: string;
    display_name: string;
    unit_admin: boolean;
    status: string;
    phone: string | null;
    created_at: Date;
  }) => ({
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    unitAdmin: row.unit_admin,
    status: row.status === 'active' ? ('active' as const) : ('disabled' as const),
    phoneMasked: row.phone ? maskPhone(row.phone) : null,
    createdAt: row.created_at.toISOString(),
  });

  const usernameTaken = (ctx: CallContext) =>
    new AppError(409, 'username_taken', 'auth.usernameTaken', {}, [
      field(ctx, 'username', 'auth.username_taken', 'auth.usernameTaken'),
    ]);

  async function createUser(
    ctx: CallContext,
    input: NewUnitUser,
    unitCode: string,
    unitAdmin: boolean,
    before?: (trx: Kysely<Database>) => Promise<void>,
  ) {
    const principal = signedIn(ctx);
    if (await auth.accountByUsername(input.username.toLowerCase())) throw usernameTaken(ctx);
    const origin = { ip: ctx.client.ip, requestId: ctx.requestId };
    try {
      return await db.transaction().execute(async (trx) => {
        await before?.(trx);
        const created = await auth.createAccountWithIssuedPassword(
          trx,
          {
            role: 'employer',
            username: input.username,
            displayName: input.displayName,
            unitCode,
            unitAdmin,
            phone: input.phone,
            email: input.email ?? null,
            createdBy: principal.accountId,
            language: ctx.language,
          },
          origin,
        );
        await auth.auditAccount(
          trx,
          origin,
          await auth.accountIn(trx, principal.accountId),
          'unit.account.created',
          {
            account: created.id,
            unitCode,
            unitAdmin,
          },
        );
        return accountView(created);
      });
    } catch (error) {
      // Two creations of the same user name at once: the unique index decides.
      if (isUniqueViolation(error, 'accounts_username_key')) throw usernameTaken(ctx);
      throw error;
    }
  }

  function statusOf(row: { account_status: repo.AccountStatusCode }): PersonAccountStatus {
    return row.account_status;
  }

  const personView = (row: Awaited<ReturnType<typeof repo.findUnitPerson>> & object) => ({
    bhxhCode: row.bhxh_code,
    fullName: row.full_name,
    birthYear: row.birth_year,
    gender: row.gender,
    position: row.position,
    since: row.since,
    accountStatus: statusOf(row),
    dossierNumber: row.dossier_number,
  });

  async function personIn(unitCode: string, bhxhCode: string) {
    const row = await repo.findUnitPerson(db, unitCode, since(), bhxhCode);
    if (!row) throw notFound();
    return row;
  }

  async function personDetail(unitCode: string, bhxhCode: string) {
    const row = await personIn(unitCode, bhxhCode);
    const data = await repo.findPersonData(db, unitCode, bhxhCode);
    return {
      ...personView(row),
      completed: data
        ? {
            ...data.data,
            photos: PHOTO_KINDS.filter((k) => k in data.photos),
            updatedAt: data.updated_at.toISOString(),
          }
        : null,
    };
  }

  async function batchView(ctx: CallContext, unitCode: string, id: string) {
    const batch = await repo.findBatch(db, id);
    if (batch?.unit_code !== unitCode) throw notFound();
    const people = await repo.listBatchPeople(db, id);
    return {
      id: batch.id,
      status: batch.status,
      total: batch.total,
      processed: batch.processed,
      created: people.filter((p) => p.dossier_number).length,
      createdAt: batch.created_at.toISOString(),
      finishedAt: batch.finished_at?.toISOString() ?? null,
      people: people.map((p) => ({
        bhxhCode: p.bhxh_code,
        fullName: p.full_name,
        dossierNumber: p.dossier_number,
        error: p.error_code
          ? { code: p.error_code, message: t(ctx, `unit.batchError.${p.error_code}`) }
          : null,
      })),
    };
  }

  return {
    /* ------------------------------------------------------------ the agency */

    /** The agency's admin creates a unit's admin (issue #27 item 1). */
    async createUnitAdmin(ctx: CallContext, unitCode: string, input: NewUnitAdmin & { taxCode: string }) {
      const admin = signedIn(ctx);
      const scope = admin.agencyCode ? await agencyScope(db, admin.agencyCode) : [];
      const unit = await repo.findUnit(db, unitCode);
      if (!unit || !scope.includes(unit.managing_agency)) throw notFound();
      if (unit.tax_code && unit.tax_code !== input.taxCode)
        throw new AppError(422, 'tax_code_mismatch', 'unit.taxCodeMismatch', {}, [
          field(ctx, 'taxCode', 'mismatch', 'unit.taxCodeMismatch'),
        ]);
      if (!unit.tax_code) {
        const holder = await repo.findUnitByTaxCode(db, input.taxCode);
        if (holder && holder.code !== unit.code)
          throw new AppError(409, 'tax_code_taken', 'unit.taxCodeTaken', {}, [
            field(ctx, 'taxCode', 'taken', 'unit.taxCodeTaken'),
          ]);
      }
      return createUser(ctx, input, unit.code, true, async (trx) => {
        // ASSUMPTION: a unit the catalog holds without a tax code takes the one the agency checked.
        if (!unit.tax_code) await repo.setUnitTaxCode(trx, unit.code, input.taxCode);
      });
    },

    /** Adoption per unit of the agency's admin's scope, a page of units by code. */
    async adoptionByUnit(ctx: CallContext, query: { q?: string | undefined; limit: number; offset: number }) {
      const admin = signedIn(ctx);
      const agencies = admin.agencyCode ? await agencyScope(db, admin.agencyCode) : [];
      const page = await repo.listUnitsOfAgencies(db, { agencies, ...query });
      const adoption = await repo.adoptionOf(
        db,
        page.rows.map((r) => r.code),
        since(),
      );
      return {
        total: page.total,
        units: page.rows.map((r) => {
          const a = adoption.get(r.code) ?? { people: 0, accounts: 0, pending: 0, ready: 0 };
          return {
            unitCode: r.code,
            name: r.name,
            taxCode: r.tax_code,
            agencyCode: r.managing_agency,
            admins: Number(r.admins),
            ...a,
            rate: a.people ? a.accounts / a.people : 0,
          };
        }),
      };
    },

    /* ------------------------------------------------------------ the unit */

    async myUnit(ctx: CallContext) {
      const { principal, unitCode } = await unitOf(ctx);
      const unit = await repo.findUnit(db, unitCode);
      if (!unit) throw notFound();
      const a = (await repo.adoptionOf(db, [unitCode], since())).get(unitCode) ?? {
        people: 0,
        accounts: 0,
        pending: 0,
        ready: 0,
      };
      return {
        code: unit.code,
        name: unit.name,
        taxCode: unit.tax_code,
        kind: unit.kind,
        address: unit.address,
        managingAgency: { code: unit.managing_agency, name: unit.agency_name },
        unitAdmin: await repo.isActiveUnitAdmin(db, principal.accountId, unitCode),
        adoption: { ...a, rate: a.people ? a.accounts / a.people : 0 },
      };
    },

    async listAccounts(ctx: CallContext) {
      const { unitCode } = await unitOf(ctx);
      return (await repo.listUnitAccounts(db, unitCode)).map(accountView);
    },

    /** The unit admin creates a staff account of the unit. */
    async createStaff(ctx: CallContext, input: NewUnitUser) {
      const { unitCode } = await requireAdmin(ctx);
      return createUser(ctx, input, unitCode, false);
    },

    /** The unit admin disables (ending their sessions) or re-enables one of the unit's staff. */
    async setStaffStatus(ctx: CallContext, id: string, status: 'active' | 'disabled') {
      const { principal, unitCode } = await requireAdmin(ctx);
      const account = await repo.findUnitAccount(db, id);
      if (account?.role !== 'employer' || account.unit_code !== unitCode || account.unit_admin)
        throw notFound();
      await db.transaction().execute(async (trx) => {
        await auth.setAccountStatus(trx, account.id, status);
        if (status === 'disabled') await auth.endAccountSessions(trx, account.id, 'account_disabled');
        await auth.auditAccount(
          trx,
          ctx,
          await auth.accountIn(trx, principal.accountId),
          status === 'disabled' ? 'unit.account.disabled' : 'unit.account.enabled',
          { account: account.id, unitCode },
        );
      });
    },

    async listPeople(
      ctx: CallContext,
      query: {
        status?: PersonAccountStatus | undefined;
        q?: string | undefined;
        limit: number;
        offset: number;
      },
    ) {
      const { unitCode } = await unitOf(ctx);
      const q = query.q?.trim() ?? '';
      const page = await repo.listUnitPeople(db, {
        unitCode,
        since: since(),
        status: query.status,
        ...(/^\d{10}$/.test(q)
          ? { code: q }
          : { nameWords: normalizeForSearch(q).split(' ').filter(Boolean) }),
        limit: query.limit,
        offset: query.offset,
      });
      return { total: page.total, people: page.rows.map(personView) };
    },

    async getPerson(ctx: CallContext, bhxhCode: string) {
      const { unitCode } = await unitOf(ctx);
      return personDetail(unitCode, bhxhCode);
    },

    /**
     * Completes a person's contact data and photos (CV 728 §2.2), for one without an account
     * or an open dossier. The photos are checked and re-encoded by the registration's cleaner
     * and stored by SHA-256; completing again replaces the data and takes the person out of a
     * batch that did not make their dossier.
     */
    async completePerson(
      ctx: CallContext,
      bhxhCode: string,
      input: UnitPersonForm & { photos: Partial<Record<(typeof PHOTO_KINDS)[number], Uint8Array>> },
    ) {
      const { principal, unitCode } = await unitOf(ctx);
      const person = await personIn(unitCode, bhxhCode);
      if (person.account_status === 'active')
        throw new AppError(409, 'account_exists', 'unit.personHasAccount');
      if (person.account_status === 'pending')
        throw new AppError(409, 'dossier_pending', 'unit.personDossierPending', {
          number: person.dossier_number ?? '',
        });
      const commune = findCommune2025(input.address.communeCode);
      if (commune?.provinceCode !== input.address.provinceCode)
        throw new AppError(422, 'validation_failed', 'validation', {}, [
          field(ctx, 'address.communeCode', 'not_in_province', 'registration.communeNotInProvince'),
        ]);
      const stored = await cleanPhotos(PHOTO_KINDS, input.photos, ctx);
      const photos = Object.fromEntries(
        stored.map((p) => [
          p.kind,
          { sha256: p.sha256, byteSize: p.bytes.length, width: p.width, height: p.height },
        ]),
      ) as UnitPersonPhotos;
      await db.transaction().execute(async (trx) => {
        await repo.upsertPersonData(trx, {
          bhxhCode,
          unitCode,
          data: {
            idNumber: input.idNumber,
            address: input.address,
            phone: input.phone,
            ...(input.email ? { email: input.email } : {}),
          },
          photos,
          updatedBy: principal.accountId,
        });
        await auditService.record(trx, {
          actor_type: 'employer',
          actor_id: principal.accountId,
          subject_bhxh_code: bhxhCode,
          action: 'unit.person.completed',
          target_type: 'unit',
          target_id: unitCode,
          purpose: null,
          ip: ctx.client.ip,
          request_id: ctx.requestId,
          details: { photos: PHOTO_KINDS.length },
        });
      });
      return personDetail(unitCode, bhxhCode);
    },

    /** Puts every completed, unsent person of the unit in a new batch (422 `batch_empty` when none). */
    async createBatch(ctx: CallContext) {
      const { principal, unitCode } = await unitOf(ctx);
      const unit = await repo.findUnit(db, unitCode);
      if (!unit) throw notFound();
      const ready = await repo.listUnitPeople(db, {
        unitCode,
        since: since(),
        status: 'ready',
        limit: BATCH_MAX,
        offset: 0,
      });
      if (!ready.rows.length) throw new AppError(422, 'batch_empty', 'unit.batchEmpty');
      const id = randomUUID();
      await db.transaction().execute(async (trx) => {
        await repo.insertBatch(trx, {
          id,
          unitCode,
          agencyCode: unit.managing_agency,
          createdBy: principal.accountId,
          total: ready.rows.length,
        });
        const claimed = await repo.claimReadyPeople(
          trx,
          unitCode,
          ready.rows.map((r) => r.bhxh_code),
          id,
        );
        // Another batch took some of them meanwhile: this one counts what it holds.
        if (claimed !== ready.rows.length) await repo.setBatchTotal(trx, id, claimed);
        if (claimed === 0) throw new AppError(422, 'batch_empty', 'unit.batchEmpty');
        await auditService.record(trx, {
          actor_type: 'employer',
          actor_id: principal.accountId,
          subject_bhxh_code: null,
          action: 'unit.batch.submitted',
          target_type: 'unit_batch',
          target_id: id,
          purpose: null,
          ip: ctx.client.ip,
          request_id: ctx.requestId,
          details: { unitCode, people: claimed },
        });
      });
      return batchView(ctx, unitCode, id);
    },

    /**
     * Makes the batch's dossiers, one person per transaction (the dossier and the batch's
     * counter together), so that polling the batch shows real progress and a crash or a second
     * call resumes where it stopped; a person who meanwhile got an account, an open dossier or
     * left the unit gets that outcome instead of a dossier.
     */
    async runBatch(ctx: CallContext, id: string) {
      const { principal, unitCode } = await unitOf(ctx);
      const batch = await repo.findBatch(db, id);
      if (batch?.unit_code !== unitCode) throw notFound();
      const unit = await repo.findUnit(db, unitCode);
      if (!unit) throw notFound();
      for (const p of await repo.listBatchPeople(db, id, true)) {
        const outcome = async (
          trx: Kysely<Database>,
          dossierNumber: string | null,
          errorCode: string | null,
        ) =>
          repo.recordBatchOutcome(trx, {
            batchId: id,
            unitCode,
            bhxhCode: p.bhxh_code,
            dossierNumber,
            errorCode,
          });
        const filing = {
          person: {
            bhxhCode: p.bhxh_code,
            fullName: p.full_name,
            dateOfBirth: dateOfBirthOf(p),
            gender: p.gender,
            phoneOnRecord: p.phone_on_record,
          },
          form: p.data,
          photos: PHOTO_KINDS.map((kind) => ({ kind, ...p.photos[kind] })),
          unit: { code: unit.code, name: unit.name },
          agencyCode: batch.agency_code,
          actorAccountId: principal.accountId,
          idempotencyKey: `unit:${id}:${p.bhxh_code}`,
        };
        const registry = await deps.filing.check(filing);
        try {
          await db.transaction().execute(async (trx) => {
            const current = await repo.findUnitPerson(trx, unitCode, since(), p.bhxh_code);
            if (!current) return outcome(trx, null, 'not_current');
            if (current.account_status === 'active') return outcome(trx, null, 'account_exists');
            if (current.account_status === 'pending') return outcome(trx, null, 'open_dossier');
            const dossier = await deps.filing.file(trx, ctx, { ...filing, registry });
            return outcome(trx, dossier.number, null);
          });
        } catch (error) {
          // The person's own dossier was made between the check and the insert.
          if (!isUniqueViolation(error)) throw error;
          await outcome(db, null, 'open_dossier');
        }
      }
      await repo.finishBatch(db, id);
      return batchView(ctx, unitCode, id);
    },

    async getBatch(ctx: CallContext, id: string) {
      const { unitCode } = await unitOf(ctx);
      return batchView(ctx, unitCode, id);
    },

    /** The unit admin checks their signing passkey on a test text (nothing is kept). */
    async checkSignature(
      ctx: CallContext,
      input: {
        payload: { text: string };
        signature: Parameters<SubmissionSigning['verifySignedSubmission']>[1]['assertion'];
      },
    ) {
      const { unitCode } = await unitOf(ctx);
      const kept = await db.transaction().execute((trx) =>
        deps.signing.verifySignedSubmission(trx, {
          ctx,
          unitCode,
          kind: 'signature-check',
          payload: input.payload,
          assertion: input.signature,
        }),
      );
      return {
        credentialId: kept.credentialId,
        payloadHash: kept.payloadHash,
        signedAt: kept.signedAt.toISOString(),
      };
    },
  };
}

export type EmployerService = ReturnType<typeof createEmployerService>;
