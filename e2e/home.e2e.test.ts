import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAction, createDossier } from '../packages/server/src/modules/registration/dossiers';
import { signInAs } from '../packages/server/src/testing/auth';
import {
  expectNoAxeViolations,
  expectRenderedContrast,
  overflowingBoxes,
  renderedTextContrast,
} from './a11y';
import {
  artifactPath,
  catalogText,
  closeInOrder,
  collectErrors,
  DESKTOP_CONTEXT,
  launchBrowser,
  PHONE_CONTEXT,
  signedInContext,
  startSystem,
} from './support';

/**
 * Issue #20, items 2, 3, 7 and 9: the home screen signed out (sign in, register, readable on its
 * gradient, measured from the rendered pixels) and signed in (the person's name, a greeting,
 * the card's status, no "sign in" sentence anywhere); the back-office homes' counts; the "ready
 * offline" notice beside the registration's button, never over it; the statistics chart's
 * names at 1440 and 1024 px; the card face at 320–430 px and with text at 200 %. axe-core
 * (WCAG 2.2 A/AA) finds nothing on each of these screens.
 */
let app: FastifyInstance;
let url: string;
let browser: Browser;
const text = catalogText('vi');

const CODE = '0100020001';
const NAME = 'Nguyễn Thị Minh Khai';
const LONG_AGENCY = 'Bảo hiểm xã hội cơ sở Hai Bà Trưng – Hoàng Mai, thành phố Hà Nội';

/** A submitted dossier received by `agency` for a new person. */
async function submittedDossier(agency: string, n: number): Promise<string> {
  const db = app.database.db;
  const code = `01000300${String(n).padStart(2, '0')}`;
  await sql`INSERT INTO persons (bhxh_code, full_name, birth_year, gender) VALUES (${code}, 'Lê Văn Hùng', 1985, 'male')`.execute(
    db,
  );
  return db.transaction().execute(async (trx) => {
    const dossier = await createDossier(trx, {
      bhxh_code: code,
      kind: 'self',
      agency_code: agency,
      guardian_bhxh_code: null,
      declared: { bhxhCode: code, fullName: 'Lê Văn Hùng', agencyCode: agency, delivery: 'counter' },
      registry_check: { outcome: 'match' },
      delivery: 'counter',
      idempotency_key: `e2e-home-${code}`,
      bulk_import_id: null,
    });
    await appendAction(
      trx,
      dossier,
      'submit',
      { type: 'citizen', id: null },
      { details: { language: 'vi' } },
    );
    return dossier.number;
  });
}

beforeAll(async () => {
  ({ app, url } = await startSystem());
  const db = app.database.db;
  await db
    .insertInto('bhxh_agencies')
    .values([
      {
        code: '01',
        level: 'province',
        name: 'BHXH thành phố Hà Nội',
        address: 'Hà Nội',
        province_code: '01',
      },
      {
        code: '0107',
        parent_code: '01',
        level: 'local',
        name: LONG_AGENCY,
        address: '1 Lê Thánh Tông, Hà Nội',
        province_code: '01',
      },
    ])
    .execute();
  await db
    .insertInto('clinics')
    .values({
      code: '01C77',
      name: 'Bệnh viện Đa khoa Xanh Pôn – Cơ sở khám chữa bệnh ban đầu Ba Đình',
      level: 'province',
      address: '12 Chu Văn An, Ba Đình, Hà Nội',
      province_code: '01',
    })
    .execute();
  await db
    .insertInto('persons')
    .values({
      bhxh_code: CODE,
      full_name: NAME,
      birth_date: '1990-02-03',
      birth_year: 1990,
      gender: 'female',
      province_code: '01',
    })
    .execute();
  const year = new Date().getUTCFullYear();
  await db
    .insertInto('bhyt_cards')
    .values({
      bhxh_code: CODE,
      card_number: `GD401${CODE}`,
      object_code: 'GD',
      benefit_level: 4,
      registered_clinic_code: '01C77',
      valid_from: `${year}-01-01`,
      valid_to: `${year + 1}-12-31`,
      five_year_date: null,
      issued_on: `${year}-01-01`,
      issuing_agency_code: '01',
      status: 'active',
      replaced_by_id: null,
    })
    .execute();
  // Two dossiers waiting for the paper at the local office, one of them due today.
  await submittedDossier('0107', 1);
  const dueToday = await submittedDossier('0107', 2);
  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  await sql`UPDATE dossiers SET deadline_at = ${new Date(`${today}T23:30:00+07:00`)} WHERE number = ${dueToday}`.execute(
    db,
  );
  browser = await launchBrowser();
}, 120_000);

