import { randomBytes, randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { DatabaseHandle } from '../../db/database';
import { createTestDatabase, testConfig, testKeySealer } from '../../testing/database';
import { createKeyStore } from '../card/key-store';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const tokenKeys = async () =>
  (await sql<{ kid: string; secret: Buffer }>`SELECT kid, secret FROM token_keys`.execute(database.db)).rows;
const cardKeys = async () =>
  (
    await sql<{
      kid: string;
      private_jwk: Record<string, unknown>;
    }>`SELECT kid, private_jwk FROM card_signing_keys`.execute(database.db)
  ).rows;

describe('the secret keys in the database', () => {
  it('are stored sealed: the access-token keys and the card signing keys', async () => {
    const app = await buildApp(testConfig(), { database });
    try {
      const [token] = await tokenKeys();
      expect(token?.secret.length).toBe(61);
      expect(testKeySealer().open(token?.secret ?? Buffer.alloc(0), `token_keys:${token?.kid}`).length).toBe(
        32,
      );
      await createKeyStore(database.db, testKeySealer()).activeKey();
      const [card] = await cardKeys();
      expect(card?.private_jwk).not.toHaveProperty('d');
      expect(card?.private_jwk).toHaveProperty('sealed');
      expect(JSON.stringify(card)).not.toMatch(/"d"/);
    } finally {
      await app.close();
    }
  });

  it('stored in the clear by an earlier version are sealed at the next start and keep working', async () => {
    const clear = randomBytes(32);
    const kid = `legacy-${randomUUID()}`;
    await sql`INSERT INTO token_keys (kid, secret, created_at) VALUES (${kid}, ${clear}, now() + interval '1 minute')`.execute(
      database.db,
    );
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const publicJwk = await exportJWK(publicKey);
    const cardKid = await calculateJwkThumbprint(publicJwk, 'sha256');
    const jwk = { ...(await exportJWK(privateKey)), kid: cardKid };
    await sql`UPDATE card_signing_keys SET retired_at = now()`.execute(database.db);
    await sql`INSERT INTO card_signing_keys (kid, public_jwk, private_jwk, created_at)
      VALUES (${cardKid}, ${JSON.stringify({ ...publicJwk, kid: cardKid })}::jsonb, ${JSON.stringify(jwk)}::jsonb, now())`.execute(
      database.db,
    );
    const app = await buildApp(testConfig(), { database });
    try {
      const legacy = (await tokenKeys()).find((k) => k.kid === kid);
      expect(legacy?.secret.length).toBe(61);
      expect(
        testKeySealer()
          .open(legacy?.secret ?? Buffer.alloc(0), `token_keys:${kid}`)
          .equals(clear),
      ).toBe(true);
      const card = (await cardKeys()).find((k) => k.kid === cardKid);
      expect(card?.private_jwk).not.toHaveProperty('d');
      const active = await createKeyStore(database.db, testKeySealer()).activeKey();
      expect(active.kid).toBe(cardKid);
      expect(active.privateKey.export({ format: 'jwk' }).d).toBe(jwk.d);
    } finally {
      await app.close();
    }
  });

  it('stop the start, saying why, when the key-encryption key does not open them', async () => {
    const other = randomBytes(32).toString('base64');
    await expect(buildApp(testConfig({ KEY_ENCRYPTION_KEY: other }), { database })).rejects.toThrow(
      /KEY_ENCRYPTION_KEY/,
    );
  });
});
