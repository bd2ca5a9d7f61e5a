export { PaymentPage } from './payment-page';
export { PaymentReceipts } from './payment-receipts';
export { ReconciliationPage } from './reconciliation-page';
