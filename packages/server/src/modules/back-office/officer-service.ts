import type { Kysely } from 'kysely';
import { type AuditAction, dossierWorkflow, type RejectionReason, startOfVietnamDay } from '@vssid/domain';
import type { BodyOf } from '@vssid/domain/api';
import type { actOnDossier, OfficerAction } from '@vssid/domain/api/back-office';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import type { Translator } from '../../i18n';
import { type PersonalDataRead, readAudited } from '../audit/data-access';
import { auditService } from '../audit/service';
import { type CallContext, type Principal, signedIn } from '../../context';
import type { AuthService } from '../auth/service';
import { enqueueMessage } from '../outbox/service';
import {
  appendAction,
  createReceivingAgencies,
  type DossierActionRow,
  type DossierFileRow,
  type DossierRow,
  dossierContact,
  fieldProblem,
  updateDossierAgency,
} from '../registration';
import {
  accountExistsFor,
  agencyScope,
  countOpenDossiers,
  findActions,
  findActorNames,
  findDossierInScope,
  findFiles,
  findPersonContact,
  findQueue,
  findRegistryEntry,
  linkGuardianIfUnset,
  type PersonContact,
  type QueueFilter,
  type RegistryEntry,
} from './officer-repository';

/**
 * The officers' back office (issue "Registration", point 5). Every call is scoped: an officer or
 * agency admin sees the dossiers received by their agency or an agency below it
 * (`agencyScope`); anything else answers 404 exactly like an unknown number. Opening a dossier
 * and reading its photos are audited; each action is an entry of the dossier's log (who, when)
 * appended through the core's `appendAction`, in one transaction with its consequences
 * (account, messages, audit).
 */

/** An action as the contract's body gives it. */
type ActionInput = BodyOf<typeof actOnDossier>;

interface FieldComparison {
  field: 'fullName' | 'dateOfBirth' | 'gender' | 'idNumber' | 'address';
  declared: string | null;
  /** The population registry (by the declared CCCD). */
  registry: string | null;
  /** The BHXH record (persons). */
  bhxh: string | null;
  /** The declared value differs from the registry's or the BHXH record's. */
  differs: boolean;
}

const notFound = () => new AppError(404, 'not_found', 'notFound');

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/** Names compare without case, extra spaces or Unicode composition differences. */
const normName = (v: string | null) =>
  v === null ? null : v.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

/**
 * Declared Form 01 fields beside the registry's and the BHXH record's. ASSUMPTION: an address
 * differs when the registry's address does not contain the declared house/street line (the
 * registry holds one free-text address; the form splits it into a line and 2025 units).
 */
export function compareFields(
  declared: Record<string, unknown>,
  registry: RegistryEntry | undefined,
  person: PersonContact | undefined,
): FieldComparison[] {
  const address = (declared.address ?? {}) as Record<string, unknown>;
  const rows: Omit<FieldComparison, 'differs'>[] = [
    {
      field: 'fullName',
      declared: str(declared.fullName) ?? str(declared.childFullName),
      registry: registry?.full_name ?? null,
      bhxh: person?.full_name ?? null,
    },
    {
      field: 'dateOfBirth',
      declared: str(declared.dateOfBirth),
      registry: registry ? (registry.birth_date ?? String(registry.birth_year)) : null,
      bhxh: person ? (person.birth_date ?? String(person.birth_year)) : null,
    },
    {
      field: 'gender',
      declared: str(declared.gender),
      registry: registry?.gender ?? null,
      bhxh: person?.gender ?? null,
    },
    {
      field: 'idNumber',
      declared: str(declared.idNumber),
      registry: registry?.cccd ?? null,
      bhxh: person?.cccd ?? null,
    },
    {
      field: 'address',
      declared: str(address.line),
      registry: registry?.address ?? null,
      bhxh: person?.address_line ?? null,
    },
  ];
  return rows.map((r) => {
    if (r.declared === null) return { ...r, differs: false };
    const d = normName(r.declared);
    const differs =
      r.field === 'address'
        ? r.registry !== null && !(normName(r.registry) ?? '').includes(d ?? '')
        : [r.registry, r.bhxh].some((other) => other !== null && normName(other) !== d);
    return { ...r, differs };
  });
}

export type OfficerService = ReturnType<typeof createOfficerService>;

