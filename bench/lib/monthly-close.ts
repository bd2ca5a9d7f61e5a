import { closeMonth, openDatabase } from '@vssid/server';

/**
 * The monthly close (issue #27) run once before the measurements, as the server's hourly job does
 * at its first tick of a month: the generator records employment through its as-of month, so on a
 * later month that first tick would extend every running period while the scenarios run. A second
 * run in the same month finds nothing to do. Logs what it changed and its time on the dataset.
 */
export async function closeMonthBeforeBench(databaseUrl: string, log: (line: string) => void): Promise<void> {
  const handle = await openDatabase({
    databaseUrl,
    databaseInMemory: false,
    dataDir: '.',
    databasePoolMax: 2,
  });
  try {
    const started = performance.now();
    const done = await closeMonth(handle.db);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    log(`monthly close: ${done.periods} periods extended, ${done.cards} cards kept valid, in ${seconds} s`);
  } finally {
    await handle.close();
  }
}
