export { DevInboxPage } from './dev-inbox-page';
