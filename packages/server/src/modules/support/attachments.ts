import type { TicketAttachment } from '@vssid/domain/api/support';
import { TICKET_ATTACHMENTS } from '@vssid/domain/support';
import { cleanImage } from '../../adapters/images';
import { checkPdf, isPdf, PDF_LIMITS } from '../../adapters/pdf-check';
import type { FileStorage } from '../../adapters/storage';
import type { CallContext } from '../../context';
import { AppError } from '../../http/problem';
import type { Translator } from '../../i18n';
import type { AttachmentRow } from './repository';

/**
 * Files attached to tickets and replies (issue 25), either side: a photo is re-encoded by the
 * registration's image cleaner (JPEG, no metadata), a PDF is checked by its content
 * (adapters/pdf-check.ts, as the online services do) and kept as sent; both stored by SHA-256
 * (DATA_DIR/files). Limits: TICKET_ATTACHMENTS (per message, per ticket, size).
 */

export type StoredFile = Pick<AttachmentRow, 'content_type' | 'byte_size' | 'sha256'>;

const IMAGE_KEYS: Record<string, string> = {
  too_large: 'tooLarge',
  too_small: 'tooSmall',
  unsupported: 'unsupported',
  unreadable: 'unreadable',
};

export function createTicketFiles(deps: { storage: FileStorage; translator: Translator }) {
  const { storage, translator } = deps;
  const refused = (ctx: CallContext, field: string, code: string, key: string, params = {}) =>
    new AppError(422, 'validation_failed', 'validation', {}, [
      { in: 'body', field, code, message: translator.t(ctx.language, key, params) },
    ]);

  return {
    /**
     * Checks and stores the files (nothing is stored when one is refused: the checks come first);
     * `already`: how many the ticket has. A refused file is a 422 naming `attachments.<i>.data`.
     */
    async store(
      ctx: CallContext,
      files: readonly { data: Uint8Array }[] | undefined,
      already: number,
    ): Promise<StoredFile[]> {
      const list = files ?? [];
      if (already + list.length > TICKET_ATTACHMENTS.perTicket)
        throw refused(ctx, 'attachments', 'too_many', 'support.tooManyAttachments', {
          max: TICKET_ATTACHMENTS.perTicket,
        });
      const maxKb = TICKET_ATTACHMENTS.maxBytes / 1024;
      const ready: { bytes: Buffer; content_type: StoredFile['content_type'] }[] = [];
      for (const [i, file] of list.entries()) {
        const field = `attachments.${String(i)}.data`;
        if (isPdf(file.data)) {
          const check = file.data.length > TICKET_ATTACHMENTS.maxBytes ? null : checkPdf(file.data);
          if (!check?.ok)
            throw refused(
              ctx,
              field,
              check?.code ?? 'too_large',
              `support.pdf.${check?.code ?? 'too_large'}`,
              {
                maxPages: PDF_LIMITS.maxPages,
                maxKb,
              },
            );
          ready.push({ bytes: Buffer.from(file.data), content_type: 'application/pdf' });
          continue;
        }
        const result = await cleanImage(file.data, {
          maxBytes: TICKET_ATTACHMENTS.maxBytes,
          minSide: 200,
          maxSide: 2000,
        });
        if (!result.ok)
          throw refused(
            ctx,
            field,
            result.problem.code,
            `registration.image.${IMAGE_KEYS[result.problem.code] ?? 'unreadable'}`,
            { maxKb, min: 200, kind: translator.t(ctx.language, 'support.attachment') },
          );
        ready.push({ bytes: result.image.bytes, content_type: 'image/jpeg' });
      }
      const out: StoredFile[] = [];
      for (const r of ready)
        out.push({
          content_type: r.content_type,
          byte_size: r.bytes.length,
          sha256: await storage.put(r.bytes),
        });
      return out;
    },

    /** The stored bytes of an attachment (404 when the file is gone). */
    async bytes(row: AttachmentRow): Promise<Buffer> {
      const bytes = await storage.get(row.sha256);
      if (!bytes) throw new AppError(404, 'not_found', 'notFound');
      return bytes;
    },
  };
}

export type TicketFiles = ReturnType<typeof createTicketFiles>;

export function attachmentView(a: AttachmentRow): TicketAttachment {
  return {
    id: a.id,
    messageId: a.message_id,
    author: a.author,
    contentType: a.content_type,
    byteSize: a.byte_size,
    at: a.created_at.toISOString(),
  };
}
