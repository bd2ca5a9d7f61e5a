import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as hdr from 'hdr-histogram-js';
import { type LoadJob, type LoadResult, runLoad } from './load';
import { rssMb } from './processes';

/**
 * The soak (issue #22 item 5): a mix of read and write scenarios at 70 % of the capacity measured
 * just before, for a fixed time, against one server; its RSS and the mix's p95 window by window.
 *
 * Capacity: each scenario alone, closed loop (the benchmark's connections, as `npm run bench`
 * measures it), gives C_i requests a second. The mix sends a share w_i of its requests to scenario
 * i, so its capacity is 1 / Σ w_i / C_i (the scenarios share the same cores); the soak runs at
 * 70 % of that, each scenario at w_i of the rate, as an open load (a request is sent on schedule
 * whether or not the last was answered, so a slower server is seen as latency, not hidden).
 *
 * Windows of a minute (a quarter of the duration when shorter than four minutes, to test it).
 * Pass criteria:
 * - 0 errors (non-2xx answers, timeouts, connection errors) over the whole soak;
 * - server RSS growth < 10 %: the RSS at the end of the last window against the RSS at the end of
 *   the first window (the warm-up: caches, JIT, pools filled);
 * - p95 stable: the median of the window p95s (the whole mix's) over the last third of the
 *   windows after the warm-up ≤ 1.5 × the median over the first third. A third rather than one
 *   window each (the last against the first): on a shared machine one window can be slow for
 *   reasons outside the system, while a drift (a leak, a growing table scanned, a queue) moves a
 *   third. The plain last-window ratio is reported beside it.
 */

/** A scenario of the soak: its load (without rate and duration) and its share of the requests. */
export interface SoakScenario {
  name: string;
  kind: 'read' | 'write';
  job: LoadJob;
  share: number;
  /** Each request uses up its sample line: no warm-up, and the soak starts after the lines used. */
  consumesSample?: boolean;
}

interface SoakOptions {
  durationSeconds: number;
  capacitySeconds: number;
  warmupSeconds: number;
  serverPid: number | undefined;
  log: (line: string) => void;
  /**
   * Renews the callers' access tokens in their files (they live 10 minutes); called before the
   * soak and every 4 minutes during it, the load generators re-reading their files every minute.
   */
  renewTokens: () => Promise<void>;
}

interface Window {
  index: number;
  count: number;
  errors: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  rss_mb: number | null;
  /** The machine's 1-minute load average at the window's end (other work on a shared machine shows here). */
  load_avg: number | null;
  per_scenario: Record<string, { count: number; errors: number; p95_ms: number }>;
}

interface SoakResult {
  fraction: number;
  window_s: number;
  capacity: { name: string; kind: string; share: number; rps: number; p95_ms: number; errors: number }[];
  mix_capacity_rps: number;
  target_rps: number;
  scenarios: {
    name: string;
    kind: string;
    target_rps: number;
    achieved_rps: number;
    total: number;
    errors: number;
    p95_ms: number;
  }[];
  windows: Window[];
  errors: number;
  rss: {
    after_warmup_mb: number | null;
    last_mb: number | null;
    max_mb: number | null;
    growth_pct: number | null;
  };
  p95: {
    first_third_ms: number | null;
    last_third_ms: number | null;
    ratio: number | null;
    first_after_warmup_ms: number | null;
    last_ms: number | null;
    last_to_first_ratio: number | null;
  };
  pass: { errors: boolean; rss: boolean; p95: boolean; all: boolean };
}

const FRACTION = 0.7;
const worker = path.join(path.dirname(fileURLToPath(import.meta.url)), 'load-worker.ts');
const ms = (h: hdr.Histogram, p: number) => Math.round(h.getValueAtPercentile(p) / 10) / 100;
const newHistogram = () =>
  hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60_000_000,
    numberOfSignificantValueDigits: 3,
  });

