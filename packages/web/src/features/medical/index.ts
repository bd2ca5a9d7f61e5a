export { MedicalPage } from './medical-page';
