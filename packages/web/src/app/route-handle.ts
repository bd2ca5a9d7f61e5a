import type { WebKey } from '../i18n';

/** What a route tells its shell: the catalog key of its title (for `document.title`). */
export interface RouteHandle {
  titleKey: WebKey;
}

function isRouteHandle(handle: unknown): handle is RouteHandle {
  return (
    typeof handle === 'object' &&
    handle !== null &&
    'titleKey' in handle &&
    typeof handle.titleKey === 'string'
  );
}

/** The title key of the deepest matched route that has one (home has none: the app's name is its title). */
export function findTitleKey(matches: readonly { handle: unknown }[]): WebKey | undefined {
  for (let i = matches.length - 1; i >= 0; i--) {
    const handle = matches[i]?.handle;
    if (isRouteHandle(handle)) return handle.titleKey;
  }
  return undefined;
}