export async function runSoak(scenarios: SoakScenario[], o: SoakOptions): Promise<SoakResult> {
  const capacity: SoakResult['capacity'] = [];
  const used = new Map<string, number>();
  for (const s of scenarios) {
    o.log(`soak: capacity of ${s.name}…`);
    const job = { ...s.job, durationSeconds: o.capacitySeconds };
    if (o.warmupSeconds > 0 && !s.consumesSample) await runLoad({ ...job, durationSeconds: o.warmupSeconds });
    const r = await runLoad(job);
    // Requests sent but unanswered at the end used up their lines too: a margin of one per connection.
    used.set(s.name, r.total + s.job.connections);
    capacity.push({
      name: s.name,
      kind: s.kind,
      share: s.share,
      rps: r.rps,
      p95_ms: r.p95_ms,
      errors: r.errors,
    });
  }
  const shares = scenarios.reduce((sum, s) => sum + s.share, 0);
  const mixCapacity = 1 / capacity.reduce((sum, c) => sum + c.share / shares / Math.max(c.rps, 0.001), 0);
  const target = mixCapacity * FRACTION;
  const windowSeconds = o.durationSeconds >= 240 ? 60 : Math.max(5, Math.floor(o.durationSeconds / 4));
  const windowCount = Math.floor(o.durationSeconds / windowSeconds);
  o.log(
    `soak: mix capacity ${Math.round(mixCapacity)} requests/s; ${o.durationSeconds} s at ${Math.round(target)}/s (70 %), windows of ${windowSeconds} s`,
  );

  await o.renewTokens();
  const renewal = setInterval(() => {
    o.renewTokens().catch((err: unknown) => {
      o.log(`soak: renewing the tokens failed: ${String(err)}`);
    });
  }, 240_000);
  const windows = Array.from({ length: windowCount }, (_, index): OpenWindow => ({
    index,
    histogram: newHistogram(),
    errors: 0,
    rss: null,
    load: null,
    per: {},
  }));
  // The server's RSS at the end of each window, read here on the same clock as the windows.
  const started = Date.now();
  const rssTimers = windows.map((w) =>
    setTimeout(
      () => {
        w.rss = rssMb(o.serverPid);
        w.load = Math.round((os.loadavg()[0] ?? 0) * 10) / 10;
      },
      (w.index + 1) * windowSeconds * 1000 - 200,
    ),
  );
  const runs = scenarios.map((s) => {
    const rate = (target * s.share) / shares;
    const job: LoadJob = {
      ...s.job,
      rate,
      // One extra second: the last window's line is written before the run ends.
      durationSeconds: windowCount * windowSeconds + 1,
      intervalSeconds: windowSeconds,
      reloadSeconds: 60,
      ...(s.consumesSample ? { startLine: used.get(s.name) ?? 0 } : {}),
    };
    return streamLoad(job, (line) => {
      const w = windows[line.interval];
      if (!w) return;
      const h = hdr.decodeFromCompressedBase64(line.histogram);
      w.histogram.add(h);
      w.errors += line.errors;
      w.per[s.name] = { count: line.count, errors: line.errors, p95_ms: ms(h, 95) };
    }).then((r) => ({ s, rate, r }));
  });
  const results = await Promise.all(runs);
  rssTimers.forEach(clearTimeout);
  clearInterval(renewal);
  o.log(`soak: done after ${Math.round((Date.now() - started) / 1000)} s`);

  const out: Window[] = windows.map((w) => ({
    index: w.index,
    count: w.histogram.totalCount,
    errors: w.errors,
    p50_ms: ms(w.histogram, 50),
    p95_ms: ms(w.histogram, 95),
    p99_ms: ms(w.histogram, 99),
    rss_mb: w.rss,
    load_avg: w.load,
    per_scenario: w.per,
  }));
  const errors = results.reduce((sum, x) => sum + x.r.errors, 0);
  const afterWarmup = out[0]?.rss_mb ?? null;
  const last = out.at(-1)?.rss_mb ?? null;
  const rssValues = out.map((w) => w.rss_mb).filter((v): v is number => v !== null);
  const growth = afterWarmup && last ? Math.round(((last - afterWarmup) / afterWarmup) * 1000) / 10 : null;
  const firstP95 = out[1]?.p95_ms ?? null;
  const lastP95 = out.at(-1)?.p95_ms ?? null;
  const measured = out.slice(1);
  const third = Math.max(1, Math.floor(measured.length / 3));
  const firstThird = median(measured.slice(0, third).map((w) => w.p95_ms));
  const lastThird = median(measured.slice(-third).map((w) => w.p95_ms));
  const ratio = firstThird && lastThird ? Math.round((lastThird / firstThird) * 100) / 100 : null;
  const pass = {
    errors: errors === 0,
    rss: growth !== null && growth < 10,
    p95: ratio !== null && ratio <= 1.5,
  };
  return {
    fraction: FRACTION,
    window_s: windowSeconds,
    capacity,
    mix_capacity_rps: Math.round(mixCapacity),
    target_rps: Math.round(target),
    scenarios: results.map(({ s, rate, r }) => ({
      name: s.name,
      kind: s.kind,
      target_rps: Math.round(rate * 10) / 10,
      achieved_rps: Math.round((r.total / (windowCount * windowSeconds + 1)) * 10) / 10,
      total: r.total,
      errors: r.errors,
      p95_ms: r.p95_ms,
    })),
    windows: out,
    errors,
    rss: {
      after_warmup_mb: afterWarmup,
      last_mb: last,
      max_mb: rssValues.length ? Math.max(...rssValues) : null,
      growth_pct: growth,
    },
    p95: {
      first_third_ms: firstThird,
      last_third_ms: lastThird,
      ratio,
      first_after_warmup_ms: firstP95,
      last_ms: lastP95,
      last_to_first_ratio: firstP95 && lastP95 ? Math.round((lastP95 / firstP95) * 100) / 100 : null,
    },
    pass: { ...pass, all: pass.errors && pass.rss && pass.p95 },
  };
}

