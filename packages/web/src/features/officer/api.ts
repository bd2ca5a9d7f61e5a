import { type DossierStatus, type RejectionReason, VIETNAM_TIME_ZONE } from '@vssid/domain';
import { api } from '../../shared/api';

/** The officers' back office API (server: modules/registration/officer-routes.ts). */

// The statuses and rejection reasons are the domain's (the server checks against the same lists).
export { DOSSIER_STATUSES, REJECTION_REASONS, type DossierStatus, type RejectionReason } from '@vssid/domain';
export const DOSSIER_KINDS = ['self', 'child', 'bulk'] as const;
export type DossierKind = (typeof DOSSIER_KINDS)[number];
export type OfficerAction = 'record_paper' | 'approve' | 'reject';

export interface QueueItem {
  number: string;
  bhxhCode: string;
  fullName: string;
  kind: DossierKind;
  agencyCode: string;
  status: DossierStatus;
  delivery: 'counter' | 'post';
  submittedAt: string;
  deadlineAt: string;
}

export interface QueuePage {
  total: number;
  limit: number;
  offset: number;
  items: QueueItem[];
}

export interface QueueFilter {
  status: string;
  kind: string;
  from: string;
  to: string;
  q: string;
  offset: number;
}

export const PAGE_SIZE = 20;

/** The query string of a filter (empty fields left out). */
export function queueQuery(filter: QueueFilter): string {
  const params = new URLSearchParams();
  for (const key of ['status', 'kind', 'from', 'to', 'q'] as const)
    if (filter[key]) params.set(key, filter[key]);
  params.set('limit', String(PAGE_SIZE));
  params.set('offset', String(filter.offset));
  return params.toString();
}

export interface Comparison {
  field: 'fullName' | 'dateOfBirth' | 'gender' | 'idNumber' | 'address';
  declared: string | null;
  registry: string | null;
  bhxh: string | null;
  differs: boolean;
}

export interface Dossier {
  number: string;
  bhxhCode: string;
  kind: DossierKind;
  agencyCode: string;
  guardianBhxhCode: string | null;
  status: DossierStatus;
  delivery: 'counter' | 'post';
  submittedAt: string;
  deadlineAt: string;
  allowedActions: OfficerAction[];
  declared: Record<string, unknown>;
  registry: {
    found: boolean;
    fullName: string | null;
    dateOfBirth: string | null;
    gender: string | null;
    address: string | null;
  };
  comparison: Comparison[];
  files: {
    kind: 'portrait' | 'id_front' | 'id_back' | 'birth_certificate';
    url: string;
    width: number;
    height: number;
  }[];
  actions: {
    seq: number;
    action: string;
    actorType: string;
    actorName: string | null;
    at: string;
    reasonCode: string | null;
    reasonText: string | null;
  }[];
}

const base = '/api/v1/officer/dossiers';

export const officerApi = {
  queue: (filter: QueueFilter, signal?: AbortSignal) =>
    api<QueuePage>(`${base}?${queueQuery(filter)}`, signal ? { signal } : {}),
  dossier: (number: string) => api<Dossier>(`${base}/${encodeURIComponent(number)}`),
  act: (number: string, body: { action: OfficerAction; reasonCode?: RejectionReason; reasonText?: string }) =>
    api<{ number: string; status: DossierStatus; seq: number }>(
      `${base}/${encodeURIComponent(number)}/actions`,
      {
        method: 'POST',
        body,
      },
    ),
};

/** A date-time in Vietnam's time zone, for the screens (dd/mm/yyyy hh:mm). */
export function formatVnDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, {
    timeZone: VIETNAM_TIME_ZONE,
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(new Date(iso));
}
