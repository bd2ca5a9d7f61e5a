/**
 * The employer's declarations (600, 600a, 600b) and monthly statement C12-TS (issue #27 items
 * 3–4): the pages under `/employer/declarations` and `/employer/statement`.
 */
export { DeclarationsPage } from './declarations-page';
export { StatementPage } from './statement-page';
