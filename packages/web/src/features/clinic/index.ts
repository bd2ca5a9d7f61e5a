/** The clinic's screens (issue #24): the card check with today's checks, visit files, clerks. */
export { ClinicCheckPage } from './check-page';
export { ClinicClerksPage, ClinicFilesPage } from './files-page';
