import type { Kysely } from 'kysely';
import { formatDate } from '@vssid/domain';
import type { PopulationRegistry, RegistryOutcome } from '../../adapters/population-registry';
import type { CallContext } from '../../context';
import type { Database } from '../../db/schema';
import type { Translator } from '../../i18n';
import { auditService } from '../audit/service';
import { enqueueMessage } from '../outbox/service';
import { appendAction, createDossier, type DossierRow } from './dossiers';
import { findAgency, insertDossierFiles } from './repository';

/** A photo the unit's cleaner already stored (re-encoded JPEG, by SHA-256). */
export interface StoredPhoto {
  kind: 'portrait' | 'id_front' | 'id_back';
  sha256: string;
  byteSize: number;
  width: number;
  height: number;
}

export interface UnitFilingInput {
  person: {
    bhxhCode: string;
    fullName: string;
    /** yyyy-mm-dd, or the year alone when that is all the record holds. */
    dateOfBirth: string;
    gender: 'male' | 'female';
    /** The phone on record with BHXH (`persons.phone`): where the SMS goes. */
    phoneOnRecord: string | null;
  };
  form: {
    idNumber: string;
    address: { provinceCode: string; communeCode: string; line: string };
    phone: string;
    email?: string | undefined;
  };
  photos: StoredPhoto[];
  unit: { code: string; name: string };
  /** The unit's managing agency, which receives the dossier. */
  agencyCode: string;
  /** The unit user who sent the batch. */
  actorAccountId: string;
  /** One key per person and batch: a resumed batch finds the dossier it made. */
  idempotencyKey: string;
}

/**
 * Registration dossiers completed by a person's employer unit or school (issue #27 item 2; CV
 * 728/BHXH-TT&PTĐT §2.2): the same dossier, log and queue as a person's own Form 01 (kind
 * `bulk`, as the officers' imported lists), `submit`ted by the unit (actor `employer`) with the
 * photos the unit's cleaner stored, the population-registry check, an SMS to the phone on record
 * with BHXH and the audit entry. In the caller's transaction; a second open dossier for the
 * person is the database's unique violation, which the caller turns into the person's outcome.
 */
export function createUnitFiling(deps: {
  translator: Translator;
  registry: PopulationRegistry;
  publicUrl: string;
}) {
  const base = deps.publicUrl.replace(/\/+$/, '');

  return {
    /**
     * The population-registry check of a person the unit completed: before the transaction that
     * files the dossier (the registry is another system, and holds no connection of the caller's).
     */
    check(input: Pick<UnitFilingInput, 'person' | 'form'>): Promise<RegistryOutcome> {
      const { person, form } = input;
      // ASSUMPTION: a record with the year of birth alone is checked as 1 January of that year (the
      // registry adapter accepts any date of the year when it knows only the year too).
      const dateOfBirth =
        person.dateOfBirth.length === 4 ? `${person.dateOfBirth}-01-01` : person.dateOfBirth;
      return deps.registry.check({
        idNumber: form.idNumber,
        fullName: person.fullName,
        dateOfBirth,
        gender: person.gender,
      });
    },

    /** Files the dossier in the caller's transaction, with the registry's outcome from `check`. */
    async file(
      trx: Kysely<Database>,
      ctx: CallContext,
      input: UnitFilingInput & { registry: RegistryOutcome },
    ): Promise<DossierRow> {
      const { person, form, registry } = input;
      const draft = await createDossier(trx, {
        bhxh_code: person.bhxhCode,
        kind: 'bulk',
        agency_code: input.agencyCode,
        guardian_bhxh_code: null,
        declared: {
          bhxhCode: person.bhxhCode,
          fullName: person.fullName,
          idNumber: form.idNumber,
          dateOfBirth: person.dateOfBirth,
          gender: person.gender,
          address: form.address,
          phone: form.phone,
          ...(form.email ? { email: form.email } : {}),
          agencyCode: input.agencyCode,
          delivery: 'counter',
          unitCode: input.unit.code,
          submittedBy: 'unit',
        },
        registry_check: registry,
        delivery: 'counter',
        idempotency_key: input.idempotencyKey,
        bulk_import_id: null,
      });
      await insertDossierFiles(
        trx,
        input.photos.map((p) => ({
          bhxh_code: draft.bhxh_code,
          dossier_id: draft.id,
          kind: p.kind,
          content_type: 'image/jpeg',
          byte_size: p.byteSize,
          width: p.width,
          height: p.height,
          sha256: p.sha256,
        })),
      );
      const { dossier } = await appendAction(
        trx,
        draft,
        'submit',
        { type: 'employer', id: input.actorAccountId },
        {
          details: {
            language: ctx.language,
            ip: ctx.client.ip,
            unitCode: input.unit.code,
            registry: registry.outcome,
          },
        },
      );
      const agency = await findAgency(trx, input.agencyCode);
      if (person.phoneOnRecord && agency)
        await enqueueMessage(trx, {
          idempotency_key: `registration.submitted:${dossier.id}:sms`,
          channel: 'sms',
          recipient: person.phoneOnRecord,
          template: 'registration.sms.byUnit',
          language: 'vi',
          payload: {
            text: deps.translator.t('vi', 'messages:registration.sms.byUnit', {
              unit: input.unit.name,
              number: dossier.number,
              agency: agency.name,
              deadline: formatDate(dossier.deadline_at, 'vi'),
              link: `${base}/api/v1/registrations/${encodeURIComponent(dossier.number)}/form01.pdf?t=${dossier.id}`,
            }),
          },
        });
      await auditService.record(trx, {
        actor_type: 'employer',
        actor_id: input.actorAccountId,
        subject_bhxh_code: dossier.bhxh_code,
        action: 'registration.submitted',
        target_type: 'dossier',
        target_id: dossier.number,
        purpose: null,
        ip: ctx.client.ip,
        request_id: ctx.requestId,
        details: { kind: 'unit', unitCode: input.unit.code, registry: registry.outcome },
      });
      return dossier;
    },
  };
}

export type UnitFiling = ReturnType<typeof createUnitFiling>;
