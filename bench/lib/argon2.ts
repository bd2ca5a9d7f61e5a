import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { hash } from '@node-rs/argon2';
import { PASSWORD_HASH_OPTIONS } from '@vssid/server';

/** Raw argon2id verifications per second with the production parameters, one worker per core. */
export async function measureArgon2(seconds: number): Promise<number> {
  const encoded = await hash('mật khẩu thử nghiệm 2026', PASSWORD_HASH_OPTIONS);
  const workers = os.availableParallelism();
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { verifySync } = require('@node-rs/argon2');
    const end = Date.now() + workerData.ms;
    let n = 0;
    while (Date.now() < end) { verifySync(workerData.encoded, 'mật khẩu thử nghiệm 2026'); n++; }
    parentPort.postMessage(n);
  `;
  const counts = await Promise.all(
    Array.from({ length: workers }, () => new Promise<number>((resolve, reject) => {
      const w = new Worker(source, { eval: true, workerData: { encoded, ms: seconds * 1000 } });
      w.once('message', (n: number) => {
        resolve(n);
      });
      w.once('error', reject);
    })),
  ); // prettier-ignore
  return Math.round(counts.reduce((a, b) => a + b, 0) / seconds);
}
