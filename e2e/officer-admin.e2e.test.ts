import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '@vssid/server';
import {
  artifactPath,
  awaitInboxMessage,
  catalogText,
  closeInOrder,
  collectErrors,
  DESKTOP_CONTEXT,
  DEV_INBOX_ENV,
  inboxIds,
  issuedPasswordIn,
  launchBrowser,
  signInWithOtp,
  startSystem,
} from './support';

/**
 * The officers' back office beyond registration, in the browser: an agency admin opens "Cán bộ
 * của cơ quan", is told what is wrong with a bad form next to its fields, creates an officer
 * (whose initial password reaches the development inbox by SMS), sees them in the list and
 * disables them after confirming; an officer opens a person's card with a purpose (audited),
 * and is told when a person is outside the agency's scope.
 */
let app: FastifyInstance;
let url: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
const text = catalogText('vi');

const AGENCY = 'E2E07';
const ADMIN = { username: 'quan.tri.e2e', name: 'Vũ Thị Quản Trị', phone: '0987650701' };
const OFFICER = { username: 'can.bo.the', name: 'Hoàng Văn Thẻ', phone: '0987650702' };
const PASSWORD = 'Cán-bộ-quản-trị-2026';
const NEW_OFFICER = { username: 'tran.van.moi', name: 'Trần Văn Mới', phone: '0912300701' };
/** In the agency's province (01) with a card, and one in another province (79). */
const PERSON = { code: '0100007001', name: 'Đặng Thị Hoa' };
const OUTSIDE = { code: '7900007002', name: 'Lý Văn Xa' };
const PURPOSE = 'Giải quyết hồ sơ cấp lại thẻ BHYT';

async function staffAccount(role: 'officer' | 'agency_admin', who: typeof ADMIN): Promise<void> {
  await app.database.db
    .insertInto('accounts')
    .values({
      role,
      username: who.username,
      agency_code: AGENCY,
      display_name: who.name,
      phone: who.phone,
      password_hash: await hashPassword(PASSWORD),
      must_change_password: false,
    })
    .execute();
}

beforeAll(async () => {
  ({ app, url } = await startSystem(DEV_INBOX_ENV));
  const db = app.database.db;
  await db
    .insertInto('bhxh_agencies')
    .values({
      code: AGENCY,
      level: 'province',
      name: 'BHXH tỉnh thử nghiệm 7',
      address: 'Số 7',
      province_code: '01',
    })
    .execute();
  await db
    .insertInto('clinics')
    .values({
      code: '01C77',
      name: 'Trạm Y tế phường thử nghiệm',
      level: 'commune',
      address: '7 phố Thử Nghiệm',
      province_code: '01',
    })
    .execute();
  await staffAccount('agency_admin', ADMIN);
  await staffAccount('officer', OFFICER);
  await db
    .insertInto('persons')
    .values([
      {
        bhxh_code: PERSON.code,
        full_name: PERSON.name,
        birth_date: '1985-05-06',
        birth_year: 1985,
        gender: 'female',
        province_code: '01',
      },
      {
        bhxh_code: OUTSIDE.code,
        full_name: OUTSIDE.name,
        birth_date: '1979-09-01',
        birth_year: 1979,
        gender: 'male',
        province_code: '79',
      },
    ])
    .execute();
  const year = new Date().getUTCFullYear();
  await db
    .insertInto('bhyt_cards')
    .values({
      bhxh_code: PERSON.code,
      card_number: PERSON.code,
      object_code: 'GD',
      benefit_level: 4,
      registered_clinic_code: '01C77',
      valid_from: `${year}-01-01`,
      valid_to: `${year + 1}-12-31`,
      five_year_date: null,
      issued_on: `${year}-01-01`,
      issuing_agency_code: AGENCY,
      status: 'active',
      replaced_by_id: null,
    })
    .execute();
  browser = await launchBrowser();
});

afterAll(() => closeInOrder(...contexts, browser, app));

