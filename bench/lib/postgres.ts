import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

interface Cluster {
  url: string;
  stop(): void;
}

/**
 * A PostgreSQL 15 cluster for the benchmark, in `dir` (kept between runs, so the dataset is
 * loaded once), on a loopback port, run as the `postgres` user when we are root.
 */
export function startCluster(dir: string, port: number): Cluster {
  const asPostgres = (cmd: string[]) => {
    const root = process.getuid?.() === 0;
    const r = root
      ? spawnSync('su', ['postgres', '-s', '/bin/bash', '-c', cmd.map((a) => `'${a}'`).join(' ')], {
          encoding: 'utf8',
        })
      : spawnSync(cmd[0] ?? '', cmd.slice(1), { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed: ${r.stderr}`);
  };
  fs.mkdirSync(dir, { recursive: true });
  if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const data = path.join(dir, 'data');
  if (!fs.existsSync(path.join(data, 'PG_VERSION'))) {
    asPostgres([
      `${PG_BIN}/initdb`,
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C.UTF-8',
    ]);
  }
  // synchronous_commit stays PostgreSQL's default (on), as a deployment keeps it so that a
  // committed sign-in's audit entry survives a crash: each commit writes its WAL itself instead of
  // waking the WAL writer. Measured on the sign-in run (two runs each way, alternated): PostgreSQL
  // CPU 1.40-1.46 ms a sign-in with it on, 1.60-1.97 ms with it off. fsync stays off: this
  // machine's disk is not what the benchmark measures.
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=on -c max_connections=200 -c shared_buffers=1GB -c work_mem=16MB -c maintenance_work_mem=512MB`;
  asPostgres([`${PG_BIN}/pg_ctl`, '-D', data, '-l', path.join(dir, 'log'), '-w', '-o', options, 'start']);
  return {
    // Through the Unix socket in `dir`, as a server co-located with its database connects: on
    // this VM a loopback TCP round trip costs several times a socket one (the database is on the
    // same machine; every process of the run, the baselines included, uses this address).
    url: `postgres://postgres@localhost:${port}/postgres?host=${encodeURIComponent(dir)}`,
    stop: () => {
      try {
        asPostgres([`${PG_BIN}/pg_ctl`, '-D', data, '-m', 'fast', 'stop']);
      } catch {
        // already stopped
      }
    },
  };
}

/**
 * A local Citus cluster for `--engine citus` (issue #28): a coordinator and two workers started by
 * scripts/citus.sh in `dir` (kept between runs, so the dataset is loaded once), ports `port` to
 * `port + 2`; its coordinator's URL (loopback TCP: the script's servers use their own socket dir).
 */
export function startCitusCluster(dir: string, port: number): Cluster {
  const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../scripts/citus.sh');
  const env = { ...process.env, CITUS_PORT: String(port) };
  const start = spawnSync('bash', [script, 'start', dir], { encoding: 'utf8', env });
  const url = start.stdout.trim().split('\n').pop() ?? '';
  if (start.status !== 0 || !url.startsWith('postgres://'))
    throw new Error(`the Citus cluster did not start: ${start.stderr}`);
  return {
    url,
    stop: () => {
      spawnSync('bash', [script, 'stop', dir], { encoding: 'utf8', env });
    },
  };
}
