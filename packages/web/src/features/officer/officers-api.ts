import { api } from '../../shared/api';
import type { Role } from '../auth';

/** An agency admin's officers (server: modules/auth/routes.ts, `staffRoutes` under /api/v1/staff). */

export type StaffStatus = 'active' | 'disabled';

/** A staff account of the admin's agency: its officers and its admins (only officers can be changed). */
export interface StaffMember {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  status: StaffStatus;
  phoneMasked?: string | null;
  createdAt?: string;
}

export interface NewOfficer {
  username: string;
  displayName: string;
  phone: string;
  email?: string;
}

const base = '/api/v1/staff/officers';

export const officersApi = {
  list: (signal?: AbortSignal) => api<{ officers: StaffMember[] }>(base, signal ? { signal } : {}),
  /** 201 with the new officer; the initial password goes to their phone by SMS. */
  create: (officer: NewOfficer) => api<StaffMember>(base, { method: 'POST', body: officer }),
  /** 204; disabling ends the officer's sessions. */
  setStatus: (id: string, status: StaffStatus) =>
    api<undefined>(`${base}/${encodeURIComponent(id)}/status`, { method: 'POST', body: { status } }),
};
