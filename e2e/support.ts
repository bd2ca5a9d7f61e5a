import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium } from 'playwright-core';
import { buildApp, loadConfig } from '@vssid/server';

export const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');

/** The whole system as `npm start` runs it (production build of the PWA, same port), on an in-memory database. */
export async function startSystem(
  env: Record<string, string> = {},
): Promise<{ app: FastifyInstance; url: string }> {
  const app = await buildApp(
    loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_IN_MEMORY: 'true',
      HOST: '127.0.0.1',
      PORT: '0',
      ...env,
    }),
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return { app, url: `http://127.0.0.1:${address.port}` };
}

/** The system's Chromium, headless, with the flags this machine needs (no background networking). */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH;
  if (!executablePath) throw new Error('CHROMIUM_PATH is not set');
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export function artifactPath(name: string): string {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}

type Tree = { [k: string]: string | Tree };
/** Flattened `web` catalog of one language, read the way the app reads it. */
export function webCatalog(language: string): Map<string, string> {
  const file = path.resolve(
    path.dirname(fileURLToPath(import.meta.url)),
    `../packages/domain/src/i18n/locales/${language}/web.json`,
  );
  const out = new Map<string, string>();
  const walk = (tree: Tree, prefix: string) => {
    for (const [k, v] of Object.entries(tree)) {
      if (typeof v === 'string') out.set(prefix + k, v);
      else walk(v, `${prefix}${k}.`);
    }
  };
  walk(JSON.parse(fs.readFileSync(file, 'utf8')) as Tree, '');
  return out;
}
