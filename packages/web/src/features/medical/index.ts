export { MedicalPage } from './medical-page';
export { MedicalVisitPage } from './visit-page';
