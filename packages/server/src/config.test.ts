import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, EnvSchema, loadConfig } from './config';

const readme = fs.readFileSync(
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../README.md'),
  'utf8',
);

describe('configuration', () => {
  it('has defaults that run a laptop: embedded database, port 3000', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.databaseInMemory).toBe(false);
    expect(c.dataDir).toBe(path.resolve('./data'));
    expect(c.publicUrl).toBe('http://localhost:3000');
    expect(c.corsOrigins).toEqual([]);
  });

  it('parses values and lists', () => {
    const c = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u:p@db:5432/vssid',
      CORS_ORIGINS: 'https://a.example.vn, https://b.example.vn',
      DATABASE_IN_MEMORY: 'yes',
    });
    expect(c).toMatchObject({
      port: 8080,
      publicUrl: 'http://localhost:8080',
      databaseUrl: 'postgres://u:p@db:5432/vssid',
      corsOrigins: ['https://a.example.vn', 'https://b.example.vn'],
      databaseInMemory: true,
    });
  });

  it('demo mode is one explicit switch: the inbox only with DEMO, and DEMO refused on a DATABASE_URL unless forced (#22 item 7)', () => {
    expect(loadConfig({ DEV_INBOX: 'true' }).devInbox).toBe(false);
    expect(loadConfig({ DEMO: 'true', DEV_INBOX: 'true' })).toMatchObject({ demo: true, devInbox: true });
    const url = 'postgres://user@db.example:5432/vssid';
    expect(() => loadConfig({ DEMO: 'true', DATABASE_URL: url })).toThrow(/DEMO_FORCE/);
    expect(loadConfig({ DEMO: 'true', DEMO_FORCE: '1', DATABASE_URL: url }).demo).toBe(true);
    expect(loadConfig({ DATABASE_URL: url }).demo).toBe(false);
  });

  it('stops with a message naming each bad variable', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^PORT:/m);
    expect(problems).toMatch(/^DATABASE_URL:/m);
    expect(problems).toMatch(/^LOG_LEVEL:/m);
  });

  it('is documented: the README configuration table lists exactly the variables the schema reads', () => {
    const section = readme.split(/^## Configuration/m)[1]?.split(/^## /m)[0] ?? '';
    const documented = [...section.matchAll(/^\|\s*`([A-Z_]+)`\s*\|/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(Object.keys(EnvSchema.shape).sort());
  });
});
