import { createDecipheriv, createECDH, hkdfSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { compactVerify, importJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { signInAs } from '../../testing/auth';
import { createTestDatabase, testConfig } from '../../testing/database';
import { notify } from './inbox-service';

/**
 * Issue 25, Web Push: a push service on loopback (this test) receives what the outbox delivers
 * and decrypts it as a browser would (RFC 8291, aes128gcm, with the device's private key), checks
 * the VAPID token (RFC 8292), and can answer 410 (the subscription is then removed).
 */

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

/** RFC 8291 §3.4 and RFC 8188: one aes128gcm record, decrypted with the device's keys. */
function decryptAes128gcm(
  body: Buffer,
  device: { ecdh: ReturnType<typeof createECDH>; auth: Buffer },
): string {
  const salt = body.subarray(0, 16);
  const idLength = body.readUInt8(20);
  const serverPublic = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  const shared = device.ecdh.computeSecret(serverPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), device.ecdh.getPublicKey(), serverPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', shared, device.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([
    decipher.update(ciphertext.subarray(0, ciphertext.length - 16)),
    decipher.final(),
  ]);
  // The last record ends with the delimiter 0x02, then zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  expect(padded[end]).toBe(2);
  return padded.subarray(0, end).toString('utf8');
}

interface Received {
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

let database: DatabaseHandle;
let app: FastifyInstance;
let pushService: http.Server;
let origin = '';
const received: Received[] = [];
let answer = 201;

beforeAll(async () => {
  pushService = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => pushService.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${String((pushService.address() as AddressInfo).port)}`;
  database = await createTestDatabase();
  app = await buildApp(testConfig({ PUSH_ENDPOINT_HOSTS: '127.0.0.1' }), { database });
});
afterAll(async () => {
  await app.close();
  await database.close();
  await new Promise((resolve) => pushService.close(resolve));
});

describe('Web Push', () => {
  it('delivers an encrypted, VAPID-signed push the device decrypts; honours preferences; 410 removes it', async () => {
    const citizen = await signInAs(app, {
      role: 'citizen',
      bhxhCode: '0100000777',
      displayName: 'Vũ Thị Đẩy',
    });
    const device = { ecdh: createECDH('prime256v1'), auth: randomBytes(16) };
    device.ecdh.generateKeys();
    const subscription = {
      endpoint: `${origin}/push/device-1`,
      keys: { p256dh: b64url(device.ecdh.getPublicKey()), auth: b64url(device.auth) },
    };

    // An endpoint on another host is refused, naming the field.
    const elsewhere = await app.inject({
      method: 'POST',
      url: '/api/v1/me/push-subscriptions',
      headers: citizen.headers,
      payload: { ...subscription, endpoint: 'https://169.254.169.254/latest' },
    });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('endpoint');

    const subscribed = await app.inject({
      method: 'POST',
      url: '/api/v1/me/push-subscriptions',
      headers: citizen.headers,
      payload: subscription,
    });
    expect(subscribed.statusCode).toBe(204);
    const key = await app.inject({ url: '/api/v1/push/key' });
    const publicKey = key.json<{ publicKey: string }>().publicKey;

    await notify(
      app.database.db,
      { bhxhCode: '0100000777' },
      {
        template: 'notifications.greetings.birthday',
        idempotencyKey: 'push-test:1',
      },
    );
    expect(await app.outbox.runOnce()).toEqual({ delivered: 1, failed: 0 });
    expect(received).toHaveLength(1);
    const push = received[0];
    if (!push) throw new Error('nothing pushed');
    expect(push.url).toBe('/push/device-1');
    expect(push.headers['content-encoding']).toBe('aes128gcm');
    const payload = JSON.parse(decryptAes128gcm(push.body, device)) as Record<string, unknown>;
    expect(payload).toMatchObject({ title: 'Chúc mừng sinh nhật', url: '/notifications', lang: 'vi' });
    expect(payload.body).toContain('Vũ Thị Đẩy');

    // The VAPID token: signed by the key the server publishes, for this push service's origin.
    const vapid = /^vapid t=([^,]+), k=(.+)$/.exec(String(push.headers.authorization));
    expect(vapid?.[2]).toBe(publicKey);
    const raw = Buffer.from(publicKey, 'base64url');
    const jwk = { kty: 'EC', crv: 'P-256', x: b64url(raw.subarray(1, 33)), y: b64url(raw.subarray(33, 65)) };
    const verified = await compactVerify(vapid?.[1] ?? '', await importJWK(jwk, 'ES256'));
    const claims = JSON.parse(new TextDecoder().decode(verified.payload)) as { aud: string; sub: string };
    expect(claims.aud).toBe(origin);

    // System messages turned off: the inbox gets it, the device does not.
    const prefs = await app.inject({
      method: 'PUT',
      url: '/api/v1/me/notification-preferences',
      headers: citizen.headers,
      payload: { news: true, system: false, greeting: true },
    });
    expect(prefs.statusCode).toBe(200);
    await notify(
      app.database.db,
      { bhxhCode: '0100000777' },
      {
        template: 'notifications.greetings.birthday',
        idempotencyKey: 'push-test:2',
      },
    );
    expect(await app.outbox.runOnce()).toEqual({ delivered: 0, failed: 0 });
    expect(received).toHaveLength(1);

    // The push service says the subscription is gone: it is removed, the message is done.
    await app.inject({
      method: 'PUT',
      url: '/api/v1/me/notification-preferences',
      headers: citizen.headers,
      payload: { news: true, system: true, greeting: true },
    });
    answer = 410;
    await notify(
      app.database.db,
      { bhxhCode: '0100000777' },
      {
        template: 'notifications.greetings.birthday',
        idempotencyKey: 'push-test:3',
      },
    );
    expect(await app.outbox.runOnce()).toEqual({ delivered: 1, failed: 0 });
    expect(received).toHaveLength(2);
    const left = await app.database.db.selectFrom('push_subscriptions').selectAll().execute();
    expect(left).toEqual([]);
  });
});
