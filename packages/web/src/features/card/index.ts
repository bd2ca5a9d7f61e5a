export { CardSummary } from './card-view';
export type { CardView } from './types';
