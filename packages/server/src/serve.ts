import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import type { Config } from './config';

export interface ServeOptions {
  /** Runs after the app is built and before it listens (e.g. loading demo data); returns lines for the banner. */
  beforeListen?: (app: FastifyInstance) => Promise<string[]>;
}

/**
 * Builds the app, listens, prints where everything is, and shuts down gracefully on SIGTERM /
 * SIGINT: stop accepting, finish requests in flight, close the database, exit 0 (exit 1 when
 * closing takes longer than `shutdownTimeoutMs`).
 */
export async function serve(config: Config, options: ServeOptions = {}): Promise<FastifyInstance> {
  const app = await buildApp(config);
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    const timer = setTimeout(() => {
      app.log.warn({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown took too long; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    app.close().then(
      () => {
        app.log.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        app.log.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);

  const extra = options.beforeListen ? await options.beforeListen(app) : [];
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.publicUrl.replace(/:\d+$/, `:${port}`);
  const db =
    app.database.engine === 'pglite'
      ? `embedded PGlite at ${app.database.location}`
      : `PostgreSQL ${app.database.location}`;
  process.stdout.write(
    [
      '',
      `  VssID – Bảo hiểm xã hội số is running`,
      `  App:       ${url}/`,
      `  Officers:  ${url}/officer   Employers: ${url}/employer   Clinics: ${url}/clinic`,
      `  API docs:  ${url}/api/docs  (OpenAPI: ${url}/api/openapi.json)`,
      `  Database:  ${db}`,
      ...extra.map((line) => `  ${line}`),
      '',
      '',
    ].join('\n'),
  );
  return app;
}
