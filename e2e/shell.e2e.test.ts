import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '@vssid/domain/i18n';
import { artifactPath, closeInOrder, launchBrowser, PHONE_CONTEXT, startSystem, webCatalog } from './support';

let app: FastifyInstance;
let url: string;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  ({ app, url } = await startSystem());
  browser = await launchBrowser();
  context = await browser.newContext({
    ...PHONE_CONTEXT,
    deviceScaleFactor: 2,
  });
});
afterAll(() => closeInOrder(context, browser, app));

/** The catalog keys whose Vietnamese text is exactly `text`. */
function keysOf(text: string): string[] {
  return [...webCatalog('vi')].filter(([, v]) => v === text).map(([k]) => k);
}

describe('the citizen PWA on a phone (390×844)', () => {
  it('opens in Vietnamese with the bottom tab bar', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${url}/`);
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('vi');
    const tabBar = page.getByTestId('tab-bar');
    await tabBar.waitFor();
    const tabs = tabBar.getByRole('link');
    expect(await tabs.count()).toBe(5);
    expect(await tabs.allInnerTexts()).toEqual([
      'Trang chủ',
      'Thẻ BHYT',
      'Quá trình',
      'Dịch vụ công',
      'Cá nhân',
    ]);
    // The tab bar stays on screen, at the bottom.
    const box = await tabBar.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y + box!.height).toBeGreaterThan(844 - 4);
    expect(box!.y + box!.height).toBeLessThanOrEqual(844 + 1);
    await page.screenshot({ path: artifactPath('home-vi-390x844.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('falls back to Vietnamese for a browser language it does not speak, and follows one it does', async () => {
    for (const [locale, expected] of [
      ['fr-FR', 'vi'],
      ['ko-KR', 'ko'],
    ] as const) {
      const other = await browser.newContext({ viewport: { width: 390, height: 844 }, locale });
      const page = await other.newPage();
      await page.goto(`${url}/`);
      await expect.poll(() => page.getAttribute('html', 'lang')).toBe(expected);
      await other.close();
    }
  });

  it('moves between tabs and marks the current one', async () => {
    const page = await context.newPage();
    await page.goto(`${url}/`);
    // Tabs open to anyone (Thẻ BHYT and the others need a session: signin.e2e.test.ts).
    await page.getByTestId('tab-bar').getByRole('link', { name: 'Dịch vụ công' }).click();
    await page.waitForURL(`${url}/services`);
    const current = page.getByTestId('tab-bar').locator('[aria-current="page"]');
    await expect.poll(() => current.innerText()).toBe('Dịch vụ công');
    expect(await page.locator('h1').count()).toBe(1);
    // A deep link is served by the app too (SPA fallback).
    await page.goto(`${url}/services`);
    await expect.poll(() => current.innerText()).toBe('Dịch vụ công');
    await page.getByTestId('tab-bar').getByRole('link', { name: 'Trang chủ' }).click();
    await expect.poll(() => current.innerText()).toBe('Trang chủ');
    await page.close();
  });

  it.each(LANGUAGES)('speaks %s: <html lang> and a translated heading', async (language) => {
    const page = await context.newPage();
    await page.goto(`${url}/?lang=vi`);
    const viHeading = (await page.locator('h1').innerText()).trim();
    const keys = keysOf(viHeading);
    expect(keys.length, `the heading "${viHeading}" is a catalog text`).toBeGreaterThan(0);

    await page.goto(`${url}/?lang=${language}`);
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe(language);
    const heading = (await page.locator('h1').innerText()).trim();
    const catalog = webCatalog(language);
    expect(keys.map((k) => catalog.get(k))).toContain(heading);
    await page.screenshot({ path: artifactPath(`home-${language}-390x844.png`) });
    await page.close();
  });

  it('switches language from the switcher and remembers it', async () => {
    const page = await context.newPage();
    await page.goto(`${url}/?lang=vi`);
    await page.getByTestId('language-switcher').selectOption('ja');
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('ja');
    await page.goto(`${url}/card`);
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('ja');
    await page.getByTestId('language-switcher').selectOption('vi');
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('vi');
    await page.close();
  });

  it('is an installable PWA: manifest, icons, service worker', async () => {
    const page = await context.newPage();
    await page.goto(`${url}/`);
    const href = await page.getAttribute('link[rel="manifest"]', 'href');
    expect(href).toBeTruthy();
    const manifest = (await (await page.request.get(new URL(href!, url).toString())).json()) as {
      name: string;
      icons: { sizes: string; purpose?: string }[];
      theme_color: string;
      display: string;
    };
    expect(manifest.name).toBe('VssID – Bảo hiểm xã hội số');
    expect(manifest.display).toBe('standalone');
    expect(manifest.theme_color).toMatch(/^#/);
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(manifest.icons.some((i) => i.purpose?.includes('maskable'))).toBe(true);
    await expect
      .poll(() => page.evaluate(async () => Boolean(await navigator.serviceWorker.getRegistration())), {
        timeout: 15_000,
      })
      .toBe(true);
    await page.close();
  });
});

describe('the staff back offices on a desktop', () => {
  it.each(['/officer', '/employer', '/clinic'])('%s has a side navigation and a heading', async (route) => {
    const desktop = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await desktop.newPage();
    await page.goto(`${url}${route}`);
    await page.getByTestId('side-nav').waitFor();
    expect((await page.locator('h1').innerText()).trim().length).toBeGreaterThan(0);
    expect(await page.getByTestId('tab-bar').count()).toBe(0);
    await page.screenshot({ path: artifactPath(`${route.slice(1)}-1280x800.png`) });
    await desktop.close();
  });
});

describe('API documentation', () => {
  it('opens /api/docs in the browser', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${url}/api/docs`);
    await page.locator('.swagger-ui .info .title').waitFor({ timeout: 15_000 });
    expect(await page.locator('.swagger-ui .info .title').innerText()).toContain('VssID');
    expect(await page.locator('.opblock').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
