import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createPostgresTestDatabase, testEngine } from './testing/database';

const main = path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.ts');

/** Starts `main.ts` as a real process on a free port; resolves when it prints its URL. */
function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', SERVE_WEB: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const listening = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`server did not start:\n${out}\n${err}`));
    }, 30_000);
    child.stdout.on('data', () => {
      const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', () => {
      reject(new Error(`server exited early:\n${out}\n${err}`));
    });
  });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      resolve(code);
    });
  });
  const logged = (text: string) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if ((out + err).includes(text)) {
          child.stdout.off('data', check);
          resolve();
        }
      };
      child.stdout.on('data', check);
      check();
    });
  return { child, listening, exited, logged, logs: () => out + err };
}

describe('the server process', () => {
  it('serves, then on SIGTERM finishes and exits 0 within 10 s with nothing logged at error level', async () => {
    const pgDatabase = testEngine() === 'postgres' ? await createPostgresTestDatabase() : null;
    const server = start(pgDatabase ? { DATABASE_URL: pgDatabase.url } : { DATABASE_IN_MEMORY: 'true' });
    const url = await server.listening;
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    // A request the server has received when the signal arrives still gets its answer.
    const inFlight = fetch(`${url}/api/v1/meta`);
    await server.logged('"url":"/api/v1/meta"');
    const t0 = Date.now();
    server.child.kill('SIGTERM');
    expect((await inFlight).status).toBe(200);
    const code = await server.exited;
    expect(code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
    const errorLines = server
      .logs()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .filter((l) => (JSON.parse(l) as { level: number }).level >= 50);
    expect(errorLines).toEqual([]);
    expect(server.logs()).toContain('"msg":"stopped"');
    await pgDatabase?.drop();
  });

  it('refuses to start on a bad configuration, naming the variable', async () => {
    const server = start({ PORT: 'not-a-port' });
    server.listening.catch(() => undefined);
    expect(await server.exited).toBe(1);
    expect(server.logs()).toMatch(/PORT:/);
  });
});
