import type { FastifyReply } from 'fastify';

/**
 * A stored file a person or an officer opens (dossier photos, request and ticket attachments):
 * its stored type, never sniffed, never cached; with a `filename`, a PDF is downloaded and
 * anything else shown inline.
 */
export function sendStoredFile(
  reply: FastifyReply,
  file: { contentType: string; bytes: Buffer; filename?: string },
) {
  void reply
    .header('content-type', file.contentType)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff');
  if (file.filename) {
    const pdf = file.contentType === 'application/pdf';
    void reply.header(
      'content-disposition',
      `${pdf ? 'attachment' : 'inline'}; filename="${file.filename}.${pdf ? 'pdf' : 'jpg'}"`,
    );
  }
  return reply.send(file.bytes);
}
