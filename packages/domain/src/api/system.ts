import * as z from 'zod/mini';
import { LANGUAGES } from '../i18n/languages';
import { defineContract, NoContent, problems } from './contract';

/** The system's own calls: probes, meta, and the clients' reports. */

const d = z.describe;

export const HealthSchema = z.object({ status: z.literal('ok') }).check(z.meta({ id: 'Health' }));
export const ReadySchema = z
  .object({
    status: z.literal('ready'),
    database: z.enum(['pglite', 'postgres']),
    migrations: z.int().check(d('Migrations applied')),
  })
  .check(z.meta({ id: 'Readiness' }));
export const SystemInfoSchema = z
  .object({
    name: z.string().check(d("The system's name in the caller's language")),
    agency: z.string(),
    version: z.string(),
    language: z.enum(LANGUAGES).check(d('The language this answer is in')),
    languages: z.array(z.enum(LANGUAGES)),
    demo: z
      .boolean()
      .check(
        d(
          'Demo mode (DEMO): stand-ins on (development inbox, VNeID stand-in); the web shows a "demo" ribbon',
        ),
      ),
  })
  .check(z.meta({ id: 'SystemInfo' }));
export type SystemInfo = z.infer<typeof SystemInfoSchema>;

/** Liveness and readiness probes (outside `/api/v1`, as load balancers expect). */
export const liveness = defineContract({
  method: 'GET',
  path: '/healthz',
  access: 'public',
  scope: 'none',
  tags: ['system'],
  summary: 'Liveness: the process answers',
  responses: { 200: HealthSchema },
});

export const readiness = defineContract({
  method: 'GET',
  path: '/readyz',
  access: 'public',
  scope: 'none',
  tags: ['system'],
  summary: 'Readiness: the database answers and every migration is applied',
  responses: { 200: ReadySchema, ...problems(503) },
});

/** What the web app needs to know about the system before anyone signs in. */
export const systemInfo = defineContract({
  method: 'GET',
  path: '/api/v1/meta',
  access: 'public',
  scope: 'none',
  tags: ['system'],
  summary: 'System name, version and languages',
  responses: { 200: SystemInfoSchema },
});

export const ClientReportSchema = z.object({
  kind: z.literal('contract_mismatch').check(d("An answer of the API did not match the client's contract")),
  call: z.string().check(z.maxLength(200), d('`METHOD /path` of the contract (parameters not filled in)')),
  status: z.int().check(z.minimum(100), z.maximum(599)),
  issues: z
    .array(z.string().check(z.maxLength(300)))
    .check(z.maxLength(20), d('Where the answer differed: paths and zod messages, never values')),
  release: z.optional(z.string().check(z.maxLength(64))).check(d("The web app's build")),
});
export type ClientReport = z.infer<typeof ClientReportSchema>;

export const reportClientProblem = defineContract({
  method: 'POST',
  path: '/api/v1/client-reports',
  access: 'public',
  scope: 'none',
  tags: ['system'],
  summary: 'A client reports an answer that did not match its contract (logged; no personal data)',
  body: ClientReportSchema,
  responses: { 204: NoContent, ...problems(400, 429) },
});
