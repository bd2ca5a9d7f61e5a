import { describe, expect, it } from 'vitest';
import { isServerNavigation, isServerPath, serverPathPattern } from './server-paths';

const SERVER = [
  '/api',
  '/api/',
  '/api/v1/meta',
  '/api/docs',
  '/fhir/Patient/1',
  '/healthz',
  '/readyz',
  '/.well-known/openid-configuration',
  '/dev/inbox/messages',
];
const APP = ['/', '/card', '/apiary', '/devices', '/healthzz', '/officer/api', '/xwell-known', '/history'];

describe('server paths', () => {
  it.each(SERVER)('%s belongs to the server', (path) => {
    expect(isServerPath(path)).toBe(true);
  });
  it.each(APP)('%s belongs to the app', (path) => {
    expect(isServerPath(path)).toBe(false);
  });
  it('escapes the dot of /.well-known', () => {
    expect(serverPathPattern('/.well-known').test('/xwell-known')).toBe(false);
  });
});

describe('isServerNavigation (the service worker copy of the rule)', () => {
  const call = (path: string, mode: RequestMode) =>
    isServerNavigation({ request: { mode } as Request, url: new URL(path, 'https://vssid.example') });

  it.each([...SERVER, ...APP])('agrees with SERVER_PATHS on %s', (path) => {
    expect(call(path, 'navigate')).toBe(isServerPath(path));
  });
  it('leaves fetches alone (an API call offline must fail, not get an HTML page)', () => {
    expect(call('/api/v1/meta', 'cors')).toBe(false);
    expect(call('/api/v1/meta', 'same-origin')).toBe(false);
  });
  it('uses nothing outside its own body', () => {
    // Workbox serialises the function with toString(): a reference to a module binding would break sw.js.
    expect(isServerNavigation.toString()).not.toMatch(/SERVER_PATHS|serverPathPattern|isServerPath/);
  });
});
