import nodemailer from 'nodemailer';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; contentType: string; contentBase64: string }[];
  idempotencyKey: string;
}

export interface EmailSender {
  readonly kind: 'dev-inbox' | 'smtp';
  send(message: EmailMessage): Promise<void>;
  close(): void;
}

/** The development inbox for email: the delivered outbox row is the message. */
export function devInboxEmail(): EmailSender {
  return { kind: 'dev-inbox', send: async () => undefined, close: () => undefined };
}

/**
 * SMTP through nodemailer (`smtp://user:pass@host:port`, or `smtps://`). The Message-ID is made
 * from the outbox idempotency key, so a message sent twice after a crash is recognisably the same.
 */
export function smtpEmail(options: { url: string; from: string; domain: string }): EmailSender {
  const transport = nodemailer.createTransport(options.url);
  return {
    kind: 'smtp',
    async send(message) {
      await transport.sendMail({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        messageId: `<${message.idempotencyKey.replace(/[^A-Za-z0-9._-]/g, '_')}@${options.domain}>`,
        attachments: (message.attachments ?? []).map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: Buffer.from(a.contentBase64, 'base64'),
        })),
      });
    },
    close: () => {
      transport.close();
    },
  };
}
