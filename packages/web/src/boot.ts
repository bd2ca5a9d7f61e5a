/**
 * The first script of index.html, a few hundred bytes: it starts downloading the catalogs of the
 * language on screen and the chunk of the page a fresh tab opens on, beside the app's own larger
 * scripts (main.tsx, which then finds both in the module map) instead of after them (issue #20,
 * item 11). Module scripts run in document order, each as soon as it and those before it have
 * arrived: this one does not wait for main.tsx.
 */
import { preloadCitizenPage } from './app/citizen-pages';
import { startLanguage } from './i18n/catalogs';

startLanguage();
preloadCitizenPage(window.location.pathname);
