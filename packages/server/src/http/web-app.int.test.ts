import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import type { DatabaseHandle } from '../db/database';
import { createTestDatabase, testConfig } from '../testing/database';

/** Issue #20 items 4 and 11: the PWA's deep links, its precompressed files, compressed API answers. */
let database: DatabaseHandle;
let app: FastifyInstance;
let dist: string;

const INDEX = `<!doctype html><html lang="vi"><head><title>VssID</title></head><body><div id="root"></div>${'<!-- shell -->'.repeat(100)}</body></html>`;
const SCRIPT = `export const app = ${JSON.stringify('x'.repeat(4000))};\n`;

beforeAll(async () => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'vssid-web-'));
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.writeFileSync(path.join(dist, 'index.html'), INDEX);
  fs.writeFileSync(path.join(dist, 'index.html.br'), zlib.brotliCompressSync(INDEX));
  fs.writeFileSync(path.join(dist, 'index.html.gz'), zlib.gzipSync(INDEX));
  fs.writeFileSync(path.join(dist, 'assets/index-Ab12Cd34.js'), SCRIPT);
  fs.writeFileSync(path.join(dist, 'assets/index-Ab12Cd34.js.br'), zlib.brotliCompressSync(SCRIPT));
  fs.writeFileSync(path.join(dist, 'assets/index-Ab12Cd34.js.gz'), zlib.gzipSync(SCRIPT));
  fs.writeFileSync(path.join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});\n');
  database = await createTestDatabase();
  app = await buildApp(testConfig({ SERVE_WEB: 'true', WEB_DIST_DIR: dist }), { database });
});
afterAll(async () => {
  await app.close();
  await database.close();
  fs.rmSync(dist, { recursive: true, force: true });
});

describe('deep links (item 4)', () => {
  it.each(['/', '/card', '/officer/dossiers/00001.GD_2026_01', '/medical/01C54.2025.123', '/a.b/c.d'])(
    '%s answers the app shell, not a problem',
    async (url) => {
      const res = await app.inject({ url, headers: { accept: 'text/html' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toBe(INDEX);
    },
  );

  it.each([
    '/api/v1/nothing.json',
    '/api',
    '/.well-known/nothing.txt',
    '/fhir/R4/x.y',
    '/assets/index-Old.js',
  ])('%s stays a 404 of the server (problem+json; FHIR: an OperationOutcome)', async (url) => {
    const res = await app.inject({ url, headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/(?:problem|fhir)\+json/);
  });

  it('answers index.html to HEAD and nothing to a POST of an app path', async () => {
    expect((await app.inject({ method: 'HEAD', url: '/officer/dossiers/00001.GD_2026_01' })).statusCode).toBe(
      200,
    );
    expect((await app.inject({ method: 'POST', url: '/card' })).statusCode).toBe(404);
  });
});

describe('compression and caching (item 11)', () => {
  it('sends the precompressed hashed asset the client prefers, cached for a year', async () => {
    for (const [accept, encoding, decode] of [
      ['gzip, deflate, br', 'br', zlib.brotliDecompressSync],
      ['gzip', 'gzip', zlib.gunzipSync],
    ] as const) {
      const res = await app.inject({
        url: '/assets/index-Ab12Cd34.js',
        headers: { 'accept-encoding': accept },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['content-type']).toMatch(/javascript/);
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(decode(res.rawPayload).toString()).toBe(SCRIPT);
    }
    const plain = await app.inject({ url: '/assets/index-Ab12Cd34.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
  });

  it('sends the app shell of a deep link compressed, and the service worker unchanged every time', async () => {
    const res = await app.inject({
      url: '/officer/dossiers/00001.GD_2026_01',
      headers: { 'accept-encoding': 'br' },
    });
    expect(res.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(INDEX);
    const sw = await app.inject({ url: '/sw.js' });
    expect(sw.headers['cache-control']).toBe('no-cache');
  });

  it('compresses API JSON above 1 KB, and leaves small answers alone', async () => {
    const big = await app.inject({ url: '/api/openapi.json', headers: { 'accept-encoding': 'br, gzip' } });
    expect(big.statusCode).toBe(200);
    expect(big.headers['content-encoding']).toBe('br');
    expect(JSON.parse(zlib.brotliDecompressSync(big.rawPayload).toString())).toHaveProperty('openapi');
    const small = await app.inject({ url: '/healthz', headers: { 'accept-encoding': 'br, gzip' } });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json()).toEqual({ status: 'ok' });
  });
});
