/** The system's Chromium for browser tests: `CHROMIUM_PATH`, or a usual install path; null when none. */
export declare function findChromium(): string | null;
/** The flags Chromium needs on this machine and CI (as root, no GPU, nothing fetched in the background). */
export declare const CHROMIUM_FLAGS: readonly ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
