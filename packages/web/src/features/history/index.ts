export { HistoryPage, BenefitsPage, MedicalPage } from './history-pages';
