import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { type Period, type Scheme, SCHEMES } from '@vssid/domain/api/records';

const monthNumber = (yyyymm: string) => Number(yyyymm.slice(0, 4)) * 12 + Number(yyyymm.slice(5, 7)) - 1;

const WIDTH = 360;
const LABEL = 84;
const ROW = 22;
const TOP = 6;
const AXIS = 20;

/**
 * The participation timeline, drawn by hand in SVG (no chart library): one row per scheme with
 * periods, years along the bottom, paid months in the brand colour and owed months in red with a
 * hatch (so colour is not the only cue). Gaps are the empty stretches between bars. A text
 * description beside it says the same for screen readers.
 */
export function ParticipationTimeline({ periods }: { periods: Period[] }) {
  const { t } = useTranslation();
  const id = useId();
  const rows = SCHEMES.filter((s) => periods.some((p) => p.scheme === s));
  if (!rows.length) return null;
  const first = Math.min(...periods.map((p) => monthNumber(p.fromMonth)));
  const last = Math.max(...periods.map((p) => monthNumber(p.toMonth)));
  const startYear = Math.floor(first / 12);
  const endYear = Math.floor(last / 12) + 1;
  const span = Math.max(1, (endYear - startYear) * 12);
  // Room on the right for the last year label, centred on its tick.
  const plot = WIDTH - LABEL - 16;
  const x = (month: number) => LABEL + ((month - startYear * 12) / span) * plot;
  const years = endYear - startYear;
  const step = years <= 6 ? 1 : years <= 12 ? 2 : years <= 30 ? 5 : 10;
  const ticks: number[] = [];
  for (let y = Math.ceil(startYear / step) * step; y <= endYear; y += step) ticks.push(y);
  const height = TOP + rows.length * ROW + AXIS;
  const rowOf = (s: Scheme) => rows.indexOf(s);

  return (
    <figure className="timeline">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        data-testid="participation-timeline"
      >
        <title id={`${id}-title`}>{t('history.timeline.title')}</title>
        <desc id={`${id}-desc`}>{t('history.timeline.desc', { from: startYear, to: endYear - 1 })}</desc>
        <defs>
          <pattern
            id={`${id}-owed`}
            width="4"
            height="4"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width="4" height="4" fill="var(--color-error-text)" />
            <line x1="0" y1="0" x2="0" y2="4" stroke="var(--color-surface)" strokeWidth="1.5" />
          </pattern>
        </defs>
        {ticks.map((y) => (
          <g key={y}>
            <line
              x1={x(y * 12)}
              x2={x(y * 12)}
              y1={TOP - 2}
              y2={TOP + rows.length * ROW}
              stroke="var(--color-border)"
              strokeWidth="1"
            />
            <text
              x={x(y * 12)}
              y={height - 6}
              textAnchor="middle"
              fontSize="10"
              fill="var(--color-text-muted)"
            >
              {y}
            </text>
          </g>
        ))}
        {rows.map((s, i) => (
          <text key={s} x={0} y={TOP + i * ROW + ROW / 2 + 4} fontSize="10" fill="var(--color-text)">
            {t(`history.schemesShort.${s}`)}
          </text>
        ))}
        {periods.map((p) => {
          const row = rowOf(p.scheme);
          const x0 = x(monthNumber(p.fromMonth));
          const x1 = x(monthNumber(p.toMonth) + 1);
          return (
            <rect
              key={p.id}
              x={x0}
              y={TOP + row * ROW + 4}
              width={Math.max(1.5, x1 - x0)}
              height={ROW - 8}
              rx="2"
              fill={p.status === 'owed' ? `url(#${id}-owed)` : 'var(--color-brand)'}
              data-status={p.status}
            >
              <title>
                {`${t(`history.schemes.${p.scheme}`)}: ${p.fromMonth} – ${p.toMonth}${
                  p.status === 'owed' ? ` (${t('history.status.owed')})` : ''
                }`}
              </title>
            </rect>
          );
        })}
      </svg>
      <figcaption className="timeline__legend">
        <span className="timeline__key timeline__key--paid" aria-hidden="true" />
        {t('history.status.paid')}
        <span className="timeline__key timeline__key--owed" aria-hidden="true" />
        {t('history.status.owed')}
      </figcaption>
    </figure>
  );
}
