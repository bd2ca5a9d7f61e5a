/**
 * `npm run db:backup [file]` and `npm run db:restore <file> [--force]` (db/backup.ts), on the
 * database the configuration names: DATABASE_URL, else the embedded database in DATA_DIR.
 */
import { loadConfig } from '../config';
import { backupDatabase, restoreDatabase, RestoreRefused } from './backup';

const [command, ...rest] = process.argv.slice(2);
const force = rest.includes('--force');
const file = rest.find((a) => !a.startsWith('--'));
const config = loadConfig();

try {
  if (command === 'backup') {
    // By default a UTC timestamp in the name (a file name, not a date shown to anyone).
    const target =
      file ??
      `vssid-backup-${new Date().toISOString().slice(0, 19).replace(/[-:]/g, '')}Z.${config.databaseUrl ? 'pgdump' : 'pglite.tar.gz'}`;
    const engine = await backupDatabase(config, target);
    console.log(`${engine === 'postgres' ? 'PostgreSQL' : 'Embedded database'} backed up to ${target}.`);
  } else if (command === 'restore' && file) {
    await restoreDatabase(config, file, { force });
    console.log(
      `${file} restored into ${config.databaseUrl ? 'the database of DATABASE_URL' : config.dataDir}.`,
    );
  } else {
    console.error('usage: npm run db:backup [file] | npm run db:restore <file> [--force]');
    process.exitCode = 2;
  }
} catch (err) {
  if (!(err instanceof RestoreRefused)) throw err;
  console.error(`Refused: ${err.message}`);
  process.exitCode = 1;
}
