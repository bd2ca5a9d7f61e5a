import type { Kysely } from 'kysely';
import type { CallContext } from '../../context';
import type { Database } from '../../db/schema';
import type { Translator } from '../../i18n';
import { auditService } from '../audit/service';
import { enqueueMessage } from '../outbox/service';
import type { DossierRow } from './dossiers';

/** The declaration email of a submitted dossier: Form 01 as a PDF, addressed to `name`. */
export async function enqueueDeclarationEmail(
  translator: Translator,
  trx: Kysely<Database>,
  input: {
    dossier: DossierRow;
    agency: { name: string; address: string };
    recipient: string;
    name: string;
    deadline: string;
  },
  ctx: CallContext,
): Promise<void> {
  const { dossier, agency } = input;
  const text = (key: string, params: Record<string, unknown>) =>
    translator.t(ctx.language, `messages:registration.${key}`, params);
  await enqueueMessage(trx, {
    idempotency_key: `registration.submitted:${dossier.id}:email`,
    channel: 'email',
    recipient: input.recipient,
    template: 'registration.email.declaration',
    language: ctx.language,
    payload: {
      subject: text('email.subject', { number: dossier.number }),
      text: text('email.text', {
        name: input.name,
        number: dossier.number,
        agency: agency.name,
        address: agency.address,
        deadline: input.deadline,
      }),
      attachments: [
        {
          filename: `${dossier.number}.pdf`,
          contentType: 'application/pdf',
          // The stored PDF, read (or rendered once) by the outbox worker when it sends the email.
          form01: { number: dossier.number, language: ctx.language },
        },
      ],
    },
  });
}

/** The audit entry of a submitted dossier. */
export function auditSubmitted(
  trx: Kysely<Database>,
  dossier: DossierRow,
  actor: { actor_type: 'anonymous' | 'citizen'; actor_id: string | null },
  details: Record<string, unknown>,
  ctx: CallContext,
) {
  return auditService.record(trx, {
    ...actor,
    subject_bhxh_code: dossier.bhxh_code,
    action: 'registration.submitted',
    target_type: 'dossier',
    target_id: dossier.number,
    purpose: null,
    ip: ctx.client.ip,
    request_id: ctx.requestId,
    details,
  });
}
