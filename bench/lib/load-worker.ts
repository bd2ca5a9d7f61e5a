/**
 * The load generator, in its own process so it does not share a core's event loop with the
 * server: drives one URL pattern with autocannon and prints one JSON line of results.
 * Input (argv[2]): a `LoadJob` as JSON.
 */
import fs from 'node:fs';
import autocannon from 'autocannon';
import * as hdr from 'hdr-histogram-js';
import type { LoadJob } from './load';

const job = JSON.parse(process.argv[2] ?? '{}') as LoadJob;
/** Lines of the codes file: `code`, or `code<TAB>accessToken<TAB>deviceId` for authenticated scenarios. */
const lines = job.codesFile
  ? fs
      .readFileSync(job.codesFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t'))
  : [];
const fill = (template: string, [code = '', token = '', device = ''] = [] as string[]) =>
  template.replaceAll('{code}', code).replaceAll('{token}', token).replaceAll('{device}', device);
const histogram = hdr.build({
  lowestDiscernibleValue: 1,
  highestTrackableValue: 60_000_000,
  numberOfSignificantValueDigits: 3,
});
let next = 0;

const instance = autocannon(
  {
    url: job.url,
    connections: job.connections,
    duration: job.durationSeconds,
    method: job.method ?? 'GET',
    ...(job.body ? { body: job.body } : {}),
    headers: { 'content-type': 'application/json', ...job.headers },
    requests: [
      {
        setupRequest: (request) => {
          const fields = lines.length ? lines[next++ % lines.length] : undefined;
          if (job.pathTemplate) request.path = fill(job.pathTemplate, fields);
          if (job.bodyTemplate) request.body = fill(job.bodyTemplate, fields);
          if (job.headerTemplates) {
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(request.headers ?? {}))
              if (typeof v === 'string') headers[k] = v;
            for (const [k, v] of Object.entries(job.headerTemplates)) headers[k] = fill(v, fields);
            request.headers = headers;
          }
          return request;
        },
      },
    ],
  },
  (error, result) => {
    if (error) {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    }
    done(result);
  },
);
instance.on('response', (_client, _status, _bytes, responseTime) => {
  histogram.recordValue(Math.max(1, Math.round(responseTime * 1000)));
});

function done(result: autocannon.Result): void {
  const ms = (p: number) => Math.round(histogram.getValueAtPercentile(p) / 10) / 100;
  process.stdout.write(
    `${JSON.stringify({
      rps: Math.round(result.requests.average),
      total: result.requests.total,
      p50_ms: ms(50),
      p95_ms: ms(95),
      p99_ms: ms(99),
      errors: result.errors + result.timeouts + result.non2xx,
    })}\n`,
  );
}
