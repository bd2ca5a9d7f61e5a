import type { InboxMessage } from '@vssid/domain/api/dev-inbox';

/** The readable text of a message: `payload.text`, else its JSON. */
export function messageText(message: InboxMessage): string {
  const text = message.payload.text;
  return typeof text === 'string' ? text : JSON.stringify(message.payload, null, 2);
}

/** An email's subject, when the payload has one. */
export function messageSubject(message: InboxMessage): string | null {
  const subject = message.payload.subject;
  return typeof subject === 'string' ? subject : null;
}

/**
 * The text cut into plain parts and codes (runs of 4–8 digits standing alone: OTPs), so the page
 * can make the codes stand out. Longer digit runs (BHXH codes, phone numbers) stay plain.
 */
export function splitCodes(text: string): { text: string; code: boolean }[] {
  const parts: { text: string; code: boolean }[] = [];
  const pattern = /(?<![\p{L}\p{N}])\d{4,8}(?![\p{L}\p{N}])/gu;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const at = match.index;
    if (at > last) parts.push({ text: text.slice(last, at), code: false });
    parts.push({ text: match[0], code: true });
    last = at + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), code: false });
  return parts;
}

/** Newest first, whatever order the server used. */
export function newestFirst(messages: readonly InboxMessage[]): InboxMessage[] {
  return [...messages].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}