export function createOfficerService(deps: {
  db: Kysely<Database>;
  translator: Translator;
  auth: AuthService;
}) {
  const { db, translator, auth } = deps;
  const receiving = createReceivingAgencies({ db, translator });

  async function scopeOf(principal: Principal): Promise<string[]> {
    if (!principal.agencyCode) return [];
    return agencyScope(db, principal.agencyCode);
  }

  async function loadInScope(principal: Principal, number: string): Promise<DossierRow> {
    const dossier = await findDossierInScope(db, number, await scopeOf(principal));
    if (!dossier) throw notFound();
    return dossier;
  }

  function audit(
    trx: Kysely<Database>,
    principal: Principal,
    dossier: DossierRow,
    action: AuditAction,
    ctx: CallContext,
    details: Record<string, unknown> = {},
  ) {
    return auditService.record(trx, {
      actor_type: principal.role,
      actor_id: principal.accountId,
      subject_bhxh_code: dossier.bhxh_code,
      action,
      target_type: 'dossier',
      target_id: dossier.number,
      purpose: 'registration.review',
      ip: ctx.client.ip,
      request_id: ctx.requestId,
      details,
    });
  }

  /** An officer's read of a dossier (the person's data), for the one audited read (audit/data-access.ts). */
  function dossierRead(
    principal: Principal,
    dossier: DossierRow,
    action: 'dossier.opened' | 'dossier.file.read',
    details: Record<string, unknown> = {},
  ): PersonalDataRead {
    return {
      reader: principal,
      subject: dossier.bhxh_code,
      action,
      purpose: 'registration.review',
      target: { type: 'dossier', id: dossier.number },
      details,
    };
  }

  function describeActions(actions: DossierActionRow[], names: Map<string, string>) {
    return actions.map((a) => ({
      seq: a.seq,
      action: a.action,
      actorType: a.actor_type,
      actorId: a.actor_id,
      actorName: a.actor_id ? (names.get(a.actor_id) ?? null) : null,
      at: new Date(a.at).toISOString(),
      reasonCode: a.reason_code,
      reasonText: a.reason_text,
    }));
  }

  function describeFiles(dossier: DossierRow, files: DossierFileRow[]) {
    return files.map((f) => ({
      kind: f.kind,
      contentType: f.content_type,
      byteSize: f.byte_size,
      width: f.width,
      height: f.height,
      url: `/api/v1/officer/dossiers/${encodeURIComponent(dossier.number)}/files/${f.kind}`,
    }));
  }

  return {
    redirect,

    async queue(ctx: CallContext, filter: Omit<QueueFilter, 'scope'>) {
      const scope = await scopeOf(signedIn(ctx));
      const { rows, total } = await findQueue(db, { ...filter, scope });
      return {
        total,
        limit: filter.limit,
        offset: filter.offset,
        items: rows.map((r) => ({
          number: r.number,
          bhxhCode: r.bhxh_code,
          fullName: r.full_name,
          kind: r.kind,
          agencyCode: r.agency_code,
          status: r.status,
          delivery: r.delivery,
          submittedAt: new Date(r.submitted_at).toISOString(),
          deadlineAt: new Date(r.deadline_at).toISOString(),
        })),
      };
    },

    /**
     * The back office home: open dossiers in scope by what they wait for, and those whose paper
     * deadline falls today (Vietnam time, UTC+7, no daylight saving). Counts only: not audited.
     */
    async summary(ctx: CallContext, now: Date) {
      const scope = await scopeOf(signedIn(ctx));
      const dayStart = startOfVietnamDay(now);
      const counts = await countOpenDossiers(db, scope, dayStart, new Date(dayStart.getTime() + 86_400_000));
      return {
        awaitingPaper: counts.awaiting_paper,
        awaitingDecision: counts.awaiting_decision,
        dueToday: counts.due_today,
      };
    },

    /** The dossier page's data; audited as `dossier.opened` (every opening). */
    async open(ctx: CallContext, number: string) {
      const principal = signedIn(ctx);
      const dossier = await loadInScope(principal, number);
      const [actions, files, person] = await Promise.all([
        findActions(db, dossier),
        findFiles(db, dossier),
        findPersonContact(db, dossier.bhxh_code),
      ]);
      const declared = dossier.declared;
      const idNumber = str(declared.idNumber) ?? person?.cccd ?? null;
      const registry =
        idNumber && /^\d{12}$/.test(idNumber) ? await findRegistryEntry(db, idNumber) : undefined;
      const names = await findActorNames(
        db,
        actions.map((a) => a.actor_id ?? ''),
      );
      return readAudited(
        db,
        ctx,
        async () => ({
          number: dossier.number,
          bhxhCode: dossier.bhxh_code,
          kind: dossier.kind,
          agencyCode: dossier.agency_code,
          guardianBhxhCode: dossier.guardian_bhxh_code,
          status: dossier.status,
          delivery: dossier.delivery,
          submittedAt: new Date(dossier.submitted_at).toISOString(),
          deadlineAt: new Date(dossier.deadline_at).toISOString(),
          allowedActions: dossierWorkflow
            .allowedActions(dossier.status)
            .filter((a): a is OfficerAction => a === 'record_paper' || a === 'approve' || a === 'reject'),
          declared,
          registry: registry
            ? {
                found: true,
                fullName: registry.full_name,
                dateOfBirth: registry.birth_date ?? String(registry.birth_year),
                gender: registry.gender,
                address: registry.address,
              }
            : { found: false, fullName: null, dateOfBirth: null, gender: null, address: null },
          registryCheck: dossier.registry_check,
          comparison: compareFields(declared, registry, person),
          files: describeFiles(dossier, files),
          actions: describeActions(actions, names),
        }),
        () => dossierRead(principal, dossier, 'dossier.opened'),
      );
    },

    /** A photo's metadata in scope (the route streams the bytes); audited as `dossier.file.read`. */
    async file(ctx: CallContext, number: string, kind: DossierFileRow['kind']) {
      const principal = signedIn(ctx);
      const dossier = await loadInScope(principal, number);
      return readAudited(
        db,
        ctx,
        async () => {
          const file = (await findFiles(db, dossier)).find((f) => f.kind === kind);
          if (!file) throw notFound();
          return file;
        },
        () => dossierRead(principal, dossier, 'dossier.file.read', { kind }),
      );
    },

    /**
     * record_paper, approve or reject, each in one transaction with everything it causes:
     * approval creates the citizen account with an issued password (by SMS only; the email says
     * the account is ready and how to sign in, by the auth core) and links a child's guardian; rejection tells the person why by SMS and email.
     */
    async act(ctx: CallContext, number: string, input: ActionInput) {
      const principal = signedIn(ctx);
      const scope = await scopeOf(principal);
      const actor = {
        type: principal.role === 'agency_admin' ? ('agency_admin' as const) : ('officer' as const),
        id: principal.accountId,
      };
      let reasonCode: RejectionReason | undefined;
      let reasonText: string | undefined;
      if (input.action === 'reject') {
        reasonCode = input.reasonCode ?? (input.reasonText ? 'other' : undefined);
        reasonText = input.reasonText?.trim() || undefined;
        if (!reasonCode) throw fieldError('reasonCode', 'registration.officer.reasonRequired', ctx);
        if (reasonCode === 'other' && !reasonText)
          throw fieldError('reasonText', 'registration.officer.reasonTextRequired', ctx);
      }
      const result = await db.transaction().execute(async (trx) => {
        const dossier = await findDossierInScope(trx, number, scope);
        if (!dossier) throw notFound();
        const appended = await appendAction(trx, dossier, input.action, actor, {
          ...(reasonCode ? { reasonCode } : {}),
          ...(reasonText ? { reasonText } : {}),
        });
        let accountId: string | null = null;
        if (input.action === 'approve') accountId = await approveIn(trx, dossier, principal, ctx);
        if (input.action === 'reject')
          await rejectIn(trx, dossier, reasonCode as RejectionReason, reasonText);
        await audit(trx, principal, dossier, `dossier.${input.action}`, ctx, {
          seq: appended.action.seq,
          ...(reasonCode ? { reasonCode } : {}),
          ...(accountId ? { accountId } : {}),
        });
        return appended;
      });
      return {
        number: result.dossier.number,
        status: result.dossier.status,
        seq: result.action.seq,
      };
    },
  };

  /**
   * Sends the dossier to another agency that receives dossiers and has an officer (issue 20): a
   * `redirect` entry in its log (from, to, the reason), the new receiving agency on the dossier
   * (it leaves this queue and enters that one), an SMS to the person and the audit entry, in one
   * transaction. The dossier keeps its number.
   */
  async function redirect(
    ctx: CallContext,
    number: string,
    input: { agencyCode: string; reasonText: string },
  ) {
    const principal = signedIn(ctx);
    const scope = await scopeOf(principal);
    const actor = {
      type: principal.role === 'agency_admin' ? ('agency_admin' as const) : ('officer' as const),
      id: principal.accountId,
    };
    const target = await receiving.getReceiving(input.agencyCode, 'agencyCode', ctx.language);
    return db.transaction().execute(async (trx) => {
      const dossier = await findDossierInScope(trx, number, scope);
      if (!dossier) throw notFound();
      if (dossier.agency_code === target.code)
        throw fieldProblem(translator, ctx.language, {
          status: 422,
          code: 'same_agency',
          key: 'registration.officer.sameAgency',
          field: 'agencyCode',
          fieldCode: 'same_agency',
        });
      const from = dossier.agency_code;
      const appended = await appendAction(trx, dossier, 'redirect', actor, {
        reasonText: input.reasonText,
        details: { from, to: target.code },
      });
      await updateDossierAgency(trx, dossier.bhxh_code, dossier.id, target.code);
      const contact = await dossierContact(trx, dossier);
      if (contact.phone)
        await enqueueMessage(trx, {
          idempotency_key: `dossier-redirected:${dossier.number}:${appended.action.seq}:sms`,
          channel: 'sms',
          recipient: contact.phone,
          template: 'registration.redirected',
          language: contact.language,
          payload: {
            text: translator.t(contact.language, 'messages:registration.sms.redirected', {
              number: dossier.number,
              agency: target.name,
              address: target.address,
            }),
          },
        });
      await audit(trx, principal, dossier, 'dossier.redirect', ctx, {
        seq: appended.action.seq,
        from,
        to: target.code,
      });
      return {
        number: dossier.number,
        status: appended.dossier.status,
        seq: appended.action.seq,
        agencyCode: target.code,
      };
    });
  }

  function fieldError(field: string, key: string, ctx: CallContext) {
    return new AppError(400, 'validation_failed', 'validation', {}, [
      { in: 'body', field, code: key, message: translator.t(ctx.language, key) },
    ]);
  }

  async function approveIn(
    trx: Kysely<Database>,
    dossier: DossierRow,
    principal: Principal,
    ctx: CallContext,
  ): Promise<string> {
    if (await accountExistsFor(trx, dossier.bhxh_code))
      throw new AppError(409, 'account_exists', 'registration.officer.accountExists', {
        bhxhCode: dossier.bhxh_code,
      });
    const contact = await dossierContact(trx, dossier);
    const displayName =
      str(dossier.declared.fullName) ??
      str(dossier.declared.childFullName) ??
      contact.person?.full_name ??
      dossier.bhxh_code;
    const account = await auth.createAccountWithIssuedPassword(
      trx,
      {
        role: 'citizen',
        username: dossier.bhxh_code,
        bhxhCode: dossier.bhxh_code,
        displayName,
        phone: contact.phone,
        email: contact.email,
        createdBy: principal.accountId,
        language: contact.language,
      },
      { ip: ctx.client.ip, requestId: ctx.requestId },
    );
    if (dossier.kind === 'child' && dossier.guardian_bhxh_code)
      await linkGuardianIfUnset(trx, dossier.bhxh_code, dossier.guardian_bhxh_code);
    return account.id;
  }

  async function rejectIn(
    trx: Kysely<Database>,
    dossier: DossierRow,
    reasonCode: RejectionReason,
    reasonText: string | undefined,
  ): Promise<void> {
    const contact = await dossierContact(trx, dossier);
    const language = contact.language;
    const reason =
      reasonCode === 'other' && reasonText
        ? reasonText
        : reasonText
          ? `${translator.t(language, `messages:registration.officer.reasons.${reasonCode}`)} (${reasonText})`
          : translator.t(language, `messages:registration.officer.reasons.${reasonCode}`);
    const text = translator.t(language, 'messages:registration.officer.rejected', {
      number: dossier.number,
      reason,
    });
    if (contact.phone)
      await enqueueMessage(trx, {
        idempotency_key: `dossier-rejected:${dossier.number}:sms`,
        channel: 'sms',
        recipient: contact.phone,
        template: 'registration.rejected',
        language,
        payload: { text },
      });
    if (contact.email)
      await enqueueMessage(trx, {
        idempotency_key: `dossier-rejected:${dossier.number}:email`,
        channel: 'email',
        recipient: contact.email,
        template: 'registration.rejected',
        language,
        payload: {
          subject: translator.t(language, 'messages:registration.officer.rejectedSubject', {
            number: dossier.number,
          }),
          text,
        },
      });
  }
}
