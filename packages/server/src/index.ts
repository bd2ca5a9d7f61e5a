export { buildApp, type BuildOptions } from './app';
export { loadConfig, type Config, ConfigError, EnvSchema } from './config';
export { openDatabase, type DatabaseHandle, type Engine } from './db/database';
export type { Database } from './db/schema';
export { migrate, readMigrations } from './db/migrate';
export { serve, type ServeOptions } from './serve';
export { PASSWORD_HASH_OPTIONS } from './modules/auth/password-params';
