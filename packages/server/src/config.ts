import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** "true"/"false"/"1"/"0"/"yes"/"no" from the environment. */
const boolish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/**
 * Every environment variable the server reads. The README's configuration table lists the same
 * names (checked by `config.test.ts`). Parsed once at boot; a bad value stops the start with a
 * message naming the variable.
 */
export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_IN_MEMORY: boolish.default(false),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: boolish.default(false),
  SERVE_WEB: boolish.default(true),
  WEB_DIST_DIR: z.string().min(1).default(path.join(repoRoot, 'packages/web/dist')),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url())),
  TRUST_PROXY: boolish.default(false),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(600),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).default(60_000),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(8000),
  DEMO: boolish.default(false),
  DEMO_FORCE: boolish.default(false),
  LOAD_DEMO_DATA: boolish.default(false),
  DEV_INBOX: boolish.default(false),
  OUTBOX_POLL_MS: z.coerce.number().int().min(0).default(1000),
  SMS_GATEWAY_URL: z.url().optional(),
  SMS_GATEWAY_TOKEN: z.string().min(1).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('VssID – Bảo hiểm xã hội số <no-reply@vssid.local>'),
  // Web Push (issue 25): whom the push services may contact (VAPID `sub`), and the hosts of the
  // push services a subscription may point at (a device's endpoint is where the server POSTs: any
  // other host is refused, so a subscription cannot make the server call an inner address).
  PUSH_SUBJECT: z
    .string()
    .regex(/^(mailto:|https:\/\/)/, 'must be a mailto: address or an https:// URL')
    .optional(),
  PUSH_ENDPOINT_HOSTS: z
    .string()
    .default('fcm.googleapis.com,updates.push.services.mozilla.com,push.apple.com,notify.windows.com')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    ),
  SIGNIN_RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(30),
  SESSION_CHECK_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(10_000),
  LOOKUP_POW_BITS: z.coerce.number().int().min(0).max(32).default(18),
  LOOKUP_RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(10),
  LOOKUP_RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).default(600_000),
  UNIT_INDEX_RELOAD_MS: z.coerce.number().int().min(0).default(30_000),
  KEY_ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32 && /^[A-Za-z0-9+/]+=*$/.test(v), {
      message: 'must be 32 bytes in base64 (openssl rand -base64 32)',
    })
    .optional(),
  VNEID_ISSUER_URL: z.url().optional(),
  VNEID_CLIENT_ID: z.string().min(1).optional(),
  VNEID_CLIENT_SECRET: z.string().min(1).optional(),
  PAYMENT_GATEWAY_URL: z.url().optional(),
  PAYMENT_GATEWAY_API_URL: z.url().optional(),
  PAYMENT_TMN_CODE: z
    .string()
    .regex(/^[A-Z0-9]{4,20}$/)
    .optional(),
  PAYMENT_HASH_SECRET: z.string().min(16).optional(),
  PAYMENT_STAND_IN_PORT: z.coerce.number().int().min(0).max(65535).default(0),
});