/** A fresh desktop browser on `path`, signed in there with the password and the staff OTP. */
async function signedIn(path: string, who: typeof ADMIN): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext(DESKTOP_CONTEXT);
  contexts.push(context);
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(`${url}${path}`);
  await signInWithOtp(page, url, { ...who, password: PASSWORD });
  await page.getByTestId('staff-account').waitFor();
  return { page, errors };
}

describe("the agency's officers and a person's card (officers' back office)", () => {
  it('an agency admin creates an officer, sees them in the list and disables them', async () => {
    const { page, errors } = await signedIn('/officer', ADMIN);
    const nav = page.getByTestId('side-nav');
    await nav.getByRole('link', { name: text('officer.nav.officers') }).click();
    const table = page.getByTestId('officers-table');
    await table.waitFor();
    expect(await page.getByTestId(`officer-row-${OFFICER.username}`).innerText()).toContain(OFFICER.name);
    // The admin's own row has no action: admins are not changed here.
    const adminRow = page.getByTestId(`officer-row-${ADMIN.username}`);
    expect(await adminRow.innerText()).toContain(text('officer.accounts.roleAdmin'));
    expect(await adminRow.getByRole('button').count()).toBe(0);

    // A bad form: the server's field errors, in Vietnamese, next to their fields.
    const form = page.getByTestId('officer-form');
    const username = form.getByLabel(text('officer.accounts.username'));
    const phone = form.getByLabel(text('officer.accounts.phone'));
    await username.fill('Trần Mới');
    await form.getByLabel(text('officer.accounts.displayName')).fill(NEW_OFFICER.name);
    await phone.fill('12345');
    await form.getByRole('button', { name: text('officer.accounts.create') }).click();
    await form.getByText(text('officer.accounts.errors.phone')).waitFor();
    await form.getByText(text('officer.accounts.errors.username')).waitFor();
    expect(await phone.getAttribute('aria-invalid')).toBe('true');
    expect(
      await form.getByLabel(text('officer.accounts.displayName')).getAttribute('aria-invalid'),
    ).toBeNull();

    // Corrected: created, and the initial password goes to the officer's phone by SMS.
    const seen = await inboxIds(url, NEW_OFFICER.phone);
    await username.fill(NEW_OFFICER.username);
    await phone.fill('0912 300 701');
    await form.getByRole('button', { name: text('officer.accounts.create') }).click();
    const created = page.getByTestId('officer-created');
    await created.waitFor();
    expect(await created.innerText()).toBe(
      text('officer.accounts.created')
        .replace('{{username}}', NEW_OFFICER.username)
        .replace('{{name}}', NEW_OFFICER.name)
        .replace('{{phone}}', NEW_OFFICER.phone),
    );
    const sms = await awaitInboxMessage(url, NEW_OFFICER.phone, 'account.issued', { seen });
    expect(issuedPasswordIn(sms.payload.text)).toMatch(/^\S{8,}$/);
    const row = page.getByTestId(`officer-row-${NEW_OFFICER.username}`);
    await row.waitFor();
    expect(await row.innerText()).toContain(NEW_OFFICER.name);
    expect(await row.getByTestId('officer-status').innerText()).toBe(
      text('officer.accounts.statuses.active'),
    );
    await page.screenshot({ path: artifactPath('officer-accounts-vi-1280x800.png'), fullPage: true });

    // The same user name again: taken, said next to the field.
    await username.fill(NEW_OFFICER.username);
    await form.getByLabel(text('officer.accounts.displayName')).fill('Người Khác');
    await phone.fill('0912300799');
    await form.getByRole('button', { name: text('officer.accounts.create') }).click();
    await form.getByText(text('officer.accounts.errors.usernameTaken')).waitFor();

    // Disable, after a confirmation that can be cancelled.
    await row.getByRole('button', { name: text('officer.accounts.disable') }).click();
    await row.getByRole('button', { name: text('officer.dossier.cancel') }).click();
    expect(await row.getByTestId('officer-status').innerText()).toBe(
      text('officer.accounts.statuses.active'),
    );
    await row.getByRole('button', { name: text('officer.accounts.disable') }).click();
    const confirm = row.getByRole('group', { name: text('officer.accounts.confirmTitle') });
    expect(await confirm.innerText()).toContain(NEW_OFFICER.name);
    await confirm.getByRole('button', { name: text('officer.dossier.confirm') }).click();
    await expect
      .poll(() => row.getByTestId('officer-status').innerText())
      .toBe(text('officer.accounts.statuses.disabled'));
    await row.getByRole('button', { name: text('officer.accounts.enable') }).waitFor();
    const stored = await app.database.db
      .selectFrom('accounts')
      .select(['status', 'agency_code', 'role'])
      .where('username', '=', NEW_OFFICER.username)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'disabled', agency_code: AGENCY, role: 'officer' });
    expect(errors).toEqual([]);
  });

  it("an officer opens a person's card with a purpose, within the agency's scope only", async () => {
    const { page, errors } = await signedIn('/officer/cards', OFFICER);
    const nav = page.getByTestId('side-nav');
    await nav.getByRole('link', { name: text('officer.nav.cards') }).waitFor();
    // Officers do not manage accounts: no link to the officers screen.
    expect(await nav.getByRole('link', { name: text('officer.nav.officers') }).count()).toBe(0);

    const form = page.getByTestId('card-query');
    const code = form.getByLabel(text('officer.card.bhxhCode'));
    const purpose = form.getByLabel(text('officer.card.purpose'));
    const submit = form.getByRole('button', { name: text('officer.card.submit') });

    // Without a purpose worth the name, nothing is read.
    await code.fill(PERSON.code);
    await purpose.fill('xe');
    await submit.click();
    await form.getByText(text('officer.card.errors.purpose')).waitFor();
    expect(await page.getByTestId('card-holder-name').count()).toBe(0);

    // A person of another province: "no card within your agency's scope".
    await code.fill(OUTSIDE.code);
    await purpose.fill(PURPOSE);
    await submit.click();
    await expect
      .poll(() => page.getByTestId('card-read-error').innerText())
      .toBe(text('officer.card.notInScope'));

    // The person in scope: the card as the citizen's Thẻ BHYT shows it.
    await code.fill('0100 007 001');
    await submit.click();
    await expect.poll(() => page.getByTestId('card-holder-name').innerText()).toBe(PERSON.name);
    expect(await page.getByTestId('card-read-error').count()).toBe(0);
    expect(await page.getByTestId('card-status').innerText()).toBe(text('card.status.valid'));
    // Read by an officer, the benefits are the holder's, not "yours".
    await page.getByRole('heading', { name: text('card.benefitTitleStaff') }).waitFor();
    expect(await page.getByText(text('officer.card.audited').replace('{{purpose}}', PURPOSE)).count()).toBe(
      1,
    );
    await page.screenshot({ path: artifactPath('officer-card-vi-1280x800.png'), fullPage: true });
    await page.getByRole('button', { name: text('card.show') }).click();
    const dialog = page.getByTestId('card-dialog');
    await dialog.getByTestId('official-qr').waitFor();
    await dialog.getByRole('button', { name: text('card.close') }).click();
    await dialog.waitFor({ state: 'detached' });

    // The read is in the audit log with its purpose; the refused one read nothing.
    const audited = await app.database.db
      .selectFrom('audit_log')
      .select(['subject_bhxh_code', 'purpose', 'actor_type'])
      .where('action', '=', 'records.card.read')
      .execute();
    expect(audited).toEqual([{ subject_bhxh_code: PERSON.code, purpose: PURPOSE, actor_type: 'officer' }]);

    // The officers screen itself tells an officer it is for admins.
    await page.goto(`${url}/officer/officers`);
    await page.getByText(text('officer.accounts.adminsOnly')).waitFor();
    expect(errors).toEqual([]);
  });
});
