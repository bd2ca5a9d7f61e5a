/**
 * `npm start`: the whole system on one port: builds the PWA when its build is missing or stale,
 * then starts the server in production mode (embedded database unless DATABASE_URL is set) and,
 * in demo mode (DEMO, on by default on the embedded database only), on an empty database, loads
 * the demo nation and prints BHXH codes to try.
 */
import '@vssid/server/thread-pool';
import { ensureDemoData } from '@vssid/datagen';
import { ConfigError, ensureDemoAccounts, loadConfig, serve } from '@vssid/server';
import { ensureWebBuild } from './web-build';

ensureWebBuild();
process.env.NODE_ENV ??= 'production';
// Demo mode (issue #22 item 7) only on the embedded database: with DATABASE_URL, `npm start` is a
// real start (no stand-ins, no demo nation) unless DEMO is set — and then config.ts refuses it
// without DEMO_FORCE=1.
const embedded = !process.env.DATABASE_URL;
process.env.DEMO ??= embedded ? 'true' : 'false';
const demo = process.env.DEMO === 'true' || process.env.DEMO === '1' || process.env.DEMO === 'yes';
process.env.LOAD_DEMO_DATA ??= demo ? 'true' : 'false';
// A laptop has no SMS gateway: messages (OTPs, initial passwords) are read in the development inbox.
process.env.DEV_INBOX ??= demo ? 'true' : 'false';
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
