import type { FastifyRequest } from 'fastify';
import type { CallContext } from '../context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
/** Apps (not browsers) name their device with this header: a UUID they keep. */
export const DEVICE_HEADER = 'x-device-id';
/** Browsers: the device cookie the sign-in routes set (auth/plugin.ts). */
export const DEVICE_COOKIE = 'vssid_device';

/** The device a request names (header, then cookie), or null: a valid UUID only. */
export function deviceIdOf(request: FastifyRequest): string | null {
  const fromHeader = request.headers[DEVICE_HEADER];
  if (typeof fromHeader === 'string' && UUID.test(fromHeader)) return fromHeader.toLowerCase();
  const cookies = (request as { cookies?: Record<string, string | undefined> }).cookies;
  const cookie = cookies?.[DEVICE_COOKIE];
  return cookie && UUID.test(cookie) ? cookie : null;
}

/** The one context of a call (context.ts), read from the request: what services receive. */
export function contextOf(request: FastifyRequest, deviceId?: string | null): CallContext {
  const userAgent = request.headers['user-agent'] ?? '';
  // The device and its label are read when a service asks (sign-in, the device list): most calls
  // never do, and the label's dozen regular expressions need not run on every request.
  let id = deviceId;
  let label: string | undefined;
  return {
    principal: request.principal,
    language: request.language,
    requestId: request.id,
    client: {
      ip: request.ip,
      userAgent,
      get deviceId() {
        if (id === undefined) id = deviceIdOf(request);
        return id;
      },
      get deviceLabel() {
        label ??= deviceLabel(userAgent);
        return label;
      },
    },
  };
}

/** "Chrome · Android", "Safari · iOS": enough for a person to recognise a device in a list. */
function deviceLabel(userAgent: string): string {
  const os = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad|iOS/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X|Macintosh/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /(Chrome|Chromium|HeadlessChrome)\//.test(userAgent)
      ? 'Chrome'
      : /Firefox\//.test(userAgent)
        ? 'Firefox'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : null;
  const label = [browser, os].filter(Boolean).join(' · ');
  return label || userAgent.slice(0, 60) || 'unknown';
}
