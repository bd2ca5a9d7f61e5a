import type { QueryOf } from '@vssid/domain/api/contract';
import type { officerQueue } from '@vssid/domain/api/back-office';

/** The queue's filter as the page keeps it in its address (empty fields: no filter). */

// The statuses and rejection reasons are the domain's (the server checks against the same lists).
export { DOSSIER_STATUSES, REJECTION_REASONS, type RejectionReason } from '@vssid/domain';
export const DOSSIER_KINDS = ['self', 'child', 'bulk'] as const;

export interface QueueFilter {
  status: string;
  kind: string;
  from: string;
  to: string;
  q: string;
  offset: number;
}

export const PAGE_SIZE = 20;

/** The query of a filter (empty fields left out). */
export function queueQuery(filter: QueueFilter): QueryOf<typeof officerQueue> {
  const query: Record<string, string | number> = {};
  for (const key of ['status', 'kind', 'from', 'to', 'q'] as const) if (filter[key]) query[key] = filter[key];
  query.limit = PAGE_SIZE;
  query.offset = filter.offset;
  return query;
}
