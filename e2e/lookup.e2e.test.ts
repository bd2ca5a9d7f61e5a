import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoData } from '@vssid/datagen';
import { haversineKm } from '@vssid/domain';
import {
  artifactPath,
  catalogText,
  closeInOrder,
  DEV_INBOX_ENV,
  launchBrowser,
  PHONE_CONTEXT,
  startSystem,
} from './support';

/**
 * Tra cứu in the browser, on the demo nation: the nearest BHXH office to a given geolocation
 * (with the distance and a maps link, then shown again offline), and a BHXH code look-up by name
 * that solves the proof-of-work challenge and sends the full code by SMS, read back from the
 * development inbox.
 */

let app: FastifyInstance;
let url: string;
let browser: Browser;
let context: BrowserContext;
const text = catalogText('vi');

interface Office {
  code: string;
  name: string;
  latitude: number;
  longitude: number;
}
let office: Office;
/** A little north-east of the office: it is the nearest, at a known distance. */
let here: { latitude: number; longitude: number };

interface Person {
  bhxh_code: string;
  full_name: string;
  birth_date: string;
  province_code: string;
  phone: string;
}
let person: Person;

beforeAll(async () => {
  ({ app, url } = await startSystem(DEV_INBOX_ENV));
  const db = app.database.db;
  await ensureDemoData(db);
  // A local office whose nearest neighbour is more than 2 km away, so 100 m from it, it is the nearest.
  const offices = await sql<Office>`
    SELECT code, name, latitude, longitude FROM bhxh_agencies
    WHERE level = 'local' AND latitude IS NOT NULL ORDER BY code`.execute(db);
  const all = offices.rows;
  const lonely = all.find((o) =>
    all.every((p) => p === o || haversineKm(o.latitude, o.longitude, p.latitude, p.longitude) > 2),
  );
  if (!lonely) throw new Error('no office far enough from the others');
  office = lonely;
  here = { latitude: office.latitude + 0.0006, longitude: office.longitude + 0.0006 };
  // Someone with a registered phone, a full date of birth, and nobody else of that name and date in the province.
  const people = await sql<Person>`
    SELECT p.bhxh_code, p.full_name, p.birth_date, p.province_code, p.phone FROM persons p
    WHERE p.phone IS NOT NULL AND p.birth_date IS NOT NULL AND p.province_code IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM persons q WHERE q.bhxh_code <> p.bhxh_code AND q.birth_year = p.birth_year
                      AND q.province_code = p.province_code AND lookup_key(q.full_name) = lookup_key(p.full_name))
    ORDER BY p.bhxh_code LIMIT 1`.execute(db);
  const found = people.rows[0];
  if (!found) throw new Error('no demo person to look up');
  person = found;

  browser = await launchBrowser();
  context = await browser.newContext({
    ...PHONE_CONTEXT,
    deviceScaleFactor: 2,
    geolocation: here,
    permissions: ['geolocation'],
  });
});
afterAll(() => closeInOrder(context, browser, app));

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(m.text()))
      errors.push(m.text());
  });
  return errors;
}

