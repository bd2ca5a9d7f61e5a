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

/** The flags Chromium needs on this machine and CI (as root, no GPU, nothing fetched in the background). */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;
