/** Sick-pay claims of an employer unit, dossier 630a (issue #27 item 5): `/employer/sick-leave`. */
export { SickLeavePage } from './sick-leave-page';