afterAll(() => closeInOrder(browser, app));

/** The citizen's signed-in phone context. */
async function citizenContext(options: BrowserContextOptions = PHONE_CONTEXT): Promise<BrowserContext> {
  const citizen = await signInAs(app, { role: 'citizen', bhxhCode: CODE, displayName: NAME });
  return signedInContext(browser, url, options, citizen.headers.authorization);
}

async function visibleText(page: Page): Promise<string> {
  return page.locator('body').innerText();
}

describe('home and back-office homes (issue #20)', () => {
  it.each([
    [390, 844],
    [320, 640],
  ])(
    'signed out at %i px: "Đăng nhập" and "Đăng ký" on the hero, its text readable on the rendered gradient',
    async (width, height) => {
      const context = await browser.newContext({
        ...PHONE_CONTEXT,
        viewport: { width, height },
        serviceWorkers: 'block',
      });
      const page = await context.newPage();
      const errors = collectErrors(page);
      await page.goto(`${url}/?lang=vi`);
      const hero = page.getByTestId('home-hero');
      await hero.waitFor();
      const signIn = hero.getByRole('link', { name: text('home.signIn'), exact: true });
      const register = hero.getByRole('link', { name: text('home.register'), exact: true });
      expect(await signIn.getAttribute('href')).toBe('/sign-in');
      expect(await register.getAttribute('href')).toBe('/register');
      // Both fit the hero side by side or stacked, never past the screen.
      for (const action of [signIn, register]) {
        const box = await action.boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= width).toBe(true);
      }
      await expectRenderedContrast(page, hero.locator('h1, p, a'));
      // The measure sees what the old link looked like (brand blue on the gradient) as unreadable.
      await hero
        .locator('p')
        .first()
        .evaluate((p) => {
          p.style.color = getComputedStyle(p).getPropertyValue('--color-brand');
        });
      expect((await renderedTextContrast(page, hero.locator('p').first())).ratio).toBeLessThan(2);
      await page.reload();
      await hero.waitFor();
      await page.screenshot({ path: artifactPath(`home-signed-out-${width}.png`) });
      await expectNoAxeViolations(page, `the signed-out home at ${width} px`);
      await register.click();
      await page.waitForURL(`${url}/register`);
      expect(errors).toEqual([]);
      await context.close();
    },
  );

  it('signed in: the greeting and the name, the card at a glance, shortcuts; no screen asks to sign in', async () => {
    const context = await citizenContext();
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${url}/?lang=vi`);
    await expect.poll(() => page.getByTestId('home-person-name').textContent()).toBe(NAME);
    const greetings = ['morning', 'noon', 'afternoon', 'evening'].map((p) => text(`home.greeting.${p}`));
    const heading = (await page.locator('h1').innerText()).replace(/\s+/g, ' ').trim();
    expect(greetings.map((g) => `${g} ${NAME}`)).toContain(heading);
    await expect
      .poll(() => page.getByTestId('home-card-status').textContent())
      .toBe(text('card.status.valid'));
    expect(await page.getByTestId('home-card').innerText()).toContain(
      text('home.cardValidTo').replace('{{date}}', `31/12/${new Date().getUTCFullYear() + 1}`),
    );
    // Shortcuts to the card, the history and the services.
    for (const [name, href] of [
      [text('home.tiles.card'), '/card'],
      [text('home.tiles.participation'), '/history'],
      [text('home.tiles.services'), '/services'],
    ] as const)
      expect(await page.locator('.tiles').getByRole('link', { name, exact: true }).getAttribute('href')).toBe(
        href,
      );
    expect(await page.getByRole('link', { name: text('home.signIn'), exact: true }).count()).toBe(0);
    await expectRenderedContrast(page, page.getByTestId('home-hero').locator('h1 span'));
    await page.screenshot({ path: artifactPath('home-signed-in-390x844.png') });
    await expectNoAxeViolations(page, 'the signed-in home');

    for (const path of ['/', '/services', '/card', '/history', '/profile']) {
      await page.goto(`${url}${path}?lang=vi`);
      await page.locator('main h1').waitFor();
      await page.waitForLoadState('networkidle');
      const body = await visibleText(page);
      expect(body, path).not.toContain('Đăng nhập để');
      expect(body, path).not.toContain(text('signInNeeded.services'));
      if (path === '/services') await expectNoAxeViolations(page, 'the services page, signed in');
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a session ended on another device: the next screen says so, never "Đăng nhập để…"', async () => {
    const citizen = await signInAs(app, { role: 'citizen', bhxhCode: CODE, displayName: NAME });
    const context = await signedInContext(browser, url, PHONE_CONTEXT, citizen.headers.authorization);
    const page = await context.newPage();
    await page.goto(`${url}/?lang=vi`);
    await page.getByTestId('home-person-name').waitFor();
    const ended = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-out',
      headers: citizen.headers,
    });
    expect(ended.statusCode).toBeLessThan(300);
    // Inside the app (no reload): the history's call is refused, and the app asks about its session.
    await page
      .getByTestId('tab-bar')
      .getByRole('link', { name: text('tabs.history') })
      .click();
    // At once, not at the next 15-second check of the session.
    await page.waitForURL(/\/signed-out\?reason=signed_out/, { timeout: 5_000 });
    expect(await visibleText(page)).not.toContain(text('signInNeeded.history'));
    await context.close();
  });

  it.each([
    ['320 px', { width: 320, height: 640 }, 1],
    ['390 px', { width: 390, height: 844 }, 1],
    ['430 px', { width: 430, height: 932 }, 1],
    ['390 px with text at 200 %', { width: 390, height: 844 }, 2],
  ] as const)('the card face fits its frame at %s', async (name, viewport, zoom) => {
    const context = await citizenContext({ ...PHONE_CONTEXT, viewport });
    const page = await context.newPage();
    await page.goto(`${url}/card?lang=vi`);
    await page.getByTestId('card-status').first().waitFor();
    if (zoom !== 1)
      await page.evaluate((z) => {
        document.documentElement.style.fontSize = `${z * 100}%`;
      }, zoom);
    // The summary card's facts fit the page's width.
    const facts = page.locator('.card-facts').first();
    expect(await overflowingBoxes(facts)).toEqual([]);
    const factsBox = await facts.boundingBox();
    expect(factsBox && factsBox.x + factsBox.width <= viewport.width).toBe(true);
    await page
      .getByRole('button', { name: text('card.show') })
      .first()
      .click();
    const face = page.getByTestId('card-face');
    await face.waitFor();
    await page.getByTestId('official-qr').waitFor();
    expect(await overflowingBoxes(face)).toEqual([]);
    const faceBox = await face.boundingBox();
    expect(faceBox && faceBox.x >= 0 && faceBox.x + faceBox.width <= viewport.width).toBe(true);
    // The dialog's own buttons stay on screen too.
    for (const button of await page.getByTestId('card-dialog').locator('.card-sheet__actions button').all()) {
      const box = await button.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= viewport.width).toBe(true);
    }
    await page.screenshot({
      path: artifactPath(`card-face-${name.replace(/\W+/g, '-')}.png`),
      fullPage: true,
    });
    if (zoom === 1 && viewport.width === 390) await expectNoAxeViolations(page, 'the card face');
    await context.close();
  });

  it('the "ready offline" notice sits above the registration form, never over its button, and leaves by itself', async () => {
    // Service workers allowed: the notice comes when the app has been cached.
    const context = await browser.newContext(PHONE_CONTEXT);
    const page = await context.newPage();
    await page.goto(`${url}/register?lang=vi`);
    const next = page.getByTestId('registration-next');
    await next.waitFor();
    const notice = page.getByTestId('offline-ready');
    await notice.waitFor({ timeout: 30_000 });
    await page.screenshot({ path: artifactPath('offline-ready-registration-390x844.png') });
    const noticeBox = await notice.boundingBox();
    expect(noticeBox).not.toBeNull();
    // No button, link or field of the page shares a pixel with it.
    const overlapping = await page.evaluate(() => {
      const banner = document.querySelector('[data-testid="offline-ready"]');
      if (!banner) return ['no notice'];
      const b = banner.getBoundingClientRect();
      return Array.from(
        document.querySelectorAll('main button, main a, main input, main select, main textarea'),
      )
        .filter((el) => !banner.contains(el))
        .filter((el) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.left < b.right && r.right > b.left && r.top < b.bottom && r.bottom > b.top;
        })
        .map((el) => el.textContent || el.tagName);
    });
    expect(overlapping).toEqual([]);
    // "Tiếp tục" is what is painted at its own centre.
    const nextBox = await next.boundingBox();
    expect(nextBox).not.toBeNull();
    await next.scrollIntoViewIfNeeded();
    expect(
      await next.evaluate((button) => {
        const r = button.getBoundingClientRect();
        const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return top !== null && button.contains(top);
      }),
    ).toBe(true);
    await expectNoAxeViolations(page, 'the registration with the "ready offline" notice');
    // It leaves by itself (8 s).
    await notice.waitFor({ state: 'detached', timeout: 15_000 });
    await context.close();
  });

  it("the officers' home: who is working, the dossiers waiting and due today, no sign-in sentence", async () => {
    const officer = await signInAs(app, {
      role: 'agency_admin',
      agencyCode: '01',
      displayName: 'Trần Văn Cán',
    });
    const context = await signedInContext(browser, url, DESKTOP_CONTEXT, officer.headers.authorization);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${url}/officer?lang=vi`);
    await expect.poll(() => page.getByTestId('officer-summary-awaitingPaper').textContent()).toBe('2');
    expect(await page.getByTestId('officer-summary-awaitingDecision').textContent()).toBe('0');
    expect(await page.getByTestId('officer-summary-dueToday').textContent()).toBe('1');
    expect(await page.getByTestId('staff-signed-in-as').textContent()).toContain('Trần Văn Cán');
    expect(await visibleText(page)).not.toContain(text('staff.officer.signIn'));
    await page.screenshot({ path: artifactPath('officer-home-1280x800.png') });
    await expectNoAxeViolations(page, "the officers' home");
    await page
      .getByTestId('officer-summary')
      .getByRole('link', { name: text('staff.officer.summary.open') })
      .nth(1)
      .click();
    await page.waitForURL(`${url}/officer/dossiers?status=submitted`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the clinic's home: the card check as next action, no sign-in sentence", async () => {
    const clinic = await signInAs(app, {
      role: 'clinic',
      clinicCode: '01C77',
      displayName: 'Bệnh viện Xanh Pôn',
    });
    const context = await signedInContext(browser, url, DESKTOP_CONTEXT, clinic.headers.authorization);
    const page = await context.newPage();
    await page.goto(`${url}/clinic?lang=vi`);
    await page.getByTestId('staff-signed-in-as').waitFor();
    expect(await visibleText(page)).not.toContain(text('staff.clinic.signIn'));
    expect(
      await page
        .locator('main')
        .getByRole('link', { name: text('clinicVerify.nav') })
        .getAttribute('href'),
    ).toBe('/clinic/verify');
    await expectNoAxeViolations(page, "the clinic's home");
    await context.close();
  });

  it.each([1440, 1024])(
    'the statistics chart at %i px: every name whole, wrapped inside its column, nothing clipped',
    async (width) => {
      const admin = await signInAs(app, {
        role: 'agency_admin',
        agencyCode: '01',
        displayName: 'Trần Văn Cán',
      });
      const context = await signedInContext(
        browser,
        url,
        { ...DESKTOP_CONTEXT, viewport: { width, height: 900 } },
        admin.headers.authorization,
      );
      const page = await context.newPage();
      await page.goto(`${url}/officer/stats?lang=vi`);
      const chart = page.getByTestId('stats-chart');
      await chart.waitFor();
      const labels = chart.getByTestId('stats-chart-label');
      await expect.poll(() => labels.allTextContents()).toEqual(['BHXH thành phố Hà Nội', LONG_AGENCY]);
      const clipped = await chart.evaluate((figure) => {
        const outer = figure.getBoundingClientRect();
        const out: string[] = [];
        for (const el of Array.from(figure.querySelectorAll<HTMLElement>('li, li > span'))) {
          const r = el.getBoundingClientRect();
          if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
            out.push(`${el.className} "${el.textContent}" scrolls`);
          if (r.left < outer.left - 0.5 || r.right > outer.right + 0.5)
            out.push(`${el.className} "${el.textContent}" outside the chart`);
        }
        return out;
      });
      expect(clipped).toEqual([]);
      // The long name wraps over lines rather than being cut.
      const long = labels.nth(1);
      expect(await long.getAttribute('title')).toBe(LONG_AGENCY);
      const lineCount = await long.evaluate((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))).size;
      });
      expect(lineCount).toBeGreaterThan(1);
      await page.screenshot({ path: artifactPath(`stats-chart-${width}.png`), fullPage: true });
      await expectNoAxeViolations(page, `the statistics at ${width} px`);
      await context.close();
    },
  );
});
