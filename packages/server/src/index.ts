export { buildApp, type BuildOptions } from './app';
export { loadConfig, type Config, ConfigError, EnvSchema } from './config';
export { openDatabase, type DatabaseHandle, type Engine } from './db/database';
export { migrate, readMigrations } from './db/migrate';
