import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Select } from '../../design';
import type { AdminUnit2025 } from '@vssid/domain/api/lookup';
import { fetchCommunes, fetchProvinces } from './api';

const provinceCache = new Map<string, Promise<AdminUnit2025[]>>();
const communeCache = new Map<string, Promise<AdminUnit2025[]>>();

/** The 2025 provinces, or a province's communes, in the screen's language (fetched once each). */
function useUnits(kind: 'provinces' | 'communes', provinceCode: string): AdminUnit2025[] {
  const { i18n } = useTranslation();
  const language = i18n.language || 'vi';
  const key = `${language}:${kind === 'provinces' ? '' : provinceCode}`;
  const [loaded, setLoaded] = useState<{ key: string; units: AdminUnit2025[] }>({ key: '', units: [] });
  useEffect(() => {
    if (kind === 'communes' && !provinceCode) return;
    const cache = kind === 'provinces' ? provinceCache : communeCache;
    let request = cache.get(key);
    if (!request) {
      request = (
        kind === 'provinces' ? fetchProvinces({}) : fetchCommunes({ params: { code: provinceCode } })
      ).then((r) => r.items);
      request.catch(() => cache.delete(key));
      cache.set(key, request);
    }
    let live = true;
    request
      .then((units) => {
        if (live) setLoaded({ key, units });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [kind, provinceCode, key]);
  return loaded.key === key ? loaded.units : [];
}

/** Province and (optional) commune of the 2025 units, as two native selects. */
export function PlaceFields({
  province,
  commune,
  onChange,
  provinceRequired = false,
}: {
  province: string;
  commune: string;
  onChange: (province: string, commune: string) => void;
  provinceRequired?: boolean;
}) {
  const { t } = useTranslation();
  const provinces = useUnits('provinces', '');
  const communes = useUnits('communes', province);
  return (
    <>
      <Select
        label={provinceRequired ? t('lookup.fields.provinceRequired') : t('lookup.fields.province')}
        testId="lookup-province"
        value={province}
        onChange={(value) => {
          onChange(value, '');
        }}
        options={[
          { value: '', label: t('lookup.fields.anyProvince') },
          ...provinces.map((p) => ({ value: p.code, label: p.name })),
        ]}
      />
      <Select
        label={t('lookup.fields.commune')}
        testId="lookup-commune"
        value={commune}
        onChange={(value) => {
          onChange(province, value);
        }}
        options={[
          {
            value: '',
            label: province ? t('lookup.fields.anyCommune') : t('lookup.fields.chooseProvinceFirst'),
          },
          ...communes.map((c) => ({ value: c.code, label: c.name })),
        ]}
      />
    </>
  );
}
