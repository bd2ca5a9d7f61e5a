import type { StatsRow } from '@vssid/domain/api/back-office';

interface BarChartLabels {
  title: string;
  received: string;
  approved: string;
  target: string;
}

/**
 * A horizontal bar chart in HTML and CSS: per row, the agency's or province's full name (wrapped
 * over lines when long, never cut), dossiers received (light) and approved (dark) on one scale,
 * the target as a tick, and "approved/received". The figures are text (read out with their
 * words); the bars are drawn for the eye only, and the table beside it holds every figure.
 */
export function BarChart({ rows, labels }: { rows: StatsRow[]; labels: BarChartLabels }) {
  const max = Math.max(1, ...rows.flatMap((r) => [r.received, r.approved, r.target ?? 0]));
  const percent = (n: number) => `${((100 * n) / max).toFixed(2)}%`;
  return (
    <figure className="stats-chart" aria-labelledby="stats-chart-title" data-testid="stats-chart">
      <figcaption id="stats-chart-title" className="visually-hidden">
        {labels.title}
      </figcaption>
      <ul className="stats-chart__rows">
        {rows.map((r) => (
          <li key={r.key} className="stats-chart__row">
            <span className="stats-chart__label" title={r.name} data-testid="stats-chart-label">
              {r.name}
            </span>
            <span className="stats-chart__track" aria-hidden="true">
              <span
                className="stats-chart__bar stats-chart__bar--received"
                style={{ width: percent(r.received) }}
              />
              <span
                className="stats-chart__bar stats-chart__bar--approved"
                style={{ width: percent(r.approved) }}
              />
              {r.target !== null ? (
                <span className="stats-chart__target" style={{ left: percent(r.target) }} />
              ) : null}
            </span>
            <span className="stats-chart__value">
              <span aria-hidden="true">
                {r.approved}/{r.received}
              </span>
              <span className="visually-hidden">
                {`${labels.approved}: ${r.approved}, ${labels.received}: ${r.received}`}
                {r.target !== null ? `, ${labels.target}: ${r.target}` : ''}
              </span>
            </span>
          </li>
        ))}
      </ul>
      <ul className="stats-chart__legend" aria-hidden="true">
        <li>
          <span className="stats-chart__key stats-chart__bar--received" />
          {labels.received}
        </li>
        <li>
          <span className="stats-chart__key stats-chart__bar--approved" />
          {labels.approved}
        </li>
        <li>
          <span className="stats-chart__key stats-chart__key--target" />
          {labels.target}
        </li>
      </ul>
    </figure>
  );
}