describe('look-ups in the citizen PWA', () => {
  it('finds the BHXH office nearest to the device, with the distance and a maps link, and again offline', async () => {
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${url}/lookup?lang=vi`);
    await page.getByTestId('lookup-tab-agencies').click();
    await page.getByTestId('lookup-near-agencies').click();
    const results = page.getByTestId('lookup-results-agencies');
    await results.waitFor();
    const first = results.getByTestId('lookup-item').first();
    expect(await first.locator('h3').innerText()).toBe(office.name);
    const expected = haversineKm(here.latitude, here.longitude, office.latitude, office.longitude);
    expect(expected).toBeLessThan(0.2);
    expect(await first.getByTestId('lookup-distance').innerText()).toBe(
      text('lookup.results.distance').replace('{{distance}}', `${Math.round(expected * 1000)} m`),
    );
    const mapHref = await first.getByTestId('lookup-map-link').getAttribute('href');
    expect(mapHref).toContain(`mlat=${office.latitude.toFixed(6)}`);
    expect(mapHref).toContain(`mlon=${office.longitude.toFixed(6)}`);
    // Distances grow down the list.
    const distances = await results.getByTestId('lookup-distance').allInnerTexts();
    expect(distances.length).toBeGreaterThan(1);
    await page.screenshot({ path: artifactPath('lookup-nearest-vi-390x844.png') });

    // Offline: the same search shows the last answer, marked as such.
    await context.setOffline(true);
    await page.getByTestId('lookup-near-agencies').click();
    await page.getByTestId('lookup-offline').waitFor();
    expect(await results.getByTestId('lookup-item').first().locator('h3').innerText()).toBe(office.name);
    await context.setOffline(false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it.each([
    // An old province before a commune of its name, typed without tone marks, in English.
    ['en', 'binh duong', 'Tỉnh Bình Dương', 'lookup.results.placeKind.oldProvince', 'Ho Chi Minh'],
    // A district under its old designation: Hà Đông was a town (thị xã) of Hà Tây.
    ['vi', 'Thị xã Hà Đông', 'Quận Hà Đông', 'lookup.results.placeKind.oldDistrict', 'Hà Nội'],
    ['ko', 'Hà Tây', 'Tỉnh Hà Tây', 'lookup.results.placeKind.oldProvince', 'Hà Nội'],
  ])(
    'shows a place typed as %s "%s" as %s, with its kind and province',
    async (lang, typed, old, kindKey, province) => {
      const page = await context.newPage();
      const errors = collectErrors(page);
      await page.goto(`${url}/lookup?lang=${lang}`);
      await page.getByTestId('lookup-tab-agencies').click();
      await page.locator('input[name="place"]').fill(typed);
      await page.locator('form.lookup-form button[type="submit"]').click();
      const place = page.getByTestId('lookup-results-agencies').getByTestId('lookup-place').first();
      const shown = await place.innerText();
      expect(shown).toContain(old);
      expect(shown).toContain(catalogText(lang)(kindKey));
      expect(shown).toContain(catalogText(lang)('lookup.results.placeNowIn').replace('{{province}}', ''));
      expect(shown).toContain(province);
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  it('looks up a BHXH code by name, date of birth and province, and sends the full code by SMS', async () => {
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${url}/lookup?lang=vi`);
    const [y, m, d] = person.birth_date.split('-');
    // Without tone marks and in capitals: the look-up does not mind.
    const typed = person.full_name
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .toUpperCase();
    await page.getByLabel(text('lookup.code.fullName')).fill(typed);
    await page.getByLabel(text('lookup.code.birth')).fill(`${d}/${m}/${y}`);
    await page.getByTestId('lookup-province').selectOption(person.province_code);
    await page.getByTestId('lookup-code-submit').click();
    // The challenge is solved first, visibly.
    await page.getByTestId('lookup-checking').waitFor({ state: 'attached', timeout: 5000 });
    const match = page.getByTestId('lookup-match');
    await match.first().waitFor({ timeout: 30_000 });
    expect(await match.count()).toBe(1);
    const masked = `${person.bhxh_code.slice(0, 2)}******${person.bhxh_code.slice(-2)}`;
    expect(await match.getByTestId('lookup-masked-code').innerText()).toBe(masked);
    // The page never holds the full code or the phone.
    const html = await page.content();
    expect(html).not.toContain(person.bhxh_code);
    expect(html).not.toContain(person.phone);

    const maskedPhone = `${person.phone.slice(0, 2)}******${person.phone.slice(-2)}`;
    await match.getByTestId('lookup-send-sms').click();
    await page.getByTestId('lookup-sms-sent').waitFor();
    expect(await page.getByTestId('lookup-sms-sent').innerText()).toBe(
      text('lookup.code.smsSent').replace('{{phone}}', maskedPhone),
    );
    await page.screenshot({ path: artifactPath('lookup-code-sms-vi-390x844.png') });

    // The SMS, as the phone receives it (development inbox), holds the full code.
    await expect
      .poll(
        async () => {
          const res = await fetch(`${url}/dev/inbox/messages?recipient=${person.phone}`);
          const body = (await res.json()) as {
            messages: {
              channel: string;
              template: string;
              payload: { text?: string };
              deliveredAt: string | null;
            }[];
          };
          return body.messages.find((msg) => msg.template === 'lookup.bhxhCode' && msg.deliveredAt !== null);
        },
        { timeout: 10_000 },
      )
      .toMatchObject({
        channel: 'sms',
        payload: { text: expect.stringContaining(person.bhxh_code) as string },
      });
    expect(errors).toEqual([]);
    await page.close();
  });
});
