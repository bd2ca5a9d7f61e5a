/**
 * npm run bench:web [-- --check] [-- --runs 3] [-- --lhr-dir DIR]
 *
 * Lighthouse 12 (mobile preset: Moto G Power viewport, simulated slow 4G and 4× CPU slowdown) on
 * the citizen app as `npm start` serves it: builds the PWA when stale, starts scripts/start.ts on a
 * free loopback port with an in-memory database and the demo nation, signs a demo citizen in
 * through the API (password, then the new device's OTP from the development inbox) and audits `/`,
 * `/sign-in` and the signed-in card page `/card` (the session's cookies sent with every request)
 * in the system's Chromium. Each page is audited `--runs` times, in a fresh Chromium each time;
 * the median run by performance score is reported, with the spread. Writes bench/results/web.md
 * and web.json; `--check` exits 1 when a budget (issue #20, item 11) is missed.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type Flags, type Result } from 'lighthouse';
import puppeteer, { type CookieData } from 'puppeteer-core';
import { CHROMIUM_FLAGS, findChromium } from '../scripts/chromium';
import { ensureWebBuild } from '../scripts/web-build';
import { stopProcess } from './lib/processes';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const { values } = parseArgs({
  options: {
    check: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    /** A folder to keep each run's full Lighthouse report in (JSON), for a closer look. */
    'lhr-dir': { type: 'string' },
  },
});
const runs = Math.max(1, Number(values.runs));
const chromePath = process.env.CHROME_PATH ?? findChromium() ?? '/usr/bin/chromium';

/** Issue #20, item 11. */
export const WEB_BUDGETS = { performance: 90, accessibility: 100, citizenHomeJsKb: 150 } as const;
const DEMO_PASSWORD = 'VssID-Demo-2026';
const PAGES = [
  { name: 'home', path: '/', signedIn: false },
  { name: 'sign-in', path: '/sign-in', signedIn: false },
  { name: 'card (signed in)', path: '/card', signedIn: true },
] as const;

const log = (line: string) => {
  process.stderr.write(`[bench:web] ${line}\n`);
};

/** `scripts/start.ts` (the system as `npm start` runs it) on a free port; its banner's lines. */
async function startSystem(): Promise<{ url: string; banner: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/start.ts')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_IN_MEMORY: 'true',
      LOAD_DEMO_DATA: 'true',
      DEMO: 'true',
      DEV_INBOX: 'true',
      OUTBOX_POLL_MS: '200',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      // The banner ends with the demo sign-ins: wait for the whole of it.
      const m = /App: +(http:\/\/\S+?)\/?\s[\s\S]*kcb\.demo/.exec(out);
      if (m?.[1]) {
        clearInterval(timer);
        resolve(m[1]);
      }
    }, 200);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`scripts/start.ts exited with ${String(code)}:\n${out}`));
    });
  });
  return { url, banner: out, stop: () => stopProcess(child) };
}

