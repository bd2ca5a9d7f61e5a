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
/**
 * Lines of the codes file: `code`, or `code<TAB>accessToken<TAB>deviceId[<TAB>agency]` for authenticated
 * scenarios; or, when the first line is `#name1<TAB>name2…` (a scenario's sample query), columns
 * filling `{name1}`, `{name2}`….
 */
const rawLines = job.codesFile ? fs.readFileSync(job.codesFile, 'utf8').split('\n').filter(Boolean) : [];
const header = rawLines[0]?.startsWith('#') ? rawLines[0].slice(1).split('\t') : null;
let lines = (header ? rawLines.slice(1) : rawLines).map((l) => l.split('\t'));
// A long run (a soak) re-reads the file: the access tokens in it are renewed beside it.
if (job.reloadSeconds && job.codesFile) {
  const file = job.codesFile;
  setInterval(() => {
    const fresh = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
    if (fresh.length) lines = (header ? fresh.slice(1) : fresh).map((l) => l.split('\t'));
  }, job.reloadSeconds * 1000).unref();
}
/** File contents as bytes, keyed by their placeholder (`{photo1}`…). */
const fileValues = new Map(
  Object.entries(job.templateFiles ?? {}).map(([name, file]): [string, Buffer] => [
    `{${name}}`,
    fs.readFileSync(file),
  ]),
);
/**
 * The body template cut at its file placeholders: text pieces filled per request, file pieces
 * sent as they are. The body is built as bytes, so a 1.2 MB body costs one copy, not the string
 * replacements and UTF-8 encoding of the whole text (the generator shares the machine's cores
 * with the server it measures).
 */
const bodyPieces = job.bodyTemplate
  ? job.bodyTemplate
      .split(
        new RegExp(`(${[...fileValues.keys()].map((k) => k.replace(/[{}]/g, '\\$&')).join('|') || '(?!)'})`),
      )
      .map((piece) => fileValues.get(piece) ?? piece)
  : [];
/** `{seq}`: this worker's request counter, unique per request of a run (fresh idempotency keys). */
const fill = (template: string, fields: string[] = [], prelude = '', seq = '') => {
  let out = template.replaceAll('{prelude}', prelude).replaceAll('{seq}', seq);
  if (header) {
    header.forEach((name, i) => {
      out = out.replaceAll(`{${name}}`, fields[i] ?? '');
    });
    return out;
  }
  const [code = '', token = '', device = '', agency = ''] = fields;
  return out
    .replaceAll('{code}', code)
    .replaceAll('{token}', token)
    .replaceAll('{device}', device)
    .replaceAll('{agency}', agency);
};
const histogram = hdr.build({
  lowestDiscernibleValue: 1,
  highestTrackableValue: 60_000_000,
  numberOfSignificantValueDigits: 3,
});
let next = job.startLine ?? 0;
/** The current interval's answers (intervalSeconds): written out and started afresh on each tick. */
const interval = job.intervalSeconds
  ? {
      index: 0,
      errors: 0,
      histogram: hdr.build({
        lowestDiscernibleValue: 1,
        highestTrackableValue: 60_000_000,
        numberOfSignificantValueDigits: 3,
      }),
    }
  : null;

/** The generator's CPU from here on: the load, not the process's start and its file reads. */
const cpuAtStart = process.cpuUsage();
const instance = autocannon(
  {
    url: job.url,
    connections: job.connections,
    ...(job.timeoutSeconds ? { timeout: job.timeoutSeconds } : {}),
    duration: job.durationSeconds,
    // With a prelude, each measured request costs two: the rate counts both.
    ...(job.rate ? { overallRate: Math.max(1, Math.round(job.rate * (job.prelude ? 2 : 1))) } : {}),
    method: job.method ?? 'GET',
    ...(job.body ? { body: job.body } : {}),
    headers: { 'content-type': 'application/json', ...job.headers },
    requests: [
      ...(job.prelude
        ? [
            {
              method: job.prelude.method,
              path: job.prelude.path,
              ...(job.prelude.body ? { body: job.prelude.body } : {}),
              onResponse: (_status: number, body: string, context: object) => {
                const ctx = context as Record<string, unknown>;
                try {
                  const value = (JSON.parse(body) as Record<string, unknown>)[job.prelude?.capture ?? ''];
                  ctx.prelude = typeof value === 'string' ? value : '';
                } catch {
                  ctx.prelude = '';
                }
              },
            },
          ]
        : []),
      {
        setupRequest: (request, context: object) => {
          const n = next++;
          const seq = `${String(process.pid)}-${String(n)}`;
          const fields = lines.length ? lines[n % lines.length] : undefined;
          const captured = (context as Record<string, unknown>).prelude;
          const prelude = typeof captured === 'string' ? captured : '';
          if (job.pathTemplate) request.path = fill(job.pathTemplate, fields, prelude, seq);
          if (job.bodyTemplate) {
            // File contents are never scanned for placeholders.
            const body = bodyPieces.map((piece) =>
              typeof piece === 'string' ? Buffer.from(fill(piece, fields, prelude, seq)) : piece,
            );
            request.body = body.length === 1 ? body[0] : Buffer.concat(body);
          }
          if (job.headerTemplates) {
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(request.headers ?? {}))
              if (typeof v === 'string') headers[k] = v;
            for (const [k, v] of Object.entries(job.headerTemplates))
              headers[k] = fill(v, fields, prelude, seq);
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
/** With a prelude, a connection's answers alternate prelude, measured request (one request in flight per connection). */
const answered = new Map<unknown, number>();
let measured = 0;
instance.on('response', (client, status, _bytes, responseTime) => {
  if (job.prelude) {
    const n = answered.get(client) ?? 0;
    answered.set(client, n + 1);
    if (n % 2 === 0) return;
  }
  measured++;
  histogram.recordValue(Math.max(1, Math.round(responseTime * 1000)));
  if (interval) {
    interval.histogram.recordValue(Math.max(1, Math.round(responseTime * 1000)));
    if (status < 200 || status > 299) interval.errors++;
  }
});

if (interval && job.intervalSeconds) {
  instance.on('reqError', () => {
    interval.errors++;
  });
  const timer = setInterval(() => {
    process.stdout.write(
      `${JSON.stringify({
        interval: interval.index++,
        count: interval.histogram.totalCount,
        errors: interval.errors,
        histogram: hdr.encodeIntoCompressedBase64(interval.histogram),
      })}\n`,
    );
    interval.histogram.reset();
    interval.errors = 0;
  }, job.intervalSeconds * 1000);
  instance.on('done', () => {
    clearInterval(timer);
  });
}

function done(result: autocannon.Result): void {
  const cpu = process.cpuUsage(cpuAtStart);
  const ms = (p: number) => Math.round(histogram.getValueAtPercentile(p) / 10) / 100;
  process.stdout.write(
    `${JSON.stringify({
      rps: job.prelude ? Math.round(measured / job.durationSeconds) : Math.round(result.requests.average),
      total: job.prelude ? measured : result.requests.total,
      p50_ms: ms(50),
      p95_ms: ms(95),
      p99_ms: ms(99),
      errors: result.errors + result.timeouts + result.non2xx,
      generator_cpu_ms: Math.round((cpu.user + cpu.system) / 1000),
    })}\n`,
  );
}
