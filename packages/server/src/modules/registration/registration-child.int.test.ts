import { describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { signInAs } from '../../testing/auth';
import { testConfig } from '../../testing/database';
import { appendAction, getDossier } from './dossiers';
import { pdfText } from '../../testing/pdf';
import {
  AGENCY,
  app,
  database,
  filed,
  form,
  newKey,
  person,
  photos,
  smtp,
  submit,
  useRegistrationWorld,
} from './test-fixtures';

/** Registration: expiry, the declaration by e-mail, and a guardian registering a child. */
useRegistrationWorld();

describe('expiry and messages', () => {
  it('expires submitted dossiers after 10 days once, with an SMS, and leaves the others', async () => {
    const p = await person({ phone: '0987000111' });
    const q = await person();
    expect((await submit(form(p, { phone: '0987000111' }))).statusCode).toBe(202);
    expect((await submit(form(q, { phone: '0987000222' }))).statusCode).toBe(202);
    const a = (await filed(p.code)).number;
    const b = (await filed(q.code)).number;
    const bd = await getDossier(app.database.db, { number: b });
    if (!bd) throw new Error('no dossier');
    await app.database.db
      .transaction()
      .execute((trx) => appendAction(trx, bd, 'record_paper', { type: 'officer', id: '1' }));

    expect(await app.dossierExpiry.runOnce(new Date(Date.now() + 9 * 86_400_000))).toEqual({ expired: 0 });
    const later = new Date(Date.now() + 10 * 86_400_000 + 60_000);
    const first = await app.dossierExpiry.runOnce(later);
    expect(first.expired).toBeGreaterThanOrEqual(1);
    expect(await app.dossierExpiry.runOnce(later)).toEqual({ expired: 0 });
    expect((await getDossier(app.database.db, { number: a }))?.status).toBe('expired');
    expect((await getDossier(app.database.db, { number: b }))?.status).toBe('paper_received');
    const sms = await app.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('template', '=', 'registration.sms.expired')
      .where('recipient', '=', '0987000111')
      .execute();
    expect(sms).toHaveLength(1);
    expect((sms[0]?.payload as { text: string }).text).toContain(a);
    // Expired: a new registration is possible again.
    expect((await submit(form(p, { phone: '0987000111' }))).statusCode).toBe(202);
    expect((await filed(p.code)).number).not.toBe(a);
  });

  it('emails the declaration PDF through a real SMTP server, exactly once across a restart', async () => {
    // The declaration goes to the email on record, not to an address typed in the form (#22 item 1).
    const p = await person({ email: 'nhung@example.vn' });
    const res = await submit(form(p, { email: 'someone.else@example.vn', emailDeclaration: true }));
    expect(res.statusCode).toBe(202);
    const { number } = await filed(p.code);
    // "Crash" after the commit: a second app on the same database delivers the queued messages.
    const restarted = await buildApp(testConfig({ DEMO: 'true', DEV_INBOX: 'true', SMTP_URL: smtp.url }), {
      database,
    });
    try {
      await restarted.outbox.runOnce();
      await restarted.outbox.runOnce();
    } finally {
      await restarted.close();
    }
    await app.outbox.runOnce();
    expect(smtp.mails.filter((m) => m.to.includes('someone.else@example.vn'))).toEqual([]);
    const mails = smtp.mails.filter((m) => m.to.includes('nhung@example.vn'));
    expect(mails).toHaveLength(1);
    const raw = mails[0]?.raw ?? '';
    expect(raw).toContain('application/pdf');
    expect(raw).toContain(`${number}.pdf`);
    const delivered = await app.database.db
      .selectFrom('outbox')
      .select(['delivered_at', 'attempts'])
      .where('idempotency_key', 'like', `registration.submitted:%:email`)
      .where('recipient', '=', 'nhung@example.vn')
      .execute();
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.delivered_at).not.toBeNull();
  }, 30_000);
});

