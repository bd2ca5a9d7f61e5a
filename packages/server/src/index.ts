export { buildApp, type BuildOptions } from './app';
export { loadConfig, type Config, ConfigError, EnvSchema } from './config';
export { openDatabase, type DatabaseHandle, type Engine } from './db/database';
export type { Database } from './db/schema';
export { migrate, readMigrations } from './db/migrate';
export { distributeTables } from './db/citus';
export { serve, type ServeOptions } from './serve';
export { PASSWORD_HASH_OPTIONS } from './modules/auth/password-params';
export { AccessTokens } from './modules/auth/tokens';
export { GatewayTokens } from './modules/gateway/tokens';
export { keySealer, type KeySealer, resolveKeyEncryptionKey } from './adapters/key-sealer';
export { hashPassword, passwordMatches } from './modules/auth/service';
export { COOKIES, DEVICE_HEADER } from './modules/auth/plugin';
export { ensureDemoAccounts, DEMO_PASSWORD } from './modules/auth/demo';
// For the benchmark's registration floors (bench/lib/registration-floor-worker.ts, and
// bench/baselines/registration-floor-server.ts with the submit routes' multipart reading): what a
// submission cannot do without, measured apart from the database.
export { cleanImage } from './adapters/images';
export { readSubmitParts, SUBMIT_MULTIPART_OPTIONS } from './modules/registration/multipart';
export { form01Pdf } from './modules/registration/form01-pdf';
export { createTranslator } from './i18n';
// The soak checks the audit chains its writers left (bench/run.ts --soak).
export { verifyAuditChains } from './modules/audit/verify';
// For the benchmark's fan-out measurement (bench/lib/fan-out.ts): the job's batches, run to the end.
export { runFanOut } from './modules/notifications/fan-out';
export { closeMonth } from './modules/declarations/monthly-close';
// The data loaders (bulk COPY) and the benchmark count the requests' tallies again (migration 0032).
export { RECOUNT_REQUEST_TALLIES_SQL } from './modules/services/tallies-repository';