/** Signs a demo citizen in through the API; returns the session's cookies (`Set-Cookie` values). */
async function signInDemoCitizen(url: string, username: string): Promise<string[]> {
  const jar = new Map<string, string>();
  const post = async (p: string, body: unknown) => {
    const res = await fetch(`${url}/api/v1/auth/sign-in${p}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: [...jar.values()].map((c) => c.split(';')[0]).join('; '),
      },
      body: JSON.stringify(body),
    });
    // The last value of each cookie wins (the device's cookie, then the session's).
    for (const c of res.headers.getSetCookie()) jar.set(c.split('=')[0] ?? '', c);
    return res;
  };
  const first = await post('', { username, password: DEMO_PASSWORD });
  let body = (await first.json()) as { status: string; challengeId?: string };
  if (body.status === 'otp_required') {
    let code: string | undefined;
    for (let i = 0; i < 50 && !code; i++) {
      const inbox = (await (await fetch(`${url}/dev/inbox/messages?limit=5`)).json()) as {
        messages: { template: string; payload: { text?: string } }[];
      };
      code = /\b(\d{6})\b/.exec(
        inbox.messages.find((m) => m.template.startsWith('otp.'))?.payload.text ?? '',
      )?.[1];
      if (!code) await new Promise((r) => setTimeout(r, 200));
    }
    if (!code) throw new Error('no OTP reached the development inbox');
    const otp = await post('/otp', { challengeId: body.challengeId, code });
    body = (await otp.json()) as typeof body;
  }
  if (body.status !== 'signed_in') throw new Error(`demo sign-in of ${username}: ${JSON.stringify(body)}`);
  return [...jar.values()];
}

export interface PageFigures {
  performance: number;
  accessibility: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  speedIndexMs: number;
  /** Scripts the page itself downloaded during the load (compressed bytes on the wire). */
  jsKb: number;
  jsRequests: number;
  /** Everything the page downloaded during the load. */
  totalKb: number;
}

type Request = { url: string; resourceType?: string; transferSize?: number; sessionTargetType?: string };

/** The figures of one Lighthouse report. */
export function figuresOf(lhr: Result): PageFigures {
  const audit = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
  const requests =
    (lhr.audits['network-requests']?.details as { items?: Request[] } | undefined)?.items ?? [];
  // The page's own requests: not the service worker's precache downloads after the load.
  const own = requests.filter((r) => !r.sessionTargetType || r.sessionTargetType === 'page');
  const scripts = own.filter((r) => r.resourceType === 'Script');
  const kb = (list: Request[]) => list.reduce((s, r) => s + (r.transferSize ?? 0), 0) / 1024;
  return {
    performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
    fcpMs: audit('first-contentful-paint'),
    lcpMs: audit('largest-contentful-paint'),
    tbtMs: audit('total-blocking-time'),
    cls: audit('cumulative-layout-shift'),
    speedIndexMs: audit('speed-index'),
    jsKb: kb(scripts),
    jsRequests: scripts.length,
    totalKb: kb(own),
  };
}

const SAME_SITE: Record<string, CookieData['sameSite']> = { strict: 'Strict', lax: 'Lax', none: 'None' };

/** A `Set-Cookie` value as the browser would keep it for `url`. */
function cookieData(setCookie: string, url: string): CookieData {
  const [pair = '', ...attributes] = setCookie.split(';').map((p) => p.trim());
  const at = pair.indexOf('=');
  const attribute = (name: string) => attributes.find((a) => a.toLowerCase().startsWith(name))?.split('=')[1];
  const sameSite = attribute('samesite');
  return {
    name: pair.slice(0, at),
    value: pair.slice(at + 1),
    domain: new URL(url).hostname,
    path: attribute('path') ?? '/',
    httpOnly: attributes.some((a) => a.toLowerCase() === 'httponly'),
    secure: attributes.some((a) => a.toLowerCase() === 'secure'),
    ...(sameSite ? { sameSite: SAME_SITE[sameSite.toLowerCase()] } : {}),
  };
}

async function audit(url: string, cookies: string[]): Promise<Result> {
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: ['--headless', ...CHROMIUM_FLAGS],
  });
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${String(chrome.port)}` });
  try {
    // The session of a signed-in page: the browser's own cookies (the app reads the CSRF one),
    // which Lighthouse keeps when it clears the origin's storage.
    if (cookies.length)
      await browser.defaultBrowserContext().setCookie(...cookies.map((c) => cookieData(c, url)));
    const flags: Flags = {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
    };
    // No config: Lighthouse's default, the mobile preset with simulated throttling.
    const result = await lighthouse(url, flags, undefined, await browser.newPage());
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    if (result.lhr.runtimeError) throw new Error(`${url}: ${result.lhr.runtimeError.message}`);
    return result.lhr;
  } finally {
    await browser.disconnect();
    chrome.kill();
  }
}

/**
 * Lighthouse sometimes fails to record the trace of a load on a busy machine (NO_NAVSTART,
 * NO_FCP): such a run is measured again, at most twice, and said so. A figure is never invented.
 */
async function auditWithRetries(url: string, cookies: string[]): Promise<Result> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await audit(url, cookies);
    } catch (error) {
      if (attempt === 3) throw error;
      log(`${url}: ${error instanceof Error ? error.message : String(error)}; measuring again`);
    }
  }
}

const fmtMs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const spread = (xs: number[], f: (x: number) => string) =>
  xs.length > 1 ? `${f(Math.min(...xs))} – ${f(Math.max(...xs))}` : '—';

function median<T>(xs: T[], key: (x: T) => number): T {
  const sorted = [...xs].sort((a, b) => key(a) - key(b));
  const mid = sorted[Math.floor((sorted.length - 1) / 2)];
  if (!mid) throw new Error('no runs');
  return mid;
}

ensureWebBuild((line) => {
  log(line);
});
const system = await startSystem();
const results: { name: string; path: string; runs: PageFigures[]; median: PageFigures }[] = [];
let lighthouseVersion = '';
/** The machine's 1-minute load average before each run: TBT follows it (the CPU work is measured, then multiplied). */
const loads: number[] = [];
let chromeVersion = '';
try {
  const username = /insured, owed months\s+(\d{10})/.exec(system.banner)?.[1];
  if (!username) throw new Error(`no demo citizen in the start banner:\n${system.banner}`);
  log(`system at ${system.url}; demo citizen ${username}`);
  const cookies = await signInDemoCitizen(system.url, username);
  for (const page of PAGES) {
    const figures: PageFigures[] = [];
    for (let i = 0; i < runs; i++) {
      loads.push(os.loadavg()[0] ?? 0);
      const lhr = await auditWithRetries(system.url + page.path, page.signedIn ? cookies : []);
      if (page.signedIn && new URL(lhr.finalDisplayedUrl).pathname !== page.path)
        throw new Error(`${page.path} ended at ${lhr.finalDisplayedUrl}: the session did not hold`);
      lighthouseVersion = lhr.lighthouseVersion;
      chromeVersion = lhr.environment.hostUserAgent.match(/Chrome\/([\d.]+)/)?.[1] ?? '';
      if (values['lhr-dir']) {
        fs.mkdirSync(values['lhr-dir'], { recursive: true });
        const file = `${page.path === '/' ? 'home' : page.path.slice(1)}-${String(i + 1)}.json`;
        fs.writeFileSync(path.join(values['lhr-dir'], file), JSON.stringify(lhr));
      }
      const f = figuresOf(lhr);
      figures.push(f);
      log(
        `${page.name} run ${String(i + 1)}: performance ${String(f.performance)}, accessibility ${String(f.accessibility)}, FCP ${fmtMs(f.fcpMs)}, LCP ${fmtMs(f.lcpMs)}, TBT ${String(Math.round(f.tbtMs))} ms, JS ${f.jsKb.toFixed(1)} KB`,
      );
      if (f.accessibility < 100) {
        const failing = Object.values(lhr.audits)
          .filter((a) => a.score === 0 && lhr.categories.accessibility?.auditRefs.some((r) => r.id === a.id))
          .map((a) => a.id);
        log(`  accessibility audits failing: ${failing.join(', ')}`);
      }
    }
    results.push({
      name: page.name,
      path: page.path,
      runs: figures,
      median: median(figures, (f) => f.performance),
    });
  }
} finally {
  await system.stop();
}

