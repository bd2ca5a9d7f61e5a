/**
 * `npm start`: the whole system on one port: builds the PWA when its build is missing or stale,
 * then starts the server in production mode (embedded database unless DATABASE_URL is set).
 */
import { ensureWebBuild } from './web-build';

ensureWebBuild();
process.env.NODE_ENV ??= 'production';
await import('../packages/server/src/main');
