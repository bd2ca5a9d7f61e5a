/**
 * SMS adapters. Every message carries its outbox idempotency key, so a gateway that is sent the
 * same message twice (a crash after sending, before the outbox recorded it) can drop the second.
 */
export interface SmsMessage {
  /** National form `0XXXXXXXXX`. */
  to: string;
  text: string;
  idempotencyKey: string;
}

export interface SmsSender {
  readonly kind: 'dev-inbox' | 'http-gateway';
  send(message: SmsMessage): Promise<void>;
}

/**
 * The development inbox: nothing leaves the machine; the delivered outbox row is the message,
 * readable at `/dev/inbox/messages` (and later in the inbox page). For laptops and demos only.
 */
export function devInboxSms(): SmsSender {
  return { kind: 'dev-inbox', send: async () => undefined };
}

/**
 * An HTTP SMS gateway: `POST url` with `{ to, text, id }` (to in E.164), `Idempotency-Key` and an
 * optional bearer token. Any answer but 2xx is a failure, retried later by the outbox worker.
 */
export function httpGatewaySms(options: {
  url: string;
  token?: string | undefined;
  timeoutMs?: number;
}): SmsSender {
  return {
    kind: 'http-gateway',
    async send(message) {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': message.idempotencyKey,
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
        body: JSON.stringify({
          to: `+84${message.to.replace(/^0/, '')}`,
          text: message.text,
          id: message.idempotencyKey,
        }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
    },
  };
}
