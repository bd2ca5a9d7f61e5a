import { useTranslation } from 'react-i18next';
import type { Adoption } from '@vssid/domain/api/units';
import { useFormat } from '../../i18n/format';

/** Adoption as a bar: accounts of people, with the figure as text beside it. */
export function AdoptionBar({ adoption }: { adoption: Adoption }) {
  const { t } = useTranslation();
  const format = useFormat();
  const rate = format.percent(Math.round(adoption.rate * 10_000));
  return (
    <p className="unit-adoption">
      <label htmlFor="unit-adoption-bar">{t('unit.adoption.rate', { rate })}</label>
      <progress id="unit-adoption-bar" max={Math.max(1, adoption.people)} value={adoption.accounts} />
    </p>
  );
}
