import { type RefObject, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useMatches } from 'react-router';
import { documentTitle } from '../i18n';
import { findTitleKey } from './route-handle';

/** Keeps `document.title` on the current page's title, in the current language. */
export function useDocumentTitle(): void {
  const { t } = useTranslation(['web', 'common']);
  const titleKey = findTitleKey(useMatches());
  const title = documentTitle(titleKey ? t(titleKey) : undefined, {
    name: t('common:appName'),
    shortName: t('common:appShortName'),
  });
  useEffect(() => {
    document.title = title;
  }, [title]);
}

/**
 * After a navigation inside the app, moves focus to the main region, so that keyboard and
 * screen-reader users start at the new page rather than on the link they left behind.
 */
export function useFocusOnNavigation(main: RefObject<HTMLElement | null>): void {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    main.current?.focus({ preventScroll: true });
  }, [pathname, main]);
}
