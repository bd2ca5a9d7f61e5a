import os from 'node:os';
import { openDatabase, verifyAuditChains } from '@vssid/server';

/** The machine a report was measured on. */
export function machineInfo() {
  return {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memory_gb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres: '15',
  };
}

/** The audit log's hash chains on the benchmark database, verified (after concurrent writers). */
export async function auditChainsOf(databaseUrl: string) {
  const handle = await openDatabase({
    databaseUrl,
    databaseInMemory: false,
    dataDir: '.',
    databasePoolMax: 1,
  });
  const chains = await verifyAuditChains(handle.db).finally(() => handle.close());
  return {
    entries: chains.entries,
    chains: chains.chains,
    breaks: chains.breaks.length,
    holds: chains.breaks.length === 0 && chains.unchained === 0,
  };
}
