/**
 * Starts the API (and the built PWA) with the configuration from the environment:
 * `npm run start -w @vssid/server`. `npm start` at the root also builds the PWA and loads demo data.
 */
import './thread-pool';
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

await serve(readConfig());
