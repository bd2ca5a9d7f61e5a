import { ensureWebBuild } from '../scripts/web-build.ts';

/** Browser tests run against the production build of the PWA: build it first when it is stale. */
export default function setup(): void {
  ensureWebBuild();
}
