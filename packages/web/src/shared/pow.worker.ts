import { solveProofOfWork } from '@vssid/domain/lookup';

/** The worker's global scope, as much of it as is used (the DOM typings describe a window). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<{ salt: string; bits: number }>) => void) | null;
  postMessage(message: { nonce: number | null }): void;
}

/** Solves a look-up challenge off the main thread: `{ salt, bits }` in, `{ nonce }` out. */
const scope = self as unknown as WorkerScope;
scope.onmessage = (event) => {
  const nonce = solveProofOfWork(event.data.salt, event.data.bits);
  scope.postMessage({ nonce: nonce ?? null });
};
