import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { Field, Icon, Notice, Select } from '../../design';
import { fetchAgencies, fetchAgents, fetchClinics, fetchUnits } from './api';
import type { DirectoryAnswer, DirectoryKind } from './lookup-kinds';
import { queryOf, taxCodeOf } from './lookup-logic';
import { PlaceFields } from './place-fields';
import { DirectoryResults } from './results';
import { failedView, loadLast, NO_FIELDS, saveLast, type Stored } from './store';

type Params = Record<string, string>;

/**
 * A directory search of this kind with the form's values as its query (empty ones left out); the
 * server checks them (a field it refuses comes back as a field error).
 */
function searchDirectory(kind: DirectoryKind, query: Params): Promise<DirectoryAnswer> {
  switch (kind) {
    case 'agencies':
      return fetchAgencies({ query });
    case 'clinics':
      return fetchClinics({ query });
    case 'units':
      return fetchUnits({ query });
    case 'agents':
      return fetchAgents({ query });
  }
}

type View =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'done'; stored: Stored<DirectoryAnswer>; offline: boolean; fromBefore: boolean }
  | { kind: 'failed'; message: string; fields: Record<string, string> };

/**
 * One directory look-up (agencies, clinics, units, agents): its form, "near me", and the results,
 * paginated. The last answer is kept on the device and shown again, marked, when offline.
 */