describe('registering a child', () => {
  it('lets a guardian register their minor child, with an SMS holding the declaration link', async () => {
    const parent = await person();
    const guardian = await signInAs(app, { role: 'citizen', bhxhCode: parent.code, phone: '0933000111' });
    const child = await person({ name: 'Lê Minh Khôi', birth: '2016-03-02', guardian: parent.code });
    const adult = await person({ name: 'Lê Minh Đức', birth: '2000-03-02', guardian: parent.code });
    const stranger = await person({ name: 'Phạm Gia Hân', birth: '2017-01-01' });
    const childPhotos = { portrait: photos.portrait, birth_certificate: photos.id_front };
    const body = (code: string, name: string) => ({
      childBhxhCode: code,
      childFullName: name,
      agencyCode: AGENCY,
      delivery: 'post',
      commitment: true,
      photos: childPhotos,
    });
    const post = (payload: object, headers: Record<string, string> = guardian.headers) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/me/children/registrations',
        headers: { ...headers, 'idempotency-key': newKey() },
        payload,
      });

    expect((await post(body(child.code, child.name), {})).statusCode).toBe(401);
    expect((await post(body(stranger.code, stranger.name))).json()).toMatchObject({
      code: 'not_guardian',
      errors: [{ field: 'childBhxhCode' }],
    });
    expect((await post(body(adult.code, adult.name))).json()).toMatchObject({ code: 'child_not_minor' });
    expect(
      (await post({ ...body(child.code, child.name), photos: { portrait: photos.portrait } })).statusCode,
    ).toBe(400);

    const res = await post(body(child.code, child.name));
    expect(res.statusCode).toBe(201);
    const result = res.json<{ number: string; kind: string; form01Url: string }>();
    expect(result.kind).toBe('child');
    const sms = await app.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('template', '=', 'registration.sms.child')
      .where('recipient', '=', '0933000111')
      .execute();
    expect(sms).toHaveLength(1);
    expect((sms[0]?.payload as { text: string }).text).toContain(result.form01Url);

    // The guardian lists it and reads the declaration while signed in (no token needed).
    const mine = await app.inject({ url: '/api/v1/me/registrations', headers: guardian.headers });
    expect(mine.json<{ items: { number: string; fullName: string }[] }>().items).toEqual(
      expect.arrayContaining([expect.objectContaining({ number: result.number, fullName: 'Lê Minh Khôi' })]),
    );
    const pdf = await app.inject({
      url: `/api/v1/registrations/${result.number}/form01.pdf`,
      headers: guardian.headers,
    });
    expect(pdf.statusCode).toBe(200);
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('Lê Minh Khôi');
    expect(text).toContain(parent.name);
    // Someone else signed in: 404.
    const other = await signInAs(app, { role: 'citizen', bhxhCode: stranger.code });
    expect(
      (await app.inject({ url: `/api/v1/registrations/${result.number}/form01.pdf`, headers: other.headers }))
        .statusCode,
    ).toBe(404);
  }, 30_000);

  it("pages the guardian's dossiers newest first with a cursor that survives equal submission times", async () => {
    const parent = await person();
    const guardian = await signInAs(app, { role: 'citizen', bhxhCode: parent.code, phone: '0933000222' });
    const children = [
      await person({ name: 'Đỗ Gia Bảo', birth: '2015-01-01', guardian: parent.code }),
      await person({ name: 'Đỗ Gia Linh', birth: '2017-06-01', guardian: parent.code }),
      await person({ name: 'Đỗ Gia Hưng', birth: '2019-09-09', guardian: parent.code }),
    ];
    const numbers: string[] = [];
    for (const child of children) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/me/children/registrations',
        headers: { ...guardian.headers, 'idempotency-key': newKey() },
        payload: {
          childBhxhCode: child.code,
          childFullName: child.name,
          agencyCode: AGENCY,
          delivery: 'counter',
          commitment: true,
          photos: { portrait: photos.portrait, birth_certificate: photos.id_front },
        },
      });
      expect(res.statusCode).toBe(201);
      numbers.push(res.json<{ number: string }>().number);
    }
    type Page = {
      items: { number: string; fullName: string; agency: { name: string } }[];
      nextCursor: string | null;
    };
    const list = async (query: string) => {
      const res = await app.inject({ url: `/api/v1/me/registrations${query}`, headers: guardian.headers });
      expect(res.statusCode).toBe(200);
      return res.json<Page>();
    };
    const walk = async () => {
      const seen: Page['items'] = [];
      let page = await list('?limit=2');
      seen.push(...page.items);
      while (page.nextCursor) {
        expect(page.items).toHaveLength(2);
        page = await list(`?limit=2&cursor=${encodeURIComponent(page.nextCursor)}`);
        seen.push(...page.items);
      }
      return seen;
    };

    // Newest first, each dossier once, with its agency's name.
    const all = await walk();
    expect(all.map((d) => d.number)).toEqual([...numbers].reverse());
    expect(all.map((d) => d.fullName)).toEqual(children.map((c) => c.name).reverse());
    expect(all.every((d) => d.agency.name !== AGENCY)).toBe(true);
    expect((await list('')).items.map((d) => d.number)).toEqual([...numbers].reverse());

    // Three dossiers submitted in the same microsecond: still each once (the id breaks the tie).
    await app.database.db
      .updateTable('dossiers')
      .set({ submitted_at: new Date('2026-03-04T05:06:07.123Z') })
      .where('number', 'in', numbers)
      .execute();
    const tied = await walk();
    expect(tied).toHaveLength(3);
    expect(new Set(tied.map((d) => d.number))).toEqual(new Set(numbers));

    // A cursor this server did not make, and a page too large, name the field.
    for (const cursor of [
      'nonsense',
      Buffer.from('2026-02-30T00:00:00.000000Z|00000000-0000-0000-0000-000000000000').toString('base64url'),
    ]) {
      const bad = await app.inject({
        url: `/api/v1/me/registrations?cursor=${cursor}`,
        headers: guardian.headers,
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ errors: [{ field: 'cursor' }] });
    }
    const large = await app.inject({ url: '/api/v1/me/registrations?limit=51', headers: guardian.headers });
    expect(large.statusCode).toBe(400);
    expect(large.json()).toMatchObject({ errors: [{ field: 'limit' }] });
  }, 30_000);
});
