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
  if (inbox && !inbox.missing && inboxFloorReaches(report) && (inbox.p95_ms ?? Infinity) > BUDGETS.inboxP95Ms)
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
    serviceRequestFloorReaches(report) &&
    (submitRequest.ratio_to_db ?? 0) < BUDGETS.serviceRequestToDbRatioMin
  )
    failures.push(
      `service-request-submit: ${submitRequest.ratio_to_db} × db < ${BUDGETS.serviceRequestToDbRatioMin}`,
    );
  const statement = get('employer-statement');
  if (statement && !statement.missing && (statement.p95_ms ?? Infinity) > BUDGETS.statementP95Ms)
    failures.push(`employer-statement: p95 ${statement.p95_ms} ms > ${BUDGETS.statementP95Ms} ms`);
  const requestQueue = get('officer-request-queue');
  if (
    requestQueue &&
    !requestQueue.missing &&
    requestQueueFloorReaches(report) &&
    (requestQueue.p95_ms ?? Infinity) > BUDGETS.requestQueueP95Ms
  )
    failures.push(`officer-request-queue: p95 ${requestQueue.p95_ms} ms > ${BUDGETS.requestQueueP95Ms} ms`);
  // The clinic gateway (issue #24); the CPU per request of both is in the report's CPU table.
  // A budget that its floor (the same requests, only the work the issue requires) does not meet
  // in the same run is unreachable on this machine (DEVELOPERS.md "Budgets"): reported apart by
  // `unreachableBudgets`, not as a failure. Without a measured floor it is a failure as before.
  const gatewayCheck = get('gateway-card-check');
  if (gatewayCheck && !gatewayCheck.missing) {
    const reach = gatewayFloorReach(report);
    if (reach.ratio && (gatewayCheck.ratio_to_db ?? 0) < BUDGETS.gatewayCheckToDbRatioMin)
      failures.push(
        `gateway-card-check: ${gatewayCheck.ratio_to_db} × db < ${BUDGETS.gatewayCheckToDbRatioMin}`,
      );
    if (reach.p95 && (gatewayCheck.p95_ms ?? Infinity) > BUDGETS.gatewayCheckP95Ms)
      failures.push(`gateway-card-check: p95 ${gatewayCheck.p95_ms} ms > ${BUDGETS.gatewayCheckP95Ms} ms`);
  }
  const ingestion = get('gateway-visit-ingestion');
  if (ingestion && !ingestion.missing && (ingestion.rps ?? 0) < BUDGETS.gatewayVisitsPerSecondMin)
    failures.push(
      `gateway-visit-ingestion: ${ingestion.rps} visits/s < ${BUDGETS.gatewayVisitsPerSecondMin}/s`,
    );
  return failures;
}

/** Whether the gateway check's two budgets are within its floor's reach (true when no floor ran). */
function gatewayFloorReach(report: Report): { ratio: boolean; p95: boolean } {
  const floor = report.baselines.gateway_check_floor;
  if (!floor || floor.errors > 0) return { ratio: true, p95: true };
  return {
    ratio: floor.rps >= BUDGETS.gatewayCheckToDbRatioMin * report.baselines.db.rps,
    p95: floor.p95_ms <= BUDGETS.gatewayCheckP95Ms,
  };
}

/** Whether the service request's budget is within its floor's reach (true when no floor ran). */
function serviceRequestFloorReaches(report: Report): boolean {
  const floor = report.baselines.service_request_floor;
  return (
    !floor || floor.errors > 0 || floor.rps >= BUDGETS.serviceRequestToDbRatioMin * report.baselines.db.rps
  );
}

/** Whether the request queue's p95 budget is within its floor's reach (true when no floor ran). */
function requestQueueFloorReaches(report: Report): boolean {
  const floor = report.baselines.request_queue_floor;
  return !floor || floor.errors > 0 || floor.p95_ms <= BUDGETS.requestQueueP95Ms;
}

/** Whether the inbox's p95 budget is within its floor's reach (true when no floor ran). */
function inboxFloorReaches(report: Report): boolean {
  const floor = report.baselines.inbox_floor;
  return !floor || floor.errors > 0 || floor.p95_ms <= BUDGETS.inboxP95Ms;
}

/** The budgets this run's floors show unreachable on this machine, one line each with the floor's figures. */
export function unreachableBudgets(report: Report): string[] {
  const floor = report.baselines.gateway_check_floor;
  const reach = gatewayFloorReach(report);
  const lines: string[] = [];
  const inbox = report.baselines.inbox_floor;
  if (inbox && !inboxFloorReaches(report))
    lines.push(`inbox-read p95 ≤ ${BUDGETS.inboxP95Ms} ms: its floor's p95 is ${inbox.p95_ms} ms`);
  const queue = report.baselines.request_queue_floor;
  if (queue && !requestQueueFloorReaches(report))
    lines.push(
      `officer-request-queue p95 ≤ ${BUDGETS.requestQueueP95Ms} ms: its floor's p95 is ${queue.p95_ms} ms`,
    );
  const submit = report.baselines.service_request_floor;
  if (submit && !serviceRequestFloorReaches(report))
    lines.push(
      `service-request-submit ≥ ${BUDGETS.serviceRequestToDbRatioMin} × db: its floor reaches ${submit.rps}/s = ${ratio(submit.rps, report.baselines.db.rps)} × db`,
    );
  if (floor && !reach.ratio)
    lines.push(
      `gateway-card-check ≥ ${BUDGETS.gatewayCheckToDbRatioMin} × db: its floor reaches ${floor.rps}/s = ${ratio(floor.rps, report.baselines.db.rps)} × db`,
    );
  if (floor && !reach.p95)
    lines.push(
      `gateway-card-check p95 ≤ ${BUDGETS.gatewayCheckP95Ms} ms: its floor's p95 is ${floor.p95_ms} ms`,
    );
  return lines;
}

/** `a / b` to the hundredth. */
export function ratio(a: number | undefined, b: number): number {
  return b ? Math.round(((a ?? 0) / b) * 100) / 100 : 0;
}
