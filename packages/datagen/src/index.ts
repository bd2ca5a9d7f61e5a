export { generateCatalogs } from './catalogs';
export { generatePeople, bhxhCodeOf, AS_OF, MAX_PERSONS } from './people';
export { nationBatches, LOAD_ORDER } from './batches';
export { loadWithCopy, loadWithInserts, type LoadOptions, type LoadReport } from './load';
export { copyLines, copyValue } from './encode';
export { ensureDemoData, DEMO_PERSONS, DEMO_SEED } from './demo';
export type * from './rows';
