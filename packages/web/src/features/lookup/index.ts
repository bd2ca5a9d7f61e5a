export { LookupPage } from './lookup-page';
