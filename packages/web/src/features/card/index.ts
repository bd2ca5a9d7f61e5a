export { CardGlance } from './card-glance';
export { CardSummary } from './card-view';
export type { CardView } from './types';
