import fs from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** The system's Chromium for browser tests: `CHROMIUM_PATH`, or a usual install path; null when none. */
export function findChromium(): string | null {
  const given = process.env.CHROMIUM_PATH;
  if (given) return fs.existsSync(given) ? given : null;
  return CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}
