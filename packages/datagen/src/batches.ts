import { generateCatalogs } from './catalogs';
import { generatePeople } from './people';
import type { Catalogs, PersonBundle, TableName } from './rows';

type Batch = Partial<Record<TableName, object[]>> & { persons?: object[] };
interface BatchInfo {
  /** Persons generated so far, including this batch. */
  personsSoFar: number;
  rows: number;
}

/** The catalogs first, then people in batches; tables in an order that satisfies foreign keys. */
export function* nationBatches(
  seed: string,
  persons: number,
  batchPersons: number,
): Generator<[Batch, BatchInfo]> {
  const catalogs: Catalogs = generateCatalogs(seed, persons);
  const first: Batch = {
    bhxh_agencies: catalogs.agencies,
    clinics: catalogs.clinics,
    employer_units: catalogs.units,
    collection_agents: catalogs.agents,
  };
  yield [
    first,
    {
      personsSoFar: 0,
      rows:
        catalogs.agencies.length + catalogs.clinics.length + catalogs.units.length + catalogs.agents.length,
    },
  ];
  let batch = emptyPeopleBatch();
  let inBatch = 0;
  let soFar = 0;
  let rows = 0;
  for (const bundle of generatePeople(seed, persons, catalogs)) {
    rows += add(batch, bundle);
    inBatch++;
    soFar++;
    // Earlier batches are loaded first, so a guardian always precedes the child it is linked to.
    if (inBatch >= batchPersons) {
      yield [batch, { personsSoFar: soFar, rows }];
      batch = emptyPeopleBatch();
      inBatch = 0;
      rows = 0;
    }
  }
  if (inBatch > 0) yield [batch, { personsSoFar: soFar, rows }];
}

function emptyPeopleBatch(): Required<
  Pick<
    Batch,
    | 'population_registry'
    | 'persons'
    | 'bhyt_cards'
    | 'participation_periods'
    | 'benefit_payments'
    | 'medical_visits'
    | 'visit_documents'
    | 'service_requests'
    | 'service_request_actions'
  >
> {
  return {
    population_registry: [],
    persons: [],
    bhyt_cards: [],
    participation_periods: [],
    benefit_payments: [],
    medical_visits: [],
    visit_documents: [],
    service_requests: [],
    service_request_actions: [],
  };
}

function add(batch: ReturnType<typeof emptyPeopleBatch>, b: PersonBundle): number {
  batch.persons.push(b.person);
  if (b.registry) batch.population_registry.push(b.registry);
  batch.bhyt_cards.push(...b.cards);
  batch.participation_periods.push(...b.periods);
  batch.benefit_payments.push(...b.benefits);
  batch.medical_visits.push(...b.visits);
  batch.visit_documents.push(...b.documents);
  batch.service_requests.push(...b.requests);
  batch.service_request_actions.push(...b.requestActions);
  return (
    1 +
    (b.registry ? 1 : 0) +
    b.cards.length +
    b.periods.length +
    b.benefits.length +
    b.visits.length +
    b.documents.length +
    b.requests.length +
    b.requestActions.length
  );
}

/** Load order: catalogs, then person-scoped tables, parents before children. */
export const LOAD_ORDER: readonly TableName[] = [
  'bhxh_agencies',
  'clinics',
  'employer_units',
  'collection_agents',
  'population_registry',
  'persons',
  'bhyt_cards',
  'participation_periods',
  'benefit_payments',
  'medical_visits',
  'visit_documents',
  'service_requests',
  'service_request_actions',
];
