import type { StatsRow } from './api';

export interface BarChartLabels {
  title: string;
  received: string;
  approved: string;
  target: string;
}

const ROW = 28;
const LABEL = 150;
const WIDTH = 720;

/**
 * A horizontal bar chart drawn by hand in SVG: per row, dossiers received (light) and approved
 * (dark) on one scale, the target as a tick. Text alternatives: the table beside it holds every
 * figure; the SVG has a title and each bar a <title>.
 */
export function BarChart({ rows, labels }: { rows: StatsRow[]; labels: BarChartLabels }) {
  const max = Math.max(1, ...rows.flatMap((r) => [r.received, r.approved, r.target ?? 0]));
  const scale = (n: number) => ((WIDTH - LABEL - 60) * n) / max;
  const height = rows.length * ROW + 40;
  return (
    <svg
      className="stats-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-labelledby="stats-chart-title"
      data-testid="stats-chart"
    >
      <title id="stats-chart-title">{labels.title}</title>
      {rows.map((r, i) => {
        const y = i * ROW + 8;
        return (
          <g key={r.key}>
            <text x={LABEL - 8} y={y + 14} textAnchor="end">
              {r.name.length > 22 ? `${r.name.slice(0, 21)}…` : r.name}
            </text>
            <rect x={LABEL} y={y} width={scale(r.received)} height={ROW - 10} fill="#b2ccff">
              <title>{`${labels.received}: ${r.received}`}</title>
            </rect>
            <rect x={LABEL} y={y + 4} width={scale(r.approved)} height={ROW - 18} fill="#1849a9">
              <title>{`${labels.approved}: ${r.approved}`}</title>
            </rect>
            {r.target !== null ? (
              <line
                x1={LABEL + scale(r.target)}
                x2={LABEL + scale(r.target)}
                y1={y - 2}
                y2={y + ROW - 8}
                stroke="#b42318"
                strokeWidth={2}
              >
                <title>{`${labels.target}: ${r.target}`}</title>
              </line>
            ) : null}
            <text x={LABEL + scale(Math.max(r.received, r.target ?? 0)) + 6} y={y + 14}>
              {r.approved}/{r.received}
            </text>
          </g>
        );
      })}
      <g transform={`translate(${LABEL}, ${height - 16})`}>
        <rect width={12} height={12} fill="#b2ccff" />
        <text x={16} y={11}>
          {labels.received}
        </text>
        <rect x={130} width={12} height={12} fill="#1849a9" />
        <text x={146} y={11}>
          {labels.approved}
        </text>
        <line x1={266} x2={266} y1={0} y2={12} stroke="#b42318" strokeWidth={2} />
        <text x={272} y={11}>
          {labels.target}
        </text>
      </g>
    </svg>
  );
}
