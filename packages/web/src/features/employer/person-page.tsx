import { type SubmitEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { UnitPersonDetail } from '@vssid/domain/api/units';
import { Button, Card, Field, Notice, PageHeader, Select } from '../../design';
import { ApiError } from '../../shared/api';
import { useDraft } from '../../shared/draft';
import { PATHS } from '../../shared/paths';
import { messageOf } from '../auth';
import { useUnits } from '../registration';
import { completePerson, fetchPerson } from './api';

const PHOTOS = ['portrait', 'id_front', 'id_back'] as const;
type PhotoKind = (typeof PHOTOS)[number];

/**
 * One of the unit's people (issue #27 item 2; CV 728/BHXH-TT&PTĐT §2.2): for a person without
 * an account, the unit completes the ID number, address, phone and email, a portrait and both
 * sides of the ID; the server checks and re-encodes the photos as the registration does.
 */
export function PersonPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { bhxhCode = '' } = useParams();
  const [person, setPerson] = useState<UnitPersonDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { draft, setDraft, bind } = useDraft({
    idNumber: '',
    provinceCode: '',
    communeCode: '',
    line: '',
    phone: '',
    email: '',
  });
  const [photos, setPhotos] = useState<Partial<Record<PhotoKind, File>>>({});
  const provinces = useUnits(null);
  const communes = useUnits(draft.provinceCode || '');

  useEffect(() => {
    fetchPerson({ params: { bhxhCode } }).then((p) => {
      setPerson(p);
      if (p.completed)
        setDraft({
          idNumber: p.completed.idNumber,
          provinceCode: p.completed.address.provinceCode,
          communeCode: p.completed.address.communeCode,
          line: p.completed.address.line,
          phone: p.completed.phone,
          email: p.completed.email ?? '',
        });
    }, setError);
  }, [bhxhCode, setDraft]);

  const fieldError = (name: string) => (error instanceof ApiError ? error.fieldMessage(name) : undefined);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body = new FormData();
    body.append(
      'form',
      JSON.stringify({
        idNumber: draft.idNumber.trim(),
        address: { provinceCode: draft.provinceCode, communeCode: draft.communeCode, line: draft.line },
        phone: draft.phone.trim(),
        ...(draft.email.trim() ? { email: draft.email.trim() } : {}),
      }),
    );
    for (const kind of PHOTOS) {
      const file = photos[kind];
      if (file) body.append(kind, file, file.name);
    }
    try {
      await completePerson(bhxhCode, body);
      await navigate(PATHS.employerPeople);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  if (!person)
    return error ? (
      <Notice tone="warn">{messageOf(t, error)}</Notice>
    ) : (
      <p aria-busy="true">{t('officer.loading')}</p>
    );
  const editable = person.accountStatus === 'none' || person.accountStatus === 'ready';
  return (
    <>
      <PageHeader
        title={person.fullName}
        lead={t('unit.person.lead', { code: person.bhxhCode, year: person.birthYear })}
      />
      <p>
        <Link to={PATHS.employerPeople}>{t('unit.person.back')}</Link>
      </p>
      <p data-testid="unit-person-status">
        {t('unit.people.accountStatus')}: {t(`unit.status.${person.accountStatus}`)}
        {person.dossierNumber ? ` (${person.dossierNumber})` : ''}
      </p>
      {error ? <Notice tone="warn">{messageOf(t, error)}</Notice> : null}
      {editable ? (
        <Card title={t('unit.person.formTitle')}>
          <p>{t('unit.person.formLead')}</p>
          <form onSubmit={(e) => void submit(e)} data-testid="unit-person-form">
            <Field
              label={t('unit.person.idNumber')}
              required
              error={fieldError('idNumber')}
              {...bind('idNumber')}
            />
            <Select
              label={t('registration.fields.province')}
              testId="unit-person-province"
              value={draft.provinceCode}
              options={[
                { value: '', label: t('unit.person.choose') },
                ...provinces.map((p) => ({ value: p.code, label: p.name })),
              ]}
              onChange={(v) => {
                setDraft({ ...draft, provinceCode: v, communeCode: '' });
              }}
            />
            <Select
              label={t('registration.fields.commune')}
              testId="unit-person-commune"
              value={draft.communeCode}
              options={[
                { value: '', label: t('unit.person.choose') },
                ...communes.map((c) => ({ value: c.code, label: c.name })),
              ]}
              onChange={(v) => {
                setDraft({ ...draft, communeCode: v });
              }}
            />
            <Field
              label={t('unit.person.line')}
              required
              error={fieldError('address.line')}
              {...bind('line')}
            />
            <Field
              label={t('unit.person.phone')}
              type="tel"
              required
              error={fieldError('phone')}
              {...bind('phone')}
            />
            <Field
              label={t('unit.person.email')}
              type="email"
              error={fieldError('email')}
              {...bind('email')}
            />
            {PHOTOS.map((kind) => (
              <div className="field" key={kind}>
                <label className="field__label" htmlFor={`unit-photo-${kind}`}>
                  {t(`unit.person.photo.${kind}`)}
                </label>
                {fieldError(`photos.${kind}`) ? (
                  <span className="field__error">{fieldError(`photos.${kind}`)}</span>
                ) : null}
                <div className="field__control">
                  <input
                    id={`unit-photo-${kind}`}
                    type="file"
                    accept="image/jpeg,image/png,image/webp"
                    onChange={(e) => {
                      const file = e.target.files?.[0];
                      setPhotos((p) => ({ ...p, [kind]: file }));
                    }}
                  />
                </div>
              </div>
            ))}
            <Button type="submit" icon="dossier">
              {busy ? t('unit.person.saving') : t('unit.person.save')}
            </Button>
          </form>
        </Card>
      ) : (
        <Notice tone="ok">{t(`unit.person.done.${person.accountStatus}`)}</Notice>
      )}
    </>
  );
}
