import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { FileStorage } from '../adapters/storage';
import type { Database } from '../db/schema';
import { auditService } from '../modules/audit/service';
import { type JobCluster, startPeriodicJob } from './periodic';
import { referencedFileHashes } from './repository';

/**
 * How long a stored file may stay without a dossier referring to it. Photos are stored before
 * the dossier's transaction (they are content-addressed, so a retried submit stores nothing
 * twice), so a submit that then fails (a check, a crash, a lost connection) leaves its photos
 * behind. ASSUMPTION: a day is far longer than any submit takes; files younger than that are
 * never looked at.
 */
export const ORPHAN_FILE_GRACE_MS = 24 * 3_600_000;

interface FileCleanupJob {
  /** One pass: removes the files stored before `now - grace` that no dossier refers to. */
  runOnce(now?: Date): Promise<{ checked: number; removed: number }>;
  stop(): Promise<void>;
}

/**
 * Portraits and ID photos are personal data: none is kept that no dossier needs. Every
 * `intervalMs` (0: never; tests call `runOnce`), the files older than the grace period are
 * checked against `dossier_files` and `dossier_pdfs` in batches and the unreferenced ones removed; a submit storing
 * the same bytes at that moment keeps its file (`removeIfStoredBefore`). Files of dossiers stay
 * with their dossier, whatever its status: the dossier and its log are the agency's record.
 * Each pass that removes files writes one audit entry with the count.
 */
export function startFileCleanupJob(options: {
  db: Kysely<Database>;
  storage: FileStorage;
  intervalMs: number;
  log: FastifyBaseLogger;
  /** Several API nodes: once per tick across them, and the job's run counts (periodic.ts). */
  cluster?: JobCluster;
  graceMs?: number;
  batch?: number;
}): FileCleanupJob {
  const grace = options.graceMs ?? ORPHAN_FILE_GRACE_MS;
  const batchSize = options.batch ?? 500;

  async function pass(now = new Date()): Promise<{ checked: number; removed: number }> {
    const cutoff = new Date(now.getTime() - grace);
    let checked = 0;
    let removed = 0;
    let batch: string[] = [];
    const sweep = async () => {
      if (!batch.length) return;
      const referenced = await referencedFileHashes(options.db, batch);
      for (const hash of batch)
        if (!referenced.has(hash) && (await options.storage.removeIfStoredBefore(hash, cutoff))) removed += 1;
      batch = [];
    };
    for await (const file of options.storage.list()) {
      if (file.storedAt.getTime() >= cutoff.getTime()) continue;
      checked += 1;
      batch.push(file.sha256);
      if (batch.length >= batchSize) await sweep();
    }
    await sweep();
    if (removed > 0)
      await auditService.record(options.db, {
        actor_type: 'system',
        actor_id: 'file-cleanup',
        subject_bhxh_code: null,
        action: 'files.orphans_removed',
        target_type: null,
        target_id: null,
        purpose: null,
        ip: null,
        request_id: null,
        details: { removed, checked, storedBefore: cutoff.toISOString() },
      });
    return { checked, removed };
  }

  return startPeriodicJob(pass, {
    intervalMs: options.intervalMs,
    log: options.log,
    failure: 'orphan file clean-up failed',
    name: 'file-cleanup',
    cluster: options.cluster,
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    fileCleanup: FileCleanupJob;
  }
}