/** The demo merchant at the payment stand-in (demo mode only; never a real gateway's account). */
const DEMO_PAYMENT_TMN_CODE = 'VSSIDDEMO';
const DEMO_PAYMENT_HASH_SECRET = 'vssid-demo-stand-in-hash-secret-not-for-production';

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  dataDir: string;
  /** Absent: embedded PGlite (file-backed in `dataDir`, or in memory). */
  databaseUrl: string | undefined;
  databaseInMemory: boolean;
  databasePoolMax: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  logPretty: boolean;
  serveWeb: boolean;
  webDistDir: string;
  corsOrigins: string[];
  trustProxy: boolean;
  bodyLimitBytes: number;
  rateLimit: { max: number; windowMs: number };
  shutdownTimeoutMs: number;
  /**
   * Demo mode (issue #22 item 7): the one switch behind every stand-in — the development inbox,
   * the VNeID stand-in provider — and the "demo" ribbon on every screen. `npm start` turns it on
   * only on the embedded database; with DATABASE_URL it is refused unless DEMO_FORCE is set.
   */
  demo: boolean;
  /** Fill an empty database with the demo nation at start (`npm start` turns it on). */
  loadDemoData: boolean;
  /**
   * Messages sent without a gateway stay readable at /dev/inbox: DEV_INBOX, and only in demo mode
   * (DEMO); never otherwise, whatever DEV_INBOX says.
   */
  devInbox: boolean;
  outboxPollMs: number;
  smsGateway: { url: string; token: string | undefined } | null;
  smtp: { url: string; from: string } | null;
  /**
   * Web Push: the VAPID subject and the push services' hosts (a host or its subdomains) a
   * subscription's endpoint may be on. ASSUMPTION: without PUSH_SUBJECT, the public URL when it is
   * https, else a placeholder address on the reserved `.invalid` domain (development).
   */
  push: { subject: string; endpointHosts: string[] };
  /**
   * BHXH code look-ups: the proof-of-work difficulty in leading zero bits (18: about 260,000
   * hashes, under a second on a phone) and the per-IP limit, counted in the database so it holds
   * across API nodes.
   */
  lookup: { powBits: number; rateLimitMax: number; rateLimitWindowMs: number; unitIndexReloadMs: number };
  /**
   * Seals the system's secret keys in the database (adapters/key-sealer.ts). Null: a key kept in
   * `<dataDir>/secrets`, or for an in-memory database one for the process.
   */
  keyEncryptionKey: Buffer | null;
  /** Password sign-ins per client IP per 10 minutes, counted in the database (holds across nodes). */
  signInRateLimitPerIp: number;
  /**
   * How long a node trusts its last look at a session while it is not subscribed to session ends
   * (normally it is, and learns of every end at once; see auth/session-states.ts).
   */
  sessionCheckCacheMs: number;
  /**
   * "Sign in with VNeID" (OpenID Connect code flow + PKCE) against this provider. Null: no
   * provider configured; then, in demo mode (DEMO) only, a local stand-in provider is mounted at
   * /dev/vneid.
   */
  vneid: { issuerUrl: string; clientId: string; clientSecret: string } | null;
  /**
   * Payments (issue #26): the merchant account at a bank gateway speaking the VNPay 2.1.0
   * protocol (PAYMENT_GATEWAY_URL, PAYMENT_GATEWAY_API_URL, PAYMENT_TMN_CODE, PAYMENT_HASH_SECRET).
   * None configured: in demo mode only, a local stand-in gateway on its own listener
   * (PAYMENT_STAND_IN_PORT, 0: any free port) with a demo merchant; otherwise no payments (503).
   */
  payment: {
    gateway: { payUrl: string; apiUrl: string; tmnCode: string; hashSecret: string } | null;
    standIn: { port: number; tmnCode: string; hashSecret: string } | null;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOCAL_HOSTS = new Set(['0.0.0.0', '127.0.0.1', '::1', '::', 'localhost']);

/** Reads the configuration from an environment (default `process.env`); throws `ConfigError`. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.fromEntries(
    Object.keys(EnvSchema.shape).flatMap((k) => (env[k] === undefined ? [] : [[k, env[k]]])),
  );
  const parsed = EnvSchema.safeParse(known);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  if (e.DEMO && e.DATABASE_URL && !e.DEMO_FORCE)
    throw new ConfigError([
      'DEMO: demo mode (the development inbox, the VNeID stand-in) is refused on a DATABASE_URL; set DEMO_FORCE=1 to run a demo on PostgreSQL anyway',
    ]);
  if (e.VNEID_ISSUER_URL && (!e.VNEID_CLIENT_ID || !e.VNEID_CLIENT_SECRET))
    throw new ConfigError(['VNEID_CLIENT_ID, VNEID_CLIENT_SECRET: required with VNEID_ISSUER_URL']);
  if (e.PAYMENT_GATEWAY_URL && (!e.PAYMENT_GATEWAY_API_URL || !e.PAYMENT_TMN_CODE || !e.PAYMENT_HASH_SECRET))
    throw new ConfigError([
      'PAYMENT_GATEWAY_API_URL, PAYMENT_TMN_CODE, PAYMENT_HASH_SECRET: required with PAYMENT_GATEWAY_URL',
    ]);
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    // Loopback and all-interfaces hosts are reached as `localhost`: browsers allow passkeys
    // (WebAuthn) on localhost, never on an IP address.
    publicUrl: e.PUBLIC_URL ?? `http://${LOCAL_HOSTS.has(e.HOST) ? 'localhost' : e.HOST}:${e.PORT}`,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databaseInMemory: e.DATABASE_IN_MEMORY,
    databasePoolMax: e.DATABASE_POOL_MAX,
    logLevel: e.LOG_LEVEL,
    logPretty: e.LOG_PRETTY,
    serveWeb: e.SERVE_WEB,
    webDistDir: path.resolve(e.WEB_DIST_DIR),
    corsOrigins: e.CORS_ORIGINS,
    trustProxy: e.TRUST_PROXY,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    rateLimit: { max: e.RATE_LIMIT_MAX, windowMs: e.RATE_LIMIT_WINDOW_MS },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    demo: e.DEMO,
    loadDemoData: e.LOAD_DEMO_DATA,
    devInbox: e.DEMO && e.DEV_INBOX,
    outboxPollMs: e.OUTBOX_POLL_MS,
    smsGateway: e.SMS_GATEWAY_URL ? { url: e.SMS_GATEWAY_URL, token: e.SMS_GATEWAY_TOKEN } : null,
    smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.MAIL_FROM } : null,
    push: {
      subject:
        e.PUSH_SUBJECT ??
        (e.PUBLIC_URL?.startsWith('https://') ? e.PUBLIC_URL : 'mailto:push-contact@vssid.invalid'),
      endpointHosts: e.PUSH_ENDPOINT_HOSTS,
    },
    signInRateLimitPerIp: e.SIGNIN_RATE_LIMIT_PER_IP,
    sessionCheckCacheMs: e.SESSION_CHECK_CACHE_MS,
    lookup: {
      powBits: e.LOOKUP_POW_BITS,
      rateLimitMax: e.LOOKUP_RATE_LIMIT_MAX,
      rateLimitWindowMs: e.LOOKUP_RATE_LIMIT_WINDOW_MS,
      unitIndexReloadMs: e.UNIT_INDEX_RELOAD_MS,
    },
    keyEncryptionKey: e.KEY_ENCRYPTION_KEY ? Buffer.from(e.KEY_ENCRYPTION_KEY, 'base64') : null,
    vneid: e.VNEID_ISSUER_URL
      ? {
          issuerUrl: e.VNEID_ISSUER_URL.replace(/\/+$/, ''),
          clientId: e.VNEID_CLIENT_ID ?? '',
          clientSecret: e.VNEID_CLIENT_SECRET ?? '',
        }
      : null,
    payment: {
      gateway: e.PAYMENT_GATEWAY_URL
        ? {
            payUrl: e.PAYMENT_GATEWAY_URL,
            apiUrl: e.PAYMENT_GATEWAY_API_URL ?? '',
            tmnCode: e.PAYMENT_TMN_CODE ?? '',
            hashSecret: e.PAYMENT_HASH_SECRET ?? '',
          }
        : null,
      standIn:
        !e.PAYMENT_GATEWAY_URL && e.DEMO
          ? {
              port: e.PAYMENT_STAND_IN_PORT,
              tmnCode: e.PAYMENT_TMN_CODE ?? DEMO_PAYMENT_TMN_CODE,
              hashSecret: e.PAYMENT_HASH_SECRET ?? DEMO_PAYMENT_HASH_SECRET,
            }
          : null,
    },
  };
}
