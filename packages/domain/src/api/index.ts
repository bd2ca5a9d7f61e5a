/**
 * Every HTTP call of the system, one contract each (issue #21; contract.ts says how). An area's
 * contracts and schemas live in `<area>.ts`; import them from `@vssid/domain/api/<area>` (the web
 * does, so that a page's bundle holds only its own area). This index is for the server's route
 * table and its test: add a new area's namespace to `AREAS`.
 */
import * as auth from './auth';
import * as backOffice from './back-office';
import * as card from './card';
import * as declarations from './declarations';
import * as devInbox from './dev-inbox';
import * as documents from './documents';
import * as fhir from './fhir';
import * as gateway from './gateway';
import * as help from './help';
import * as lookup from './lookup';
import * as notifications from './notifications';
import * as payments from './payments';
import * as records from './records';
import * as registration from './registration';
import * as services from './services';
import * as sickPay from './sick-pay';
import * as staff from './staff';
import * as support from './support';
import * as system from './system';
import * as units from './units';
import { type Contract } from './contract';

export * from './contract';
export * from './common';

export const AREAS = {
  auth,
  backOffice,
  card,
  declarations,
  devInbox,
  documents,
  fhir,
  gateway,
  help,
  lookup,
  notifications,
  payments,
  records,
  registration,
  services,
  sickPay,
  staff,
  support,
  system,
  units,
} as const;

function isContract(value: unknown): value is Contract {
  return (
    typeof value === 'object' &&
    value !== null &&
    'method' in value &&
    'path' in value &&
    'responses' in value &&
    'access' in value
  );
}

/** Every contract of every area, with its area and export name (`card.listMyCards`). */
export function allContracts(): { name: string; contract: Contract }[] {
  const found: { name: string; contract: Contract }[] = [];
  for (const [area, module] of Object.entries(AREAS)) {
    for (const [name, value] of Object.entries(module)) {
      if (isContract(value)) found.push({ name: `${area}.${name}`, contract: value });
    }
  }
  return found;
}
