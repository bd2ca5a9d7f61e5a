import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from '../packages/server/src/testing/auth';
import { expectNoAxeViolations } from './a11y';
import { photo } from './a11y-sweep-support';
import {
  addSessionCookies,
  artifactPath,
  awaitInboxMessage,
  awaitOtp,
  catalogText,
  closeInOrder,
  collectErrors,
  DESKTOP_CONTEXT,
  DEV_INBOX_ENV,
  inboxIds,
  insertActiveCard,
  insertInpatientVisit,
  launchBrowser,
  PHONE_CONTEXT,
  startSystem,
} from './support';

/**
 * Issue 25, the support screens end to end: someone not signed in opens a ticket with an OTP (read
 * from the development inbox) and a photo; an officer answers it with a file; the person, signed
 * in, sees the answer and its file, the SMS and the inbox message. Then a wrong-data ticket names
 * the person's card (picked among their records, the visits searched by month), the officer
 * corrects the card's validity beside it, and the person sees the card in words with the old and
 * the new value. Citizen screens at 390×844, the officer's at 1280×800, each new state checked by
 * axe-core.
 */
let app: FastifyInstance;
let url: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
const text = catalogText('vi', 'support');
const PERSON = { code: '0100025301', name: 'Vũ Thị Hỏi', phone: '0912025301' };
const CLINIC = '01C53';
const CARD_NUMBER = `GD401${PERSON.code}`;
const VISIT = 'LK-25301';
/** A journey of several screens and two browsers, on a machine shared with other work. */
const JOURNEY_TIMEOUT = 180_000;

const messageText = catalogText('vi', 'messages');
/** A template of the server's `messages` catalog in Vietnamese, `{{name}}` filled. */
const message = (key: string, values: Record<string, string>): string =>
  messageText(key).replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');

/**
 * axe-core on the page scrolled to its top: scrolled down, the side navigation's links pass under
 * the sticky top bar, which axe counts as obscured targets (target-size) whatever the screen.
 */
async function expectAxeClean(page: Page, what: string): Promise<void> {
  await page.evaluate(() => {
    window.scrollTo(0, 0);
  });
  await expectNoAxeViolations(page, what);
}

async function newPage(options: BrowserContextOptions, authorization?: string): Promise<Page> {
  const context = await browser.newContext({ ...options, serviceWorkers: 'block' });
  if (authorization) await addSessionCookies(context, url, authorization);
  contexts.push(context);
  return context.newPage();
}

beforeAll(async () => {
  // A lighter proof of work than production's: the browser solves it in the page.
  ({ app, url } = await startSystem({ ...DEV_INBOX_ENV, LOOKUP_POW_BITS: '10' }));
  const db = app.database.db;
  await db
    .insertInto('bhxh_agencies')
    .values({
      code: '01',
      level: 'province',
      name: 'BHXH thành phố Hà Nội',
      address: '15 Trần Duy Hưng, Hà Nội',
      province_code: '01',
    })
    .execute();
  await db
    .insertInto('clinics')
    .values({
      code: CLINIC,
      name: 'Bệnh viện Thanh Nhàn',
      level: 'province',
      address: '42 Thanh Nhàn, Hà Nội',
      province_code: '01',
    })
    .execute();
  await db
    .insertInto('persons')
    .values({
      bhxh_code: PERSON.code,
      full_name: PERSON.name,
      birth_date: '1984-04-04',
      birth_year: 1984,
      gender: 'female',
      province_code: '01',
      phone: PERSON.phone,
    })
    .execute();
  await insertActiveCard(db, {
    bhxhCode: PERSON.code,
    cardNumber: CARD_NUMBER,
    clinicCode: CLINIC,
    validFrom: '2026-01-01',
    validTo: '2027-12-31',
  });
  await insertInpatientVisit(db, {
    bhxhCode: PERSON.code,
    maLk: VISIT,
    clinicCode: CLINIC,
    cardNumber: CARD_NUMBER,
  });
  browser = await launchBrowser();
});

