/**
 * `npm run bench -- --engine citus` (issue #28 item 5): the scenarios measured on a local Citus
 * cluster (a coordinator and two workers on this machine) and their ratios to the single-node
 * run of bench/results/latest.json.
 */

/** The reads the issue names: the card, the participation history and the clinics' card check. */
export const CITUS_SCENARIOS = ['card-view', 'participation', 'gateway-card-check'];

interface Measured {
  name: string;
  rps?: number;
  p50_ms?: number;
  p95_ms?: number;
  p99_ms?: number;
  errors?: number;
}

interface Run {
  commit: string;
  date: string;
  dataset: { persons: number; size: string };
  settings: { connections: number; duration_s: number };
  scenarios: Measured[];
}

interface CitusRow {
  name: string;
  citus: { rps: number | null; p50_ms: number | null; p95_ms: number | null; errors: number | null };
  single_node: { rps: number | null; p95_ms: number | null } | null;
  /** Citus requests/s over single-node requests/s; Citus p95 over single-node p95. */
  rps_ratio: number | null;
  p95_ratio: number | null;
}

interface CitusReport {
  commit: string;
  date: string;
  cluster: string;
  dataset: { persons: number; size: string };
  settings: { connections: number; duration_s: number };
  single_node: { commit: string; date: string; persons: number; size: string };
  same_dataset: boolean;
  scenarios: CitusRow[];
}

const ratio = (a: number | null | undefined, b: number | null | undefined) =>
  a && b ? Math.round((a / b) * 100) / 100 : null;

export function citusReport(citus: Run, single: Run): CitusReport {
  return {
    commit: citus.commit,
    date: citus.date,
    cluster: 'Citus 13.2.2 on PostgreSQL 15: a coordinator and two workers on this machine (loopback)',
    dataset: citus.dataset,
    settings: citus.settings,
    single_node: {
      commit: single.commit,
      date: single.date,
      persons: single.dataset.persons,
      size: single.dataset.size,
    },
    same_dataset: single.dataset.persons === citus.dataset.persons,
    scenarios: CITUS_SCENARIOS.map((name) => {
      const c = citus.scenarios.find((s) => s.name === name);
      const s = single.scenarios.find((x) => x.name === name);
      return {
        name,
        citus: {
          rps: c?.rps ?? null,
          p50_ms: c?.p50_ms ?? null,
          p95_ms: c?.p95_ms ?? null,
          errors: c?.errors ?? null,
        },
        single_node: s ? { rps: s.rps ?? null, p95_ms: s.p95_ms ?? null } : null,
        rps_ratio: ratio(c?.rps, s?.rps),
        p95_ratio: ratio(c?.p95_ms, s?.p95_ms),
      };
    }),
  };
}

export function citusMarkdown(r: CitusReport): string {
  const n = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(v));
  const lines = [
    '# Benchmark on Citus',
    '',
    `Commit ${r.commit}, ${r.date}. ${r.cluster}. ${r.dataset.persons} persons (${r.dataset.size}), ` +
      `${r.settings.connections} connections, ${r.settings.duration_s} s per scenario.`,
    '',
    `Single-node run compared: commit ${r.single_node.commit}, ${r.single_node.date}, ` +
      `${r.single_node.persons} persons (${r.single_node.size}).`,
    r.same_dataset
      ? ''
      : `\n**The datasets differ** (${r.dataset.persons} persons here, ${r.single_node.persons} in the single-node run): ` +
        'the ratios compare unlike runs; run both at the same size for a fair ratio.\n',
    '| Scenario | Citus req/s | Citus p50 ms | Citus p95 ms | errors | single-node req/s | single-node p95 ms | req/s ratio | p95 ratio |',
    '|---|---|---|---|---|---|---|---|---|',
    ...r.scenarios.map(
      (s) =>
        `| ${s.name} | ${n(s.citus.rps)} | ${n(s.citus.p50_ms)} | ${n(s.citus.p95_ms)} | ${n(s.citus.errors)} | ` +
        `${n(s.single_node?.rps)} | ${n(s.single_node?.p95_ms)} | ${n(s.rps_ratio)} | ${n(s.p95_ratio)} |`,
    ),
    '',
    "All three nodes share this machine's cores with the API server and the load generator: a " +
      'ratio here is the cost of the distributed planner and the extra hop, not the capacity of ' +
      'a cluster of separate machines.',
    '',
  ];
  return lines.join('\n');
}
