import { BUDGETS } from '../scenarios';
import type { Report } from './report';

/** The budgets a run is held to (bench/scenarios.ts): what failed, one line each. */
export function checkBudgets(report: Report): string[] {
  const failures: string[] = [];
  const get = (name: string) => report.scenarios.find((s) => s.name === name);
  for (const s of report.scenarios) {
    if (s.missing) failures.push(`${s.name}: not measured (${s.missing})`);
    else if ((s.errors ?? 0) > 0) failures.push(`${s.name}: ${s.errors} errors`);
  }
  for (const name of ['card-view', 'participation', 'benefits', 'medical-history']) {
    const s = get(name);
    if (s && !s.missing && (s.p95_ms ?? Infinity) > BUDGETS.historyP95Ms)
      failures.push(`${name}: p95 ${s.p95_ms} ms > ${BUDGETS.historyP95Ms} ms`);
  }
  const inbox = get('inbox-read');
  if (inbox && !inbox.missing && (inbox.p95_ms ?? Infinity) > BUDGETS.inboxP95Ms)
    failures.push(`inbox-read: p95 ${inbox.p95_ms} ms > ${BUDGETS.inboxP95Ms} ms`);
  const card = get('card-view');
  if (card && !card.missing && (card.ratio_to_db ?? 0) < BUDGETS.cardToDbRatioMin)
    failures.push(`card-view: ${card.ratio_to_db} × db < ${BUDGETS.cardToDbRatioMin}`);
  // Floor-relative budgets: each scenario against its floor measured in the same run.
  const againstFloor = (
    name: string,
    min: number,
    floor: { rps: number; errors: number } | null | undefined,
  ) => {
    const s = get(name);
    if (!s || s.missing) return;
    if (!floor) failures.push(`${name}: its floor was not measured`);
    else if (floor.errors > 0) failures.push(`${name}: its floor had ${floor.errors} errors`);
    else if ((s.rps ?? 0) < min * floor.rps)
      failures.push(
        `${name}: ${s.rps}/s < ${min} × its floor's ${floor.rps}/s (${ratio(s.rps, floor.rps)} ×)`,
      );
  };
  againstFloor('signin', BUDGETS.signinToFloorMin, report.baselines.signin_floor);
  const lookup = get('bhxh-code-lookup');
  if (lookup && !lookup.missing && (lookup.p95_ms ?? Infinity) > BUDGETS.lookupP95Ms)
    failures.push(`bhxh-code-lookup: p95 ${lookup.p95_ms} ms > ${BUDGETS.lookupP95Ms} ms`);
  const directory = get('directory-search');
  if (directory && !directory.missing && (directory.p95_ms ?? Infinity) > BUDGETS.directoryP95Ms)
    failures.push(`directory-search: p95 ${directory.p95_ms} ms > ${BUDGETS.directoryP95Ms} ms`);
  againstFloor(
    'registration-submit',
    BUDGETS.registrationToFloorMin,
    report.baselines.registration_server_floor,
  );
  const submitRequest = get('service-request-submit');
  if (
    submitRequest &&
    !submitRequest.missing &&
    (submitRequest.ratio_to_db ?? 0) < BUDGETS.serviceRequestToDbRatioMin
  )
    failures.push(
      `service-request-submit: ${submitRequest.ratio_to_db} × db < ${BUDGETS.serviceRequestToDbRatioMin}`,
    );
  const statement = get('employer-statement');
  if (statement && !statement.missing && (statement.p95_ms ?? Infinity) > BUDGETS.statementP95Ms)
    failures.push(`employer-statement: p95 ${statement.p95_ms} ms > ${BUDGETS.statementP95Ms} ms`);
  const requestQueue = get('officer-request-queue');
  if (requestQueue && !requestQueue.missing && (requestQueue.p95_ms ?? Infinity) > BUDGETS.requestQueueP95Ms)
    failures.push(`officer-request-queue: p95 ${requestQueue.p95_ms} ms > ${BUDGETS.requestQueueP95Ms} ms`);
  // The clinic gateway (issue #24); the CPU per request of both is in the report's CPU table.
  const gatewayCheck = get('gateway-card-check');
  if (gatewayCheck && !gatewayCheck.missing) {
    if ((gatewayCheck.ratio_to_db ?? 0) < BUDGETS.gatewayCheckToDbRatioMin)
      failures.push(
        `gateway-card-check: ${gatewayCheck.ratio_to_db} × db < ${BUDGETS.gatewayCheckToDbRatioMin}`,
      );
    if ((gatewayCheck.p95_ms ?? Infinity) > BUDGETS.gatewayCheckP95Ms)
      failures.push(`gateway-card-check: p95 ${gatewayCheck.p95_ms} ms > ${BUDGETS.gatewayCheckP95Ms} ms`);
  }
  const ingestion = get('gateway-visit-ingestion');
  if (ingestion && !ingestion.missing && (ingestion.rps ?? 0) < BUDGETS.gatewayVisitsPerSecondMin)
    failures.push(
      `gateway-visit-ingestion: ${ingestion.rps} visits/s < ${BUDGETS.gatewayVisitsPerSecondMin}/s`,
    );
  return failures;
}

/** `a / b` to the hundredth. */
export function ratio(a: number | undefined, b: number): number {
  return b ? Math.round(((a ?? 0) / b) * 100) / 100 : 0;
}