/** A window being filled: the merged histogram of every scenario's interval. */
interface OpenWindow {
  index: number;
  histogram: hdr.Histogram;
  errors: number;
  rss: number | null;
  load: number | null;
  per: Window['per_scenario'];
}

function median(values: number[]): number | null {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  const [lower, upper] = [sorted[mid - 1], sorted[mid]];
  if (upper === undefined) return null;
  return sorted.length % 2 || lower === undefined ? upper : Math.round(((lower + upper) / 2) * 100) / 100;
}

interface IntervalLine {
  interval: number;
  count: number;
  errors: number;
  histogram: string;
}

/** One load generator process, its interval lines handed over as they come, its final figures returned. */
function streamLoad(job: LoadJob, onInterval: (line: IntervalLine) => void): Promise<LoadResult> {
  if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])[:/]/.test(job.url))
    throw new Error('load tests target loopback addresses only');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', worker, JSON.stringify(job)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buffered = '';
    let final: LoadResult | null = null;
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.trim()) continue;
        const parsed = JSON.parse(line) as IntervalLine | LoadResult;
        if ('interval' in parsed) onInterval(parsed);
        else final = parsed;
      }
    });
    // Bounded: killed a minute after its end at the latest.
    const timer = setTimeout(
      () => child.kill('SIGKILL'),
      (job.durationSeconds + 60 + (job.timeoutSeconds ?? 0)) * 1000,
    );
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (final) resolve(final);
      else reject(new Error(`soak load generator failed (exit ${code})`));
    });
  });
}

/**
 * The soak's mix: each scenario's share of the requests (bench/scenarios.ts names). Reads as a
 * citizen's app and the public pages send them, and the writes: look-ups (match tokens and audit
 * entries), sign-ins (sessions, refresh tokens, audit) and registrations (dossiers, photos, PDFs,
 * outbox, audit).
 */
export const SOAK_MIX: Readonly<Record<string, number>> = {
  'card-view': 25,
  participation: 15,
  'medical-history': 10,
  benefits: 5,
  'directory-search': 15,
  'officer-queue': 5,
  'bhxh-code-lookup': 12,
  signin: 10,
  'registration-submit': 3,
};
export const SOAK_WRITES: ReadonlySet<string> = new Set([
  'bhxh-code-lookup',
  'signin',
  'registration-submit',
]);

const yes = (ok: boolean) => (ok ? 'pass' : '**FAIL**');
const num = (v: number | null) => (v === null ? '–' : String(v));

