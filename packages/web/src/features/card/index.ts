export { CardPage } from './card-page';
export { CardGlance } from './card-glance';
export { CardSummary } from './card-view';
export type { CardView } from './types';
export { VerifyPage } from './verify-page';
export { forgetCards } from './card-store';
