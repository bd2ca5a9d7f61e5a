/** Whether `packages/web/dist` is missing or older than anything it is built from. */
export declare function webBuildIsStale(): boolean;
/** Builds the PWA when its build is missing or stale; throws when the build fails. */
export declare function ensureWebBuild(log?: (line: string) => void): void;
