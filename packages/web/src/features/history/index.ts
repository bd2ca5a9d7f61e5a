export { HistoryPage, useForCode } from './history-page';
export { DataAccessSection } from './data-access-section';

export { RecordView } from './record-view';
export { useRecord } from './use-record';
export { withFor } from './format';
export { fetchMyBenefits, fetchMyMedicalVisit, fetchMyMedicalVisits, forQuery } from './api';
