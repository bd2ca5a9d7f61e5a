import http from 'node:http';
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DatabaseHandle } from '../../db/database';
import type { JobCluster } from '../../jobs/periodic';
import { countOutboxBacklog } from './repository';

/**
 * Prometheus metrics of one API node (issue 28 item 6), in the text format at `/metrics` on a port
 * of its own (METRICS_PORT), never on the public one: requests per route (count and latency), the
 * connection pools, the replica's lag, the outbox's backlog (read from the database at each scrape:
 * the same figure on every node) and the periodic jobs' passes on this node.
 */
export function createMetrics(options: { database: DatabaseHandle; node: string }) {
  const registry = new Registry();
  registry.setDefaultLabels({ node: options.node });
  collectDefaultMetrics({ register: registry });
  const { database } = options;
  const requests = new Counter({
    name: 'vssid_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'vssid_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'vssid_db_pool_connections',
    help: 'Database connections of this node, by pool and state (open, idle, waiting callers)',
    labelNames: ['pool', 'state'] as const,
    registers: [registry],
    collect() {
      for (const p of database.pools()) {
        this.set({ pool: p.name, state: 'open' }, p.total);
        this.set({ pool: p.name, state: 'idle' }, p.idle);
        this.set({ pool: p.name, state: 'waiting' }, p.waiting);
      }
    },
  });
  if (database.replica) {
    const monitor = database.replica;
    new Gauge({
      name: 'vssid_replica_lag_bytes',
      help: 'WAL bytes the replica has not replayed yet (-1: not measured)',
      registers: [registry],
      collect() {
        this.set(monitor.lag()?.bytes ?? -1);
      },
    });
    new Gauge({
      name: 'vssid_replica_lag_seconds',
      help: 'How long ago the primary stood where the replica stands (-1: not measured)',
      registers: [registry],
      collect() {
        const lag = monitor.lag();
        this.set(lag ? lag.ms / 1000 : -1);
      },
    });
  }
  new Gauge({
    name: 'vssid_outbox_backlog',
    help: 'Messages in the outbox not delivered yet, by channel',
    labelNames: ['channel'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await countOutboxBacklog(database.db)) this.set({ channel: row.channel }, row.n);
    },
  });
  const runs = new Counter({
    name: 'vssid_job_runs_total',
    help: 'Timed passes of the periodic jobs on this node: ran, failed, or skipped (another node had the tick)',
    labelNames: ['job', 'outcome'] as const,
    registers: [registry],
  });
  const runSeconds = new Histogram({
    name: 'vssid_job_run_duration_seconds',
    help: "Time of the periodic jobs' timed passes on this node",
    labelNames: ['job'] as const,
    buckets: [0.01, 0.1, 1, 10, 60, 600],
    registers: [registry],
  });

  const jobs: JobCluster = {
    db: database.engine === 'postgres' ? database.db : null,
    record(job, outcome, seconds) {
      runs.inc({ job, outcome });
      if (outcome !== 'skipped') runSeconds.observe({ job }, seconds);
    },
  };

  return {
    jobs,
    /** Counts every answered request by its route pattern (not its URL: bounded labels). */
    observe(app: FastifyInstance) {
      app.addHook('onResponse', async (request, reply) => {
        const route = request.routeOptions.url ?? 'unmatched';
        requests.inc({ method: request.method, route, status: String(reply.statusCode) });
        latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
      });
    },
    /** Serves `/metrics` on its own port; resolves with the server (closed with the app). */
    async serve(host: string, port: number): Promise<http.Server> {
      const server = http.createServer((req, res) => {
        if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
          res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
          return;
        }
        registry.metrics().then(
          (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
          () => res.writeHead(503, { 'content-type': 'text/plain' }).end('metrics unavailable\n'),
        );
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      return server;
    },
  };
}
