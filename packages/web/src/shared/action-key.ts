/**
 * One `Idempotency-Key` per intended officer action (issue #22 item 8): the same inputs sent
 * again — a retried click after a network failure — reuse the key, so the server answers the
 * first result again instead of acting twice; once an action succeeded, the next gets a new key.
 */
const pending = new Map<string, string>();

/** What identifies an action: the call and its inputs (a file by its name, size and date). */
function identityOf(name: string, input: unknown): string {
  return `${name}:${JSON.stringify(input, (_key, value: unknown) =>
    value instanceof File ? `file:${value.name}:${value.size}:${value.lastModified}` : value,
  )}`;
}

/** `call` with an `idempotency-key` header added, kept per action until it succeeds. */
export function withActionKey<I extends { headers?: Record<string, string> }, T>(
  name: string,
  call: (input: I) => Promise<T>,
): (input: I) => Promise<T> {
  return async (input) => {
    const identity = identityOf(name, input);
    let key = pending.get(identity);
    if (!key) {
      key = crypto.randomUUID();
      pending.set(identity, key);
    }
    const result = await call({ ...input, headers: { ...input.headers, 'idempotency-key': key } });
    pending.delete(identity);
    return result;
  };
}
