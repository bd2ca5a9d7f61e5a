/**
 * `npm run audit:verify [-- --anchor <file>]`: checks every audit chain of the configured database
 * (DATABASE_URL, else the embedded database in DATA_DIR) and names the first broken entry of each
 * broken chain; exits 1 when any chain is broken, 0 when all hold.
 *
 * `--anchor <file>`: the heads recorded by an earlier run (JSON). When the file exists, each
 * recorded head must still be in its chain with the same hash; after a sound run the file is
 * rewritten with today's heads. Kept outside the database (another machine, a write-once store),
 * it catches a chain rewritten in full with recomputed hashes, which no hash chain sees alone.
 */
import fs from 'node:fs/promises';
import { loadConfig } from '../../config';
import { openDatabase } from '../../db/database';
import { type Anchor, verifyAuditChains } from './verify';

const args = process.argv.slice(2);
const anchorAt = args.indexOf('--anchor');
const anchorFile = anchorAt >= 0 ? args[anchorAt + 1] : undefined;
if (anchorAt >= 0 && !anchorFile) {
  console.error('usage: npm run audit:verify [-- --anchor <file>]');
  process.exit(2);
}

const anchor = anchorFile
  ? await fs.readFile(anchorFile, 'utf8').then(
      (text) => JSON.parse(text) as Anchor,
      () => undefined,
    )
  : undefined;

const handle = await openDatabase(loadConfig());
let sound: boolean;
try {
  const result = await verifyAuditChains(handle.db, anchor);
  console.log(
    `${handle.engine} (${handle.location}): ${result.entries} audit entries in ${result.chains} chains${anchor ? ', checked against the anchor' : ''}.`,
  );
  for (const b of result.breaks)
    console.log(
      `BROKEN chain ${b.partition}: ${b.entryId ? `entry id ${b.entryId}` : 'head'} (sequence ${b.seq}): ${b.problem}: ${b.detail}`,
    );
  if (result.unchained) console.log(`BROKEN: ${result.unchained} entries outside every chain.`);
  sound = result.breaks.length === 0 && result.unchained === 0;
  if (sound) {
    console.log('Every chain holds.');
    if (anchorFile) {
      await fs.writeFile(anchorFile, JSON.stringify(result.anchor, null, 2) + '\n');
      console.log(`Heads recorded in ${anchorFile}.`);
    }
  }
} finally {
  await handle.close();
}
process.exitCode = sound ? 0 : 1;