/** bench/results/soak.md. */
export function soakMarkdown(
  r: SoakResult & {
    commit: string;
    date: string;
    machine: { cpus: number; cpu: string; memory_gb: number; node: string; postgres: string };
    dataset: { persons: number; rows: number; size: string };
    settings: { duration_s: number; capacity_run_s: number; warmup_s: number; connections: number };
    audit: { entries: number; chains: number; breaks: number; holds: boolean };
    pass: SoakResult['pass'] & { audit: boolean };
  },
): string {
  const lines = [
    '# Soak (`npm run bench -- --soak`)',
    '',
    `Commit \`${r.commit}\`, ${r.date}. ${r.machine.cpus} × ${r.machine.cpu}, ${r.machine.memory_gb} GB, Node ${r.machine.node}, PostgreSQL ${r.machine.postgres}. Dataset: ${r.dataset.persons.toLocaleString('en')} persons, ${r.dataset.rows.toLocaleString('en')} rows, ${r.dataset.size}.`,
    '',
    `**Result: ${r.pass.all ? 'pass' : 'FAIL'}.** ${r.settings.duration_s} s at ${Math.round(r.fraction * 100)} % of the measured capacity of the mix (${r.target_rps} of ${r.mix_capacity_rps} requests/s), windows of ${r.window_s} s; the first window is the warm-up.`,
    '',
    '| Criterion | Measured | Verdict |',
    '| --- | --- | --- |',
    `| 0 errors (non-2xx, timeouts, connection errors) | ${r.errors} | ${yes(r.pass.errors)} |`,
    `| server RSS growth < 10 % (end of the last window against the end of the warm-up window) | ${num(r.rss.after_warmup_mb)} → ${num(r.rss.last_mb)} MB (max ${num(r.rss.max_mb)}): ${num(r.rss.growth_pct)} % | ${yes(r.pass.rss)} |`,
    `| the audit chains hold after the soak (\`audit:verify\` on the soak's database) | ${r.audit.entries} entries in ${r.audit.chains} chains, ${r.audit.breaks} broken | ${yes(r.pass.audit)} |`,
    `| p95 stable: median window p95 of the last third ≤ 1.5 × that of the first third after the warm-up (all requests of the mix) | ${num(r.p95.first_third_ms)} → ${num(r.p95.last_third_ms)} ms: × ${num(r.p95.ratio)} (last window against the first after the warm-up: ${num(r.p95.first_after_warmup_ms)} → ${num(r.p95.last_ms)} ms, × ${num(r.p95.last_to_first_ratio)}) | ${yes(r.pass.p95)} |`,
    '',
    '## Capacity (each scenario alone, closed loop)',
    '',
    `${r.settings.connections} connections, ${r.settings.capacity_run_s} s each after ${r.settings.warmup_s} s unmeasured (none for a scenario that uses up its sample). The mix's capacity is 1 / Σ share / capacity.`,
    '',
    '| Scenario | Kind | Share | Capacity (req/s) | p95 (ms) | Errors |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...r.capacity.map((c) => `| ${c.name} | ${c.kind} | ${c.share} | ${c.rps} | ${c.p95_ms} | ${c.errors} |`),
    '',
    '## The soak, per scenario',
    '',
    '| Scenario | Kind | Target (req/s) | Achieved (req/s) | Requests | Errors | p95 (ms) |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...r.scenarios.map(
      (s) =>
        `| ${s.name} | ${s.kind} | ${s.target_rps} | ${s.achieved_rps} | ${s.total} | ${s.errors} | ${s.p95_ms} |`,
    ),
    '',
    '## Window by window',
    '',
    '| Window | Requests | Errors | p50 (ms) | p95 (ms) | p99 (ms) | Server RSS (MB) | Machine load (1 min) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...r.windows.map(
      (w) =>
        `| ${w.index + 1}${w.index === 0 ? ' (warm-up)' : ''} | ${w.count} | ${w.errors} | ${w.p50_ms} | ${w.p95_ms} | ${w.p99_ms} | ${num(w.rss_mb)} | ${num(w.load_avg)} |`,
    ),
    '',
    'The load generators, the server and PostgreSQL share the machine, which other work (other sessions building and testing) shared too during the run: latencies carry that noise.',
    '',
  ];
  return lines.join('\n');
}
