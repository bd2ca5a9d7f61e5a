import * as z from 'zod/mini';
import { BhxhCode, IsoDate } from './common';
import { defineContract, problems } from './contract';
import { DOCUMENT_KINDS } from './records';
import { ServiceTypeSchema } from './services';

/**
 * Giấy tờ của tôi (issue 23 item 5): one list of the documents the system made for a person —
 * the receipts of their service requests (giấy tiếp nhận hồ sơ và hẹn trả kết quả), the
 * electronic BHXH book notice of an approved book reissue, the Form 01 declarations of their
 * registration dossiers, and the documents of their medical visits (discharge paper, sick-leave
 * certificate, …). The list only points at them: each file is downloaded through the route that
 * already serves it (`href`), and a visit's document is read on the visit's page (`visit`).
 */

const d = z.describe;

export const PERSON_DOCUMENT_KINDS = ['request_receipt', 'book_notice', 'form01', 'visit_document'] as const;
export const PersonDocumentKindSchema = z.enum(PERSON_DOCUMENT_KINDS);
export type PersonDocumentKind = z.infer<typeof PersonDocumentKindSchema>;

export const PersonDocumentSchema = z.object({
  id: z
    .string()
    .check(d('Stable within the list: `<kind>:<number>` (a visit document: `visit:<maLk>:<kind>`)')),
  kind: PersonDocumentKindSchema,
  at: z.string().check(d('When the document was made (ISO time; a visit document: its day, 00:00 UTC+7)')),
  number: z.string().check(d('The request or dossier number; a visit document: its own number')),
  serviceType: z.nullable(ServiceTypeSchema).check(d('The service of a request receipt or result')),
  visit: z
    .nullable(
      z.object({
        maLk: z.string(),
        kind: z.enum(DOCUMENT_KINDS),
        issuedOn: IsoDate,
        clinicName: z.nullable(z.string()),
      }),
    )
    .check(d('A medical visit document: shown on the visit page (`/me/medical-visits/:maLk`)')),
  href: z
    .nullable(z.string())
    .check(d('The API path that serves the PDF (the existing download route); null for a visit document')),
});
export type PersonDocument = z.infer<typeof PersonDocumentSchema>;

export const PersonDocumentsSchema = z
  .object({
    bhxhCode: BhxhCode,
    items: z.array(PersonDocumentSchema),
    nextCursor: z.nullable(z.string()).check(d('The next page, or null on the last one')),
  })
  .check(z.meta({ id: 'PersonDocuments' }));
export type PersonDocuments = z.infer<typeof PersonDocumentsSchema>;

export const listMyDocuments = defineContract({
  method: 'GET',
  path: '/api/v1/me/documents',
  access: { roles: ['citizen'] },
  scope: 'self-or-ward',
  tags: ['records'],
  summary: 'Giấy tờ của tôi: receipts, BHXH book notices, Form 01 PDFs and visit documents, newest first',
  description:
    "The caller's own documents, or with `for` a minor child's whose guardian the caller is (that read is audited, as every guardian's read of a child's records). Anyone else's code answers 404, as for a person who does not exist. Keyset-paged (`cursor`: the previous page's `nextCursor`).",
  query: z.object({
    for: z.optional(BhxhCode).check(d("A guardian reading a minor child's documents: the child's BHXH code")),
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(50)), 20),
    cursor: z.optional(z.string().check(z.maxLength(200))),
  }),
  responses: { 200: PersonDocumentsSchema, ...problems(400, 401, 403, 404) },
});
