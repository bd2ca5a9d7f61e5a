import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, Notice } from '../../design';
import { AgencyPicker, useUnits } from '../registration';

/** The card of a service's form where the receiving agency is chosen: a province, then its agency. */
export function ReceivingAgencyCard({
  value,
  onChange,
  error,
}: {
  value: string;
  /** The chosen agency's code ('' for none); a stable function (the picker calls it from an effect). */
  onChange: (code: string) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const [province, setProvince] = useState('');
  const provinces = useUnits(null);
  const onAgency = useCallback(
    (a: { code: string } | null) => {
      onChange(a?.code ?? '');
    },
    [onChange],
  );
  return (
    <Card title={t('services.form.agency')}>
      <AgencyPicker
        provinces={provinces}
        province={province}
        onProvince={setProvince}
        value={value}
        onChange={onAgency}
        error={error}
      />
    </Card>
  );
}

/** The end of a service's form: what went wrong with the last try, if anything, and the submit button. */
export function SubmitRow({
  failure,
  busy,
  label,
}: {
  failure: string | null;
  busy: boolean;
  label: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      {failure ? (
        <Notice tone="warn" live>
          {failure}
        </Notice>
      ) : null}
      <Button type="submit" icon="services" block>
        {busy ? t('services.form.sending') : label}
      </Button>
    </>
  );
}
