import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runJsonWorker } from './processes';

export interface FloorResult {
  /** CPU (ms) to clean a submission's three photos: checked, decoded, re-encoded without metadata. */
  photos_cpu_ms: number;
  /** CPU (ms) to render its Form 01 PDF. */
  pdf_cpu_ms: number;
  /** CPU per submission (ms): three photos cleaned and the Form 01 PDF, nothing else. */
  cpu_ms: number;
  /** Submissions per second this machine's cores allow at that cost alone. */
  rate_allowed_per_s: number;
}

const worker = path.join(path.dirname(fileURLToPath(import.meta.url)), 'registration-floor-worker.ts');

/** Runs the registration floor (see registration-floor-worker.ts) in its own process. */
export function measureRegistrationFloor(seconds: number, photoFiles: string[]): Promise<FloorResult> {
  return runJsonWorker<FloorResult>(
    worker,
    { seconds, photoFiles },
    (2 * seconds + 120) * 1000,
    'registration floor',
  );
}
