/**
 * The codes the audit log may hold: every action written and every coded purpose. The server's
 * audit writer accepts only these (its types say so), and each has a translation in the five web
 * catalogs (`dataAccess.actions.<code>`, `dataAccess.purposes.<code>`; catalogs.test.ts fails on a
 * code without one), so "who viewed my data" never shows a raw code.
 */
export const AUDIT_ACTIONS = [
  // Sign-in and account security (the account's own events).
  'auth.account.created',
  'auth.account.locked',
  // E-transactions (Form 01) changed or stopped through an approved request (issue #23).
  'auth.account.contact_changed',
  'auth.account.closed',
  'auth.sign_in.succeeded',
  'auth.sign_in.failed',
  'auth.sign_in.refused',
  'auth.otp.sent',
  'auth.otp.failed',
  'auth.refresh_token.reused',
  'auth.password.changed',
  'auth.password.change_refused',
  'auth.password.initial_set',
  'auth.password.reset',
  'auth.password.reset_requested',
  'auth.signed_out',
  'auth.signed_out_everywhere',
  'auth.passkey.added',
  'auth.passkey.failed',
  'auth.passkey.removed',
  'auth.passkey.used',
  'auth.vneid.failed',
  'auth.vneid.linked',
  'auth.vneid.no_account',
  // Agency administration.
  'staff.officer.created',
  'staff.officer.disabled',
  'staff.officer.enabled',
  'agency.receiving_changed',
  // The clinic gateway (issue #24): credentials rotated by the agency, clerks by the clinic.
  'gateway.credential.rotated',
  'gateway.clerk.registered',
  'gateway.clerk.removed',
  // Employer units (issue #27): unit accounts created, disabled, enabled; a person's registration
  // data completed by their unit; a batch of them sent; a refused signature of a unit's submission.
  'unit.account.created',
  'unit.account.disabled',
  'unit.account.enabled',
  'unit.person.completed',
  'unit.batch.submitted',
  'unit.signature.refused',
  // Registration dossiers (Form 01) and the officers' work on them.
  'registration.submitted',
  'registration.withdrawal_requested',
  'registration.withdrawn',
  'registration.target.set',
  'bulk_import.created',
  'bulk_import.dossiers_created',
  'dossier.opened',
  'dossier.file.read',
  'dossier.record_paper',
  'dossier.approve',
  'dossier.reject',
  'dossier.redirect',
  // Online public services (issue 23): filed, opened by an officer (a read), a file attached to
  // it read by an officer or a guardian, the officers' actions.
  'service_request.submitted',
  'service_request.opened',
  'service_request.attachment.read',
  'service_request.receive',
  'service_request.ask_supplement',
  'service_request.approve',
  'service_request.reject',
  // Reads of a person's records by someone other than the person.
  'records.participation.read',
  'records.participation_pdf.read',
  'records.benefits.read',
  'records.medical_visits.read',
  'records.medical_visit.read',
  'records.estimates.read',
  'records.card.read',
  'records.fhir.read',
  // Giấy tờ của tôi read by a guardian (issue 23); the records beside a request an officer opens.
  'records.documents.read',
  'records.overview.read',
  // Clinics through the clinic gateway (issue #24): a card check, a visit file received.
  'records.card_check.read',
  'records.clinic_visit.read',
  // An employer unit reads its workers' sick-leave certificates to claim sick pay (issue #27).
  'records.sick_leave.read',
  // Corrections of a person's records (issue 25: a wrong-data ticket).
  'records.participation.corrected',
  'records.card.corrected',
  'records.medical_visit.corrected',
  'records.benefit_payment.corrected',
  // Support tickets (issue 25): opening one without signing in asked for (an OTP to the phone on
  // record), a file attached to a ticket read by an officer or a guardian.
  'support.ticket.otp_requested',
  'support.attachment.read',
  // Payments (issue #26): the gateway's notification credited a payment, recorded money for
  // something withdrawn (a refund is due), settled one without money, or was refused (signature,
  // amount, unknown order); an officer resolved a reconciliation difference.
  'payment.credited',
  'payment.refund_due',
  'payment.not_paid',
  'payment.notification_refused',
  'payment.difference_resolved',
  // Public look-ups and housekeeping.
  'lookup.bhxh_code',
  'lookup.bhxh_code_sms',
  'files.orphans_removed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * Purposes written by the system itself. A staff member's own words ("Giải quyết hồ sơ hưởng")
 * are kept as they were typed and shown as a quotation, not translated.
 */
export const AUDIT_PURPOSES = [
  'registration.review',
  'registration.bulk',
  'services.review',
  'sick_pay.claim',
  'fhir.exchange',
  'lookup.public',
  'lookup.sms',
] as const;
export type AuditPurpose = (typeof AUDIT_PURPOSES)[number];

/** The records a staff member may read, as named in `records.<what>.read`. */
export type RecordsReadWhat =
  Extract<AuditAction, `records.${string}.read`> extends `records.${infer W}.read` ? W : never;

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === 'string' && (AUDIT_ACTIONS as readonly string[]).includes(value);
}

export function isAuditPurpose(value: unknown): value is AuditPurpose {
  return typeof value === 'string' && (AUDIT_PURPOSES as readonly string[]).includes(value);
}
