import type { Kysely } from 'kysely';
import type { FileStorage } from '../../adapters/storage';
import { type CallContext, signedIn } from '../../context';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/problem';
import { readAudited } from '../audit/data-access';
import { statedPurpose } from '../audit/service';
import { findRequestFile, type RequestFileRow, type RequestRow } from './repository';

/**
 * A file attached to a service request (issue 23: a photo re-encoded, a PDF checked by content,
 * stored by SHA-256), read back by the step it came with (`seq`) and its place among that step's
 * files (`position`). A read by anyone but the person the request is for goes through
 * `readAudited` as `service_request.attachment.read`: an officer's with the stated purpose (the
 * person sees it under "who viewed my data"), a guardian's without one. No such file: 404, and
 * nothing is written.
 */

export interface RequestFile {
  number: string;
  row: RequestFileRow;
  bytes: Buffer;
}

/** Who reads, when it is not the person: a guardian (the filer, or a minor's guardian) or staff. */
type OtherReader = { via: 'guardian'; purpose: null } | { via: 'staff'; purpose: string };

const notFound = () => new AppError(404, 'not_found', 'notFound');

export async function readRequestFile(
  deps: { db: Kysely<Database>; storage: FileStorage },
  ctx: CallContext,
  request: RequestRow,
  at: { seq: number; position: number },
  reader: OtherReader | null,
): Promise<RequestFile> {
  const { db, storage } = deps;
  const me = signedIn(ctx);
  return readAudited(
    db,
    ctx,
    async () => {
      const row = await findRequestFile(db, request, at.seq, at.position);
      if (!row) throw notFound();
      const bytes = await storage.get(row.sha256);
      if (!bytes) throw notFound();
      return { number: request.number, row, bytes };
    },
    ({ row }) =>
      reader && {
        reader: me,
        subject: request.bhxh_code,
        action: 'service_request.attachment.read',
        purpose: reader.purpose === null ? null : statedPurpose(reader.purpose),
        target: { type: 'service_request_attachment', id: `${request.number}/${row.seq}/${row.position}` },
        details: {
          via: reader.via,
          displayName: me.displayName,
          ...(me.agencyCode ? { agencyCode: me.agencyCode } : {}),
        },
      },
  );
}
