/**
 * `npm run db:citus`: applies pending migrations, then the Citus step (db/citus.ts) to the
 * configured database, a Citus coordinator with its workers added; exits non-zero naming the
 * tables or keys that do not fit the plan.
 */
import { loadConfig } from '../config';
import { distributeTables, isCitus } from './citus';
import { openDatabase } from './database';
import { migrate } from './migrate';

const config = loadConfig();
const handle = await openDatabase(config);
try {
  await migrate(handle.db);
  if (!(await isCitus(handle.db))) throw new Error(`${handle.location} has no citus extension`);
  const plan = await distributeTables(handle.db);
  for (const placement of ['distributed', 'reference', 'coordinator'] as const) {
    const tables = plan.filter((p) => p.placement === placement).map((p) => p.table);
    console.log(`${placement} (${tables.length}): ${tables.join(', ')}`);
  }
} finally {
  await handle.close();
}
