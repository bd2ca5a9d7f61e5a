/**
 * `npm start`: the whole system on one port: builds the PWA when its build is missing or stale,
 * then starts the server in production mode (embedded database unless DATABASE_URL is set) and,
 * on an empty database, loads the demo nation and prints BHXH codes to try.
 */
import '@vssid/server/thread-pool';
import { ensureDemoData } from '@vssid/datagen';
import { ConfigError, ensureDemoAccounts, loadConfig, serve } from '@vssid/server';
import { ensureWebBuild } from './web-build';

ensureWebBuild();
process.env.NODE_ENV ??= 'production';
process.env.LOAD_DEMO_DATA ??= 'true';
// A laptop has no SMS gateway: messages (OTPs, initial passwords) are read in the development inbox.
process.env.DEV_INBOX ??= 'true';
let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
const loadDemo = config.loadDemoData;
await serve(config, {
  beforeListen: async (app) => {
    if (!loadDemo) return [];
    const codes = await ensureDemoData(app.database.db, (line) => {
      app.log.info(line);
    });
    return [...codes, ...(await ensureDemoAccounts(app.database.db, config.publicUrl))];
  },
});
