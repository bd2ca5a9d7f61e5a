export { BulkImportPage } from './bulk-import-page';
