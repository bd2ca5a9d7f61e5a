export { CardPage } from './card-page';
export { VerifyPage } from './verify-page';
export { forgetCards } from './card-store';
