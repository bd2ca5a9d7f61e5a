/** `npm run db:migrate`: applies pending migrations to the configured database and exits. */
import { loadConfig } from '../config';
import { openDatabase } from './database';
import { migrate } from './migrate';

const config = loadConfig();
const handle = await openDatabase(config);
try {
  const result = await migrate(handle.db);
  console.log(
    `${handle.engine} (${handle.location}): ${result.applied.length ? `applied ${result.applied.join(', ')}` : 'nothing to apply'}; ${result.total} migrations in all.`,
  );
} finally {
  await handle.close();
}
