/**
 * Starts the API (and the built PWA) with the configuration from the environment:
 * `npm run start -w @vssid/server`. `npm start` at the root also builds the PWA and loads demo data.
 */
import './thread-pool';
import cluster from 'node:cluster';
import { runCluster } from './cluster';
import { ConfigError, loadConfig } from './config';
import { serve } from './serve';

function readConfig() {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const config = readConfig();
if (cluster.isPrimary && config.webConcurrency !== 1) {
  if (config.databaseUrl) runCluster(config.webConcurrency);
  else {
    // An embedded PGlite database is one process's: WEB_CONCURRENCY needs DATABASE_URL.
    console.error('WEB_CONCURRENCY other than 1 needs DATABASE_URL (PostgreSQL); serving with one process');
    await serve(config);
  }
} else await serve(config);