export function DirectorySection({ kind }: { kind: DirectoryKind }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [params, setParams] = useState<Params>(() => loadLast<DirectoryAnswer>(kind)?.params ?? {});
  const [view, setView] = useState<View>(() => {
    const stored = loadLast<DirectoryAnswer>(kind);
    return stored ? { kind: 'done', stored, offline: false, fromBefore: true } : { kind: 'idle' };
  });
  const [locating, setLocating] = useState(false);
  const [geoError, setGeoError] = useState<string | null>(null);
  const set = (key: string, value: string) => {
    setParams((p) => ({ ...p, [key]: value }));
  };

  async function search(next: Params, page = 1) {
    setView({ kind: 'loading' });
    const request: Params = { ...next, page: String(page) };
    const apiParams: Record<string, string> = { ...request };
    if (kind === 'units') {
      delete apiParams.text;
      const text = next.text ?? '';
      const taxCode = taxCodeOf(text);
      if (taxCode) apiParams.taxCode = taxCode;
      else apiParams.q = text;
    }
    try {
      const answer = await searchDirectory(kind, queryOf(apiParams));
      setView({ kind: 'done', stored: saveLast(kind, request, answer), offline: false, fromBefore: false });
    } catch (error) {
      setView(failedView<DirectoryAnswer>(kind, error, t));
    }
  }

  function submit(event: { preventDefault(): void }) {
    event.preventDefault();
    const next = { ...params };
    delete next.lat;
    delete next.lng;
    setParams(next);
    void search(next);
  }

  function nearMe() {
    setGeoError(null);
    if (!('geolocation' in navigator)) {
      setGeoError(t('lookup.near.unsupported'));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        // Nearest over the whole country: the place filters are left out, the others kept.
        const next: Params = {
          ...(params.level ? { level: params.level } : {}),
          ...(params.sickLeave ? { sickLeave: params.sickLeave } : {}),
          lat: position.coords.latitude.toFixed(6),
          lng: position.coords.longitude.toFixed(6),
        };
        setParams(next);
        void search(next);
      },
      (error) => {
        setLocating(false);
        setGeoError(
          error.code === error.PERMISSION_DENIED ? t('lookup.near.denied') : t('lookup.near.unavailable'),
        );
      },
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 300_000 },
    );
  }

  const resultsRef = useRef<HTMLDivElement>(null);
  const fresh = view.kind === 'done' && !view.fromBefore ? view.stored.savedAt : null;
  useEffect(() => {
    // A new answer below a long form: bring it into view.
    if (fresh) resultsRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [fresh]);
  const fields = view.kind === 'failed' ? view.fields : NO_FIELDS;
  const savedAt = f.dateTime;

  return (
    <section className="lookup-section" aria-labelledby={`lookup-${kind}-title`}>
      <h2 id={`lookup-${kind}-title`} className="lookup-section__title">
        {t(`lookup.kinds.${kind}.title`)}
      </h2>
      <p>{t(`lookup.kinds.${kind}.text`)}</p>
      {kind !== 'units' ? (
        <div className="lookup-form__actions">
          <button
            type="button"
            className="button button--primary"
            onClick={nearMe}
            disabled={locating}
            data-testid={`lookup-near-${kind}`}
          >
            <Icon name="lookup" />
            {locating ? t('lookup.near.locating') : t('lookup.near.button')}
          </button>
        </div>
      ) : null}
      <form className="lookup-form" onSubmit={submit} noValidate>
        {kind === 'units' ? (
          <>
            <Field
              label={t('lookup.fields.unitText')}
              hint={t('lookup.fields.unitTextHint')}
              name="text"
              value={params.text ?? ''}
              error={fields.q ?? fields.taxCode}
              onChange={(e) => {
                set('text', e.target.value);
              }}
            />
            <PlaceFields
              province={params.province ?? ''}
              commune=""
              onChange={(province) => {
                set('province', province);
              }}
            />
          </>
        ) : (
          <>
            <PlaceFields
              province={params.province ?? ''}
              commune={params.commune ?? ''}
              onChange={(province, commune) => {
                setParams((p) => ({ ...p, province, commune }));
              }}
            />
            <Field
              label={t('lookup.fields.place')}
              hint={t('lookup.fields.placeHint')}
              name="place"
              value={params.place ?? ''}
              error={fields.place}
              onChange={(e) => {
                set('place', e.target.value);
              }}
            />
          </>
        )}
        {kind === 'clinics' ? (
          <>
            <Select
              label={t('lookup.fields.level')}
              value={params.level ?? ''}
              onChange={(value) => {
                set('level', value);
              }}
              options={[
                { value: '', label: t('lookup.fields.anyLevel') },
                { value: 'central', label: t('lookup.levels.clinic.central') },
                { value: 'province', label: t('lookup.levels.clinic.province') },
                { value: 'district', label: t('lookup.levels.clinic.district') },
                { value: 'commune', label: t('lookup.levels.clinic.commune') },
              ]}
            />
            <Field
              label={t('lookup.fields.clinicText')}
              name="q"
              value={params.q ?? ''}
              error={fields.q}
              onChange={(e) => {
                set('q', e.target.value);
              }}
            />
            <label className="lookup-check">
              <input
                type="checkbox"
                checked={params.sickLeave === 'true'}
                onChange={(e) => {
                  set('sickLeave', e.target.checked ? 'true' : '');
                }}
              />
              {t('lookup.fields.sickLeave')}
            </label>
          </>
        ) : null}
        {kind === 'agents' || kind === 'agencies' ? (
          <Field
            label={t('lookup.fields.name')}
            name="q"
            value={params.q ?? ''}
            onChange={(e) => {
              set('q', e.target.value);
            }}
          />
        ) : null}
        <div className="lookup-form__actions">
          <button type="submit" className="button button--primary" disabled={view.kind === 'loading'}>
            <Icon name="lookup" />
            {t('lookup.search')}
          </button>
        </div>
      </form>
      {geoError ? (
        <Notice tone="warn" live>
          {geoError}
        </Notice>
      ) : null}
      {view.kind === 'loading' ? (
        <p role="status" className="lookup-status">
          {t('lookup.searching')}
        </p>
      ) : null}
      {view.kind === 'failed' ? (
        <Notice tone="warn" live>
          {view.message}
        </Notice>
      ) : null}
      {view.kind === 'done' ? (
        <div ref={resultsRef} className="lookup-answer">
          {view.offline ? (
            <Notice tone="warn" live>
              <span data-testid="lookup-offline">
                {t('lookup.offline', { time: savedAt(view.stored.savedAt) })}
              </span>
            </Notice>
          ) : view.fromBefore ? (
            <p className="lookup-results__note">
              {t('lookup.lastResults', { time: savedAt(view.stored.savedAt) })}
            </p>
          ) : null}
          {view.stored.params.lat ? <p className="lookup-results__note">{t('lookup.near.sorted')}</p> : null}
          <DirectoryResults
            kind={kind}
            answer={view.stored.answer}
            onPage={
              view.offline
                ? null
                : (page) => {
                    void search(view.stored.params, page);
                  }
            }
          />
        </div>
      ) : null}
    </section>
  );
}
