/**
 * Sign in with VNeID (issue 4 §9): the button for the citizen sign-in screen and the pages the
 * server's callback sends the browser to when no session opened (no account: how to register;
 * failed: why, and try again).
 */
export { VneidButton } from './vneid-button';

export { VneidFailedPage, VneidNoAccountPage } from './vneid-pages';
