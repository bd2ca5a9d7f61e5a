import { solveProofOfWork } from '@vssid/domain/lookup';

/**
 * Finds the nonce of a proof-of-work challenge (the BHXH-code look-up's, also asked for by
 * registration and, after failures, sign-in and password reset): in a Web Worker (the page stays responsive while about
 * 2^bits SHA-256 hashes run), or, where workers are unavailable, in the page in slices that give
 * the event loop back between them.
 */
export function solveChallenge(salt: string, bits: number): Promise<string> {
  if (typeof Worker !== 'undefined') {
    try {
      const worker = new Worker(new URL('./pow.worker.ts', import.meta.url), { type: 'module' });
      return new Promise((resolve, reject) => {
        worker.onmessage = (event: MessageEvent<{ nonce: number | null }>) => {
          worker.terminate();
          if (event.data.nonce === null) reject(new Error('no nonce found'));
          else resolve(String(event.data.nonce));
        };
        worker.onerror = () => {
          worker.terminate();
          resolve(solveInSlices(salt, bits));
        };
        worker.postMessage({ salt, bits });
      });
    } catch {
      // fall through to the page
    }
  }
  return solveInSlices(salt, bits);
}

async function solveInSlices(salt: string, bits: number): Promise<string> {
  const slice = 20_000;
  for (let start = 0; start < 1e12; start += slice) {
    const nonce = solveProofOfWork(salt, bits, start, slice);
    if (nonce !== undefined) return String(nonce);
    await new Promise((r) => setTimeout(r, 0));
  }
  throw new Error('no nonce found');
}
