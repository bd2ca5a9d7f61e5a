import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeInOrder,
  collectErrors,
  DESKTOP_CONTEXT,
  launchBrowser,
  PHONE_CONTEXT,
  startSystem,
} from './support';

/**
 * Issue #20, items 4 and 11 in the browser: a deep link with a dot opens the app from a fresh tab
 * and after a reload (not the server's problem+json), and a citizen's pages download none of the
 * back offices' code (route-level code splitting), judged by the build's own manifest.
 */
let app: FastifyInstance;
let url: string;
let browser: Browser;
const contexts: BrowserContext[] = [];

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../packages/web/dist');
type ManifestEntry = { file: string; src?: string; imports?: string[]; dynamicImports?: string[] };
const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8')) as Record<
  string,
  ManifestEntry
>;

/** The back offices' modules: their shell and guard, the officers' pages, staff home, statistics, bulk lists, the clinic's verifier. */
const BACK_OFFICE = [
  /^src\/app\/staff-shell\.tsx$/,
  /^src\/features\/auth\/staff-guard\.tsx$/,
  /^src\/features\/(officer|staff|stats|bulk-import)\//,
  /^src\/features\/card\/verify-page\.tsx$/,
];

/** The files of the back offices' lazy chunks, as the manifest names them. */
function backOfficeFiles(): Set<string> {
  const files = Object.entries(manifest)
    .filter(([key]) => BACK_OFFICE.some((re) => re.test(key)))
    .map(([, entry]) => `/${entry.file}`);
  return new Set(files);
}

/** Opens `pathname` in a new page of `context`, collecting the scripts it downloads. */
async function open(context: BrowserContext, pathname: string): Promise<{ page: Page; scripts: string[] }> {
  const page = await context.newPage();
  const scripts: string[] = [];
  page.on('request', (request) => {
    const { pathname: p } = new URL(request.url());
    if (p.endsWith('.js')) scripts.push(p);
  });
  const response = await page.goto(`${url}${pathname}`);
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-type']).toMatch(/^text\/html/);
  return { page, scripts };
}

beforeAll(async () => {
  ({ app, url } = await startSystem());
  browser = await launchBrowser();
});
afterAll(() => closeInOrder(...contexts, browser, app));

async function newContext(options: typeof PHONE_CONTEXT): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  contexts.push(context);
  return context;
}

describe('deep links with a dot (item 4)', () => {
  it("opens an officer's dossier link from a fresh tab and after a reload: the back office's sign-in, not JSON", async () => {
    const context = await newContext(DESKTOP_CONTEXT);
    const { page } = await open(context, '/officer/dossiers/00001.GD_2026_01');
    const errors = collectErrors(page);
    await page.getByTestId('sign-in-form').waitFor();
    expect(await page.getByTestId('staff-account').count()).toBe(0);
    const reloaded = await page.reload();
    expect(reloaded?.status()).toBe(200);
    expect(reloaded?.headers()['content-type']).toMatch(/^text\/html/);
    await page.getByTestId('sign-in-form').waitFor();
    expect(new URL(page.url()).pathname).toBe('/officer/dossiers/00001.GD_2026_01');
    expect(errors).toEqual([]);
  });

  it("opens a citizen's dotted link (a medical visit) and sends an anonymous visitor to sign in, keeping it", async () => {
    const context = await newContext(PHONE_CONTEXT);
    const { page } = await open(context, '/medical/01C54.2026.000123');
    await page.getByTestId('sign-in-form').waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/medical/01C54.2026.000123');
    await page.reload();
    await page.getByTestId('sign-in-form').waitFor();
  });

  it('still answers a missing hashed asset and an unknown API path with 404, not the app', async () => {
    for (const pathname of ['/assets/index-Missing0.js', '/api/v1/no.such.thing']) {
      const res = await fetch(`${url}${pathname}`, { headers: { accept: 'text/html' } });
      expect(res.status, pathname).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });
});

describe('route-level code splitting (item 11)', () => {
  it("downloads no back-office code on a citizen's home, sign-in and services pages, and downloads it in a back office", async () => {
    const backOffice = backOfficeFiles();
    expect(backOffice.size).toBeGreaterThanOrEqual(5);
    const context = await newContext(PHONE_CONTEXT);
    for (const pathname of ['/', '/sign-in', '/services']) {
      const { page, scripts } = await open(context, pathname);
      await page.locator('h1').waitFor();
      await page.waitForLoadState('networkidle');
      expect(scripts.length, pathname).toBeGreaterThan(0);
      expect(
        scripts.filter((s) => backOffice.has(s)),
        pathname,
      ).toEqual([]);
      await page.close();
    }
    // The same check sees back-office chunks where there are some: the officers' office.
    const staff = await newContext(DESKTOP_CONTEXT);
    const { page, scripts } = await open(staff, '/officer');
    await page.getByTestId('sign-in-form').waitFor();
    expect(scripts.filter((s) => backOffice.has(s)).length).toBeGreaterThan(0);
  });

  it('sends the app compressed: brotli scripts cached for a year, a no-cache page', async () => {
    const home = await fetch(`${url}/`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(home.headers.get('cache-control')).toBe('no-cache');
    // index.html's entry and the chunks it imports (the app's start).
    const entry = manifest['index.html'];
    expect(entry).toBeDefined();
    const files = [entry?.file, ...(entry?.imports ?? []).map((key) => manifest[key]?.file)];
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) {
      const script = await fetch(`${url}/${file ?? ''}`, { headers: { 'accept-encoding': 'br, gzip' } });
      expect(script.status, file).toBe(200);
      expect(script.headers.get('content-encoding'), file).toBe('br');
      expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      // fetch decodes it: the script itself, not bytes of brotli.
      expect(await script.text()).toMatch(/import|export|function/);
    }
  });
});