afterAll(() => closeInOrder(...contexts, browser, app));

describe('support tickets (issue 25)', () => {
  let officer: { headers: { authorization: string } };
  let citizen: { headers: { authorization: string } };
  let desk: Page;
  let phone: Page;
  let deskErrors: string[];
  let phoneErrors: string[];

  beforeAll(async () => {
    officer = await signInAs(app, { role: 'officer', agencyCode: '01', displayName: 'Nguyễn Văn Đáp' });
    // The person has an account (the answers also reach the inbox), but opens the ticket signed out.
    citizen = await signInAs(app, { role: 'citizen', bhxhCode: PERSON.code, displayName: PERSON.name });
    desk = await newPage(DESKTOP_CONTEXT, officer.headers.authorization);
    deskErrors = collectErrors(desk);
  });

  it(
    'a ticket opened with an OTP and a photo is answered with a file; the person sees the answer, the SMS and the inbox message',
    async () => {
      // Signed out: the BHXH code, the OTP from the SMS, the ticket with a photo.
      const guest = await newPage(PHONE_CONTEXT);
      const guestErrors = collectErrors(guest);
      await guest.goto(`${url}/support`);
      await guest.getByTestId('otp-ticket-start').waitFor();
      await expectAxeClean(guest, 'ticket without signing in: who');
      const seen = await inboxIds(url, PERSON.phone);
      await guest.getByTestId('otp-ticket-code').fill(PERSON.code);
      await guest.getByRole('button', { name: text('tickets.otp.sendCode') }).click();
      const confirm = guest.getByTestId('otp-ticket-confirm');
      await confirm.waitFor();
      await confirm.getByLabel(text('tickets.otp.code')).fill(await awaitOtp(url, PERSON.phone, seen));
      await confirm.getByLabel(text('tickets.category')).selectOption('other');
      await confirm
        .getByLabel(text('tickets.text'))
        .fill('Tôi đã nộp hồ sơ cấp lại thẻ từ tháng trước nhưng chưa nhận được thẻ mới.');
      await guest
        .getByTestId('otp-ticket-files')
        .setInputFiles({ name: 'giay-hen.jpg', mimeType: 'image/jpeg', buffer: await photo(200) });
      await expectAxeClean(guest, 'ticket without signing in: the code and the ticket');
      await guest.screenshot({ path: artifactPath('ticket-otp-vi-390x844.png'), fullPage: true });
      await confirm.getByRole('button', { name: text('tickets.send'), exact: true }).click();
      const opened = guest.getByText(text('tickets.otp.opened').split('{{id}}')[0] ?? '', { exact: false });
      await opened.waitFor();
      const ticketId = /(\d+)/.exec(await opened.innerText())?.[1] ?? '';
      expect(ticketId).toMatch(/^\d+$/);
      await expectAxeClean(guest, 'ticket without signing in: sent');
      const sms = await awaitInboxMessage(url, PERSON.phone, 'support.opened', { seen });
      expect(sms.payload.text).toBe(message('support.sms.opened', { ticket: ticketId }));
      expect(guestErrors).toEqual([]);

      // The officer: the ticket with the person's photo, answered with a file.
      await desk.goto(`${url}/officer/tickets`);
      await desk
        .getByTestId('ticket-queue')
        .getByRole('button', { name: text('tickets.number').replace('{{id}}', ticketId) })
        .click();
      const ticket = desk.getByTestId('officer-ticket');
      await ticket.getByTestId('ticket-files').waitFor();
      expect(await ticket.getByTestId('ticket-files').innerText()).toContain(text('tickets.author.person'));
      const answer = 'Thẻ mới của bạn đã được in, mời bạn nhận tại BHXH quận theo giấy hẹn đính kèm.';
      const beforeAnswer = await inboxIds(url, PERSON.phone);
      await ticket.getByLabel(text('tickets.answer')).fill(answer);
      await ticket
        .locator('input[type="file"]')
        .setInputFiles({ name: 'giay-hen-nhan-the.jpg', mimeType: 'image/jpeg', buffer: await photo(30) });
      await ticket.getByRole('button', { name: text('tickets.send'), exact: true }).click();
      const officerMessage = ticket.locator('.ticket__message--officer');
      await officerMessage.getByTestId('ticket-files').waitFor();
      expect(await officerMessage.innerText()).toContain(answer);
      await expectAxeClean(desk, 'officer: a ticket answered with a file');
      await desk.screenshot({
        path: artifactPath('ticket-answered-officer-vi-1280x800.png'),
        fullPage: true,
      });

      // The person: the SMS, then signed in, the answer with its file and the inbox message.
      const answered = await awaitInboxMessage(url, PERSON.phone, 'support.answered', { seen: beforeAnswer });
      expect(answered.payload.text).toBe(message('support.sms.answered', { ticket: ticketId, text: answer }));
      phone = await newPage(PHONE_CONTEXT, citizen.headers.authorization);
      phoneErrors = collectErrors(phone);
      await phone.goto(`${url}/support`);
      await phone
        .getByTestId('my-tickets')
        .getByRole('button', { name: text('tickets.number').replace('{{id}}', ticketId), exact: false })
        .click();
      const mine = phone.getByTestId('my-ticket');
      await mine.locator('.ticket__message--officer').waitFor();
      expect(await mine.locator('.ticket__message--officer').innerText()).toContain(answer);
      const officerFile = mine.locator('.ticket__message--officer').getByRole('button', {
        name: text('tickets.officer'),
        exact: false,
      });
      const [file] = await Promise.all([phone.context().waitForEvent('page'), officerFile.click()]);
      expect(file.url()).toMatch(/^blob:/);
      await file.close();
      await expectAxeClean(phone, 'the person’s ticket with the answer and its file');
      await phone.screenshot({ path: artifactPath('ticket-answered-vi-390x844.png'), fullPage: true });

      await phone.goto(`${url}/notifications`);
      const inbox = phone.getByTestId('inbox');
      const title = message('support.answered.title', { ticket: ticketId });
      await inbox.getByText(title).waitFor();
      await inbox.getByText(title).click();
      await inbox.getByText(message('support.answered.body', { ticket: ticketId })).waitFor();
      await expectAxeClean(phone, 'the inbox with the answer’s message');
      expect(deskErrors).toEqual([]);
      expect(phoneErrors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'a wrong-data ticket names the card; the officer corrects it; the person sees it in words, old and new',
    async () => {
      await phone.goto(`${url}/support`);
      const form = phone.getByTestId('ticket-form');
      await form.waitFor();
      await phone.getByTestId('ticket-category').selectOption('wrong_data');
      const records = phone.getByTestId('ticket-record');

      // The visits: the recent ones, then those of a month.
      await phone.getByTestId('ticket-record-type').selectOption('visit');
      await expect.poll(() => records.locator('option').count()).toBe(2);
      expect(await records.locator('option').nth(1).innerText()).toContain('Bệnh viện Thanh Nhàn');
      await phone.getByTestId('ticket-visit-month').fill('2022-07');
      await form.getByText(text('tickets.noVisitsInMonth')).waitFor();
      expect(await records.locator('option').count()).toBe(1);
      await phone.getByTestId('ticket-visit-month').fill('2022-08');
      await expect.poll(() => records.locator('option').count()).toBe(2);
      expect(await records.locator('option').nth(1).innerText()).toBe(
        'Khám chữa bệnh tại Bệnh viện Thanh Nhàn từ 01/08/2022 đến 05/08/2022 · mã bệnh K35',
      );
      await expectAxeClean(phone, 'wrong-data ticket: visits of a month');

      // The card.
      await phone.getByTestId('ticket-record-type').selectOption('card');
      await expect.poll(() => records.locator('option').count()).toBe(2);
      const cardInWords = `Thẻ BHYT số ${CARD_NUMBER}, giá trị sử dụng từ 01/01/2026 đến 31/12/2027 · mức hưởng 4 · nơi đăng ký KCB ban đầu: Bệnh viện Thanh Nhàn`;
      expect(await records.locator('option').nth(1).innerText()).toBe(cardInWords);
      await records.selectOption({ index: 1 });
      expect(await phone.getByTestId('ticket-record-chosen').innerText()).toBe(cardInWords);
      await phone
        .getByTestId('ticket-text')
        .fill('Thẻ của tôi chỉ có giá trị đến 30/6/2027 theo thẻ giấy được cấp.');
      await expectAxeClean(phone, 'wrong-data ticket: the card picked');
      await phone.screenshot({ path: artifactPath('ticket-record-picker-vi-390x844.png'), fullPage: true });
      await form.getByRole('button', { name: text('tickets.send'), exact: true }).click();
      const row = phone
        .getByTestId('my-tickets')
        .getByRole('button', { name: text('tickets.categories.wrong_data'), exact: false });
      await row.waitFor();
      const ticketId = /(\d+)/.exec(await row.innerText())?.[1] ?? '';

      // The officer: the card beside the ticket, in words; the end of validity corrected.
      await desk.goto(`${url}/officer/tickets`);
      await desk
        .getByTestId('ticket-queue')
        .getByRole('button', { name: text('tickets.number').replace('{{id}}', ticketId) })
        .click();
      const words = desk.getByTestId('ticket-record-words');
      await words.waitFor();
      expect(await words.innerText()).toBe(
        `Thẻ BHYT số ${CARD_NUMBER}, giá trị sử dụng từ 01/01/2026 đến 31/12/2027 · mức hưởng 4 · nơi đăng ký KCB ban đầu: ${CLINIC}`,
      );
      await expectAxeClean(desk, 'officer: a wrong-data ticket with the card beside it');
      await desk.getByTestId('correction-field').selectOption('validTo');
      await desk.getByTestId('correction-value').fill('2027-06-30');
      await desk.getByRole('button', { name: text('tickets.correct') }).click();
      await desk.getByTestId('ticket-corrections').waitFor();
      await expect.poll(() => words.innerText()).toContain('đến 30/06/2027');
      await expectAxeClean(desk, 'officer: the card corrected');
      await desk.screenshot({
        path: artifactPath('ticket-card-corrected-officer-vi-1280x800.png'),
        fullPage: true,
      });

      // The person: the corrected card in words, the old and the new value.
      await phone.goto(`${url}/support`);
      await phone
        .getByTestId('my-tickets')
        .getByRole('button', { name: text('tickets.number').replace('{{id}}', ticketId), exact: false })
        .click();
      const mine = phone.getByTestId('my-ticket');
      await expect
        .poll(() => mine.getByTestId('ticket-record-words').innerText())
        .toBe(`${text('tickets.recordHeading')}: ${cardInWords.replace('31/12/2027', '30/06/2027')}`);
      const corrections = await mine.getByTestId('ticket-corrections').innerText();
      expect(corrections).toContain(
        `${text('tickets.recordTypes.card')} · ${text('tickets.fields.validTo')}`,
      );
      expect(corrections).toContain('2027-12-31');
      expect(corrections).toContain('2027-06-30');
      await expectAxeClean(phone, 'the person’s wrong-data ticket, corrected');
      await phone.screenshot({ path: artifactPath('ticket-card-corrected-vi-390x844.png'), fullPage: true });
      await phone.goto(`${url}/card`);
      await phone.getByText('30/06/2027').first().waitFor();
      expect(deskErrors).toEqual([]);
      expect(phoneErrors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
