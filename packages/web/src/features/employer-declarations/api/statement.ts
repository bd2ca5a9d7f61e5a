import { unitStatement, unitStatementPdf, unitStatementXlsx } from '@vssid/domain/api/declarations';
import { fetcher, urlOf } from '../../../shared/api-call';

/** The unit's monthly statement C12-TS. */
export const fetchStatement = fetcher(unitStatement);
/** Where the statement's PDF and spreadsheet are downloaded from (the session's cookie goes along). */
export const statementPdfUrl = (month: string) => urlOf(unitStatementPdf, { params: { month } });
export const statementXlsxUrl = (month: string) => urlOf(unitStatementXlsx, { params: { month } });