const misses: string[] = [];
for (const r of results) {
  if (r.median.performance < WEB_BUDGETS.performance)
    misses.push(
      `${r.path}: performance ${String(r.median.performance)} < ${String(WEB_BUDGETS.performance)}`,
    );
  if (r.median.accessibility < WEB_BUDGETS.accessibility)
    misses.push(
      `${r.path}: accessibility ${String(r.median.accessibility)} < ${String(WEB_BUDGETS.accessibility)}`,
    );
}
const home = results.find((r) => r.path === '/');
if (home && home.median.jsKb > WEB_BUDGETS.citizenHomeJsKb)
  misses.push(
    `/: ${home.median.jsKb.toFixed(1)} KB of JavaScript > ${String(WEB_BUDGETS.citizenHomeJsKb)} KB`,
  );

const row = (r: (typeof results)[number]) => {
  const m = r.median;
  return `| \`${r.path}\`${r.name === 'card (signed in)' ? ' (signed in)' : ''} | ${String(m.performance)} (${spread(
    r.runs.map((f) => f.performance),
    String,
  )}) | ${String(m.accessibility)} | ${fmtMs(m.fcpMs)} | ${fmtMs(m.lcpMs)} | ${String(Math.round(m.tbtMs))} ms (${spread(
    r.runs.map((f) => f.tbtMs),
    (x) => String(Math.round(x)),
  )}) | ${m.cls.toFixed(3)} | ${fmtMs(m.speedIndexMs)} | ${m.jsKb.toFixed(1)} KB in ${String(m.jsRequests)} | ${m.totalKb.toFixed(1)} KB |`;
};
const md = `# Web performance (Lighthouse)

Measured by \`npm run bench:web\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: Lighthouse ${lighthouseVersion}, mobile preset (simulated slow 4G, 150 ms RTT, 1.6 Mbit/s, 4× CPU slowdown), Chromium ${chromeVersion} (${chromePath}), the system as \`npm start\` runs it (production build, precompressed assets, in-memory database with the demo nation) on loopback. ${String(runs)} run(s) per page, each in a fresh Chromium; the median run by performance score is shown, the spread over the runs in brackets. The card page is audited with the session of a demo citizen signed in through the API. The machine (${String(os.cpus().length)} cores, shared) had a 1-minute load average of ${spread(loads, (x) => x.toFixed(1))} before the runs: TBT is the measured main-thread work multiplied by 4, so it moves with that load.

| page | performance | accessibility | FCP | LCP | TBT | CLS | Speed Index | JavaScript (compressed) | everything |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${results.map(row).join('\n')}

JavaScript: the scripts the page downloaded until Lighthouse saw the network and the main thread quiet (the app, the router, the chunk of the page, the catalogs of one language), as transferred (brotli); the service worker's precache downloads after the load are not counted.

Budgets (issue #20, item 11): performance ≥ ${String(WEB_BUDGETS.performance)} and accessibility ${String(WEB_BUDGETS.accessibility)} on every page; at most ${String(WEB_BUDGETS.citizenHomeJsKb)} KB of JavaScript before the home page is interactive. ${misses.length ? `**Missed:** ${misses.join('; ')}.` : 'All met.'}
`;
fs.mkdirSync(path.join(here, 'results'), { recursive: true });
fs.writeFileSync(path.join(here, 'results/web.md'), md);
fs.writeFileSync(
  path.join(here, 'results/web.json'),
  JSON.stringify({ lighthouseVersion, chromeVersion, runs, budgets: WEB_BUDGETS, results, misses }, null, 2) +
    '\n',
);
process.stdout.write(md);
if (values.check && misses.length) {
  log(`budgets missed: ${misses.join('; ')}`);
  process.exit(1);
}
