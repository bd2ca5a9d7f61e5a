import { api } from '../../shared/api';

/** Registration statistics (server: modules/registration/stats-routes.ts). */

export interface StatsCounts {
  received: number;
  approved: number;
  rejected: number;
  expired: number;
  target: number | null;
  progress: number | null;
}
export interface StatsRow extends StatsCounts {
  key: string;
  name: string;
  provinceCode: string;
}
export interface Stats {
  year: number;
  groupBy: 'agency' | 'province';
  rows: StatsRow[];
  totals: StatsCounts;
}

export const statsApi = {
  get: (year: number, groupBy: string) =>
    api<Stats>(`/api/v1/admin/registration-stats?year=${year}&groupBy=${encodeURIComponent(groupBy)}`),
  csvUrl: (year: number, groupBy: string) =>
    `/api/v1/admin/registration-stats.csv?year=${year}&groupBy=${encodeURIComponent(groupBy)}`,
  setTarget: (agencyCode: string, year: number, target: number) =>
    api<{ target: number }>(`/api/v1/admin/registration-targets/${encodeURIComponent(agencyCode)}/${year}`, {
      method: 'PUT',
      body: { target },
    }),
};
