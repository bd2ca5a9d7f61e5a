import cluster from 'node:cluster';
import os from 'node:os';

/**
 * Several API processes on one machine (WEB_CONCURRENCY), sharing the listening port through
 * node:cluster. The nodes are stateless (sessions, rate counters, jobs and keys live in the
 * database; session ends reach every node through the database's notifications), so a process
 * per core is the same as that many nodes behind a load balancer.
 *
 * The primary only supervises: a worker that dies after it started listening is replaced (at most
 * once a second); one that dies before ever listening (a configuration or database problem) stops
 * everything with exit code 1, rather than restarting in a loop. SIGTERM / SIGINT are passed on;
 * the primary exits once every worker has finished its requests in flight.
 */
export function runCluster(requested: number, log: (line: string) => void = console.error): void {
  const count = requested === 0 ? os.availableParallelism() : requested;
  let stopping = false;
  let exitCode = 0;
  const listening = new Set<number>();
  let lastFork = 0;
  const fork = () => {
    lastFork = Date.now();
    const worker = cluster.fork();
    worker.once('listening', () => listening.add(worker.id));
  };
  const stop = (code: number) => {
    exitCode = Math.max(exitCode, code);
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {});
    if (!workers.length) process.exit(exitCode);
    for (const worker of workers) worker?.process.kill('SIGTERM');
  };
  cluster.on('exit', (worker, code, signal) => {
    const started = listening.delete(worker.id);
    if (stopping) {
      if (code) exitCode = Math.max(exitCode, code);
      if (!Object.keys(cluster.workers ?? {}).length) process.exit(exitCode);
      return;
    }
    if (!started) {
      log(`API worker ${worker.process.pid} stopped before it could serve (${signal || String(code)}); stopping`);
      stop(1);
      return;
    }
    log(`API worker ${worker.process.pid} exited (${signal || String(code)}); starting another`);
    setTimeout(fork, Math.max(0, lastFork + 1000 - Date.now()));
  });
  process.once('SIGTERM', () => {
    stop(0);
  });
  process.once('SIGINT', () => {
    stop(0);
  });
  for (let i = 0; i < count; i++) fork();
}

/** Whether this process prints the start banner (the only process, or the first worker). */
export function printsBanner(): boolean {
  return !cluster.isWorker || cluster.worker?.id === 1;
}
