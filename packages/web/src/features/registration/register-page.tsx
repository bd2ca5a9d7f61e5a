import type { AdminUnit2025 } from '@vssid/domain/api/lookup';
import type { RegistrationReceived } from '@vssid/domain/api/registration';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button, Card, Field, Notice, PageHeader, Select } from '../../design';
import { fetchCommunes, fetchProvinces } from '../lookup/api';
import { PATHS } from '../../shared/paths';
import {
  EMPTY_DRAFT,
  type FieldErrors,
  readBhytQr,
  readCccdQr,
  type SelfDraft,
  serverFieldErrors,
  STEP_FIELDS,
  STEPS,
  submissionProblem,
  type Step,
  toForm01,
  validateSelf,
} from './form-logic';
import { AgencyAndDelivery, type PickedPhoto, PhotoInputs, QrScan, submitBody } from './parts';
import { solvedChallenge, submitSelf } from './api';
import { ReceivedView } from './result-view';
import './registration.css';

type Unit = AdminUnit2025;

/** The 2025 provinces, or a province's communes, from the look-up API. */
export function useUnits(provinceCode: string | null): Unit[] {
  const [units, setUnits] = useState<{ key: string; items: Unit[] }>({ key: '', items: [] });
  const key = provinceCode ?? '';
  useEffect(() => {
    if (provinceCode === '') return;
    let live = true;
    (provinceCode === null ? fetchProvinces({}) : fetchCommunes({ params: { code: provinceCode } }))
      .then((r) => {
        if (live) setUnits({ key, items: r.items });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [provinceCode, key]);
  return units.key === key ? units.items : [];
}

function Check({
  label,
  checked,
  onChange,
  error,
  testId,
}: {
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  error?: string | undefined;
  testId: string;
}) {
  return (
    <div className="field registration-check">
      <label>
        <input
          type="checkbox"
          data-testid={testId}
          checked={checked}
          aria-invalid={error ? true : undefined}
          onChange={(e) => {
            onChange(e.target.checked);
          }}
        />{' '}
        {label}
      </label>
      {error ? <span className="field__error">{error}</span> : null}
    </div>
  );
}

/**
 * "Đăng ký ngay": Form 01 for oneself, step by step as in the app (terms, identity with the BHYT
 * and CCCD QR scans, contact address, phone and email, three photos, receiving agency and how the
 * paper form is handed in, review with "Quay lại" / "Gửi"), then the dossier number, the deadline
 * and the declaration to view, download or share. Every field is checked with the same schema as
 * the server's; the server's own refusals come back tied to their field.
 */
export function RegisterPage() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<SelfDraft>(EMPTY_DRAFT);
  const [photos, setPhotos] = useState<Record<string, PickedPhoto | null>>({
    portrait: null,
    id_front: null,
    id_back: null,
  });
  const [step, setStep] = useState<Step>('terms');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [agencyProvince, setAgencyProvince] = useState('');
  const [agencyName, setAgencyName] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<RegistrationReceived | null>(null);
  // One key per intended submission: a retry or a double tap finds the same dossier.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const provinces = useUnits(null);
  const communes = useUnits(draft.provinceCode || '');

  const set = <K extends keyof SelfDraft>(key: K, value: SelfDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const message = (field: string) => {
    const key = errors[field];
    if (!key) return undefined;
    return key.startsWith('message:') ? key.slice(8) : t(key as 'registration.errors.photo');
  };
  const index = STEPS.indexOf(step);

  const next = () => {
    const all = validateSelf(draft, photos);
    const mine = Object.fromEntries(Object.entries(all).filter(([f]) => STEP_FIELDS[step].includes(f)));
    setErrors(mine);
    if (Object.keys(mine).length === 0) {
      setStep(STEPS[index + 1] ?? step);
      window.scrollTo({ top: 0 });
    }
  };
  const back = () => {
    setErrors({});
    setStep(STEPS[index - 1] ?? step);
  };

  const submit = async () => {
    const all = validateSelf(draft, photos);
    if (Object.keys(all).length) {
      setErrors(all);
      const first = STEPS.find((s) => STEP_FIELDS[s].some((f) => all[f]));
      if (first) setStep(first);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const body = submitBody({ ...toForm01(draft), ...(await solvedChallenge()) }, photos);
      const answer = await submitSelf(body, idempotencyKey);
      setResult(answer);
      setIdempotencyKey(crypto.randomUUID());
      window.scrollTo({ top: 0 });
    } catch (error) {
      const fields = serverFieldErrors(error);
      setErrors(fields);
      const first = STEPS.find((s) => STEP_FIELDS[s].some((f) => fields[f]));
      if (first && first !== 'review') setStep(first);
      setProblem(submissionProblem(t, error));
    } finally {
      setBusy(false);
    }
  };

  const onBhyt = useCallback(
    (text: string) => {
      const read = readBhytQr(text);
      if (!read) return t('registration.qr.bhytInvalid');
      setDraft((d) => ({ ...d, bhxhCode: read.bhxhCode, fullName: read.fullName }));
      return read.repaired
        ? `${t('registration.qr.bhytRead')} ${t('registration.qr.textRepaired')}`
        : t('registration.qr.bhytRead');
    },
    [t],
  );
  const onCccd = useCallback(
    (text: string) => {
      const read = readCccdQr(text);
      if (!read) return t('registration.qr.cccdInvalid');
      setDraft((d) => ({
        ...d,
        idNumber: read.idNumber,
        fullName: read.fullName,
        dateOfBirth: read.dateOfBirth,
        gender: read.gender,
        line: d.line || read.address.split(',')[0]?.trim() || '',
      }));
      return read.warnings?.length
        ? `${t('registration.qr.cccdRead')} ${t('registration.qr.textRepaired')}`
        : t('registration.qr.cccdRead');
    },
    [t],
  );
  const onAgency = useCallback((a: { code: string; name: string } | null) => {
    setDraft((d) => ({ ...d, agencyCode: a?.code ?? '' }));
    setAgencyName(a?.name ?? '');
  }, []);

  const provinceName = useMemo(
    () => provinces.find((p) => p.code === draft.provinceCode)?.name ?? '',
    [provinces, draft.provinceCode],
  );
  const communeName = communes.find((c) => c.code === draft.communeCode)?.name ?? '';

  if (result)
    return (
      <>
        <PageHeader title={t('registration.result.title')} />
        <ReceivedView received={result} bhxhCode={draft.bhxhCode} fullName={draft.fullName} />
        <p>
          <Link to={PATHS.signIn}>{t('registration.result.signIn')}</Link>
        </p>
      </>
    );

  return (
    <>
      <PageHeader title={t('registration.title')} lead={t('registration.lead')} />
      <ol className="registration-steps" aria-label={t('registration.stepsLabel')}>
        {STEPS.map((s, i) => (
          <li
            key={s}
            aria-current={s === step ? 'step' : undefined}
            className={i < index ? 'done' : undefined}
          >
            {t(`registration.steps.${s}`)}
          </li>
        ))}
      </ol>
      <form
        className="registration-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (step === 'review') void submit();
          else next();
        }}
      >
        {step === 'terms' ? (
          <Card title={t('registration.terms.title')}>
            <p>{t('registration.terms.body')}</p>
            <ul>
              <li>{t('registration.terms.point1')}</li>
              <li>{t('registration.terms.point2')}</li>
              <li>{t('registration.terms.point3')}</li>
            </ul>
            <Check
              testId="registration-accept-terms"
              label={t('registration.terms.accept')}
              checked={draft.acceptTerms}
              onChange={(v) => {
                set('acceptTerms', v);
              }}
              error={message('acceptTerms')}
            />
          </Card>
        ) : null}

        {step === 'identity' ? (
          <Card title={t('registration.steps.identity')}>
            <Select
              label={t('registration.fields.objectType')}
              value="individual"
              onChange={() => undefined}
              options={[{ value: 'individual', label: t('registration.fields.individual') }]}
            />
            <Field
              label={t('registration.fields.bhxhCode')}
              hint={t('registration.fields.bhxhCodeHint')}
              data-testid="registration-bhxh-code"
              inputMode="numeric"
              autoComplete="off"
              value={draft.bhxhCode}
              onChange={(e) => {
                set('bhxhCode', e.target.value);
              }}
              error={message('bhxhCode')}
            />
            <p className="field__hint">
              <Link to={PATHS.lookup}>{t('registration.fields.lookupCode')}</Link>
            </p>
            <QrScan label={t('registration.qr.bhyt')} onText={onBhyt} testId="registration-bhyt-qr-file" />
            <Field
              label={t('registration.fields.fullName')}
              data-testid="registration-full-name"
              autoComplete="name"
              value={draft.fullName}
              onChange={(e) => {
                set('fullName', e.target.value);
              }}
              error={message('fullName')}
            />
            <Field
              label={t('registration.fields.idNumber')}
              hint={t('registration.fields.idNumberHint')}
              data-testid="registration-id-number"
              autoComplete="off"
              value={draft.idNumber}
              onChange={(e) => {
                set('idNumber', e.target.value);
              }}
              error={message('idNumber')}
            />
            <QrScan label={t('registration.qr.cccd')} onText={onCccd} testId="registration-cccd-qr-file" />
            <Field
              label={t('registration.fields.dateOfBirth')}
              data-testid="registration-birth"
              type="date"
              value={draft.dateOfBirth}
              onChange={(e) => {
                set('dateOfBirth', e.target.value);
              }}
              error={message('dateOfBirth')}
            />
            <Select
              label={t('registration.fields.gender')}
              testId="registration-gender"
              value={draft.gender}
              onChange={(v) => {
                set('gender', v as SelfDraft['gender']);
              }}
              options={[
                { value: '', label: t('registration.fields.choose') },
                { value: 'male', label: t('registration.fields.male') },
                { value: 'female', label: t('registration.fields.female') },
              ]}
            />
            {message('gender') ? <p className="field__error">{message('gender')}</p> : null}
          </Card>
        ) : null}

        {step === 'contact' ? (
          <Card title={t('registration.steps.contact')}>
            <Select
              label={t('registration.fields.province')}
              testId="registration-province"
              value={draft.provinceCode}
              onChange={(v) => {
                setDraft((d) => ({ ...d, provinceCode: v, communeCode: '' }));
                if (!agencyProvince) setAgencyProvince(v);
              }}
              options={[
                { value: '', label: t('registration.fields.choose') },
                ...provinces.map((p) => ({ value: p.code, label: p.name })),
              ]}
            />
            {message('address.provinceCode') ? (
              <p className="field__error">{message('address.provinceCode')}</p>
            ) : null}
            <Select
              label={t('registration.fields.commune')}
              testId="registration-commune"
              value={draft.communeCode}
              onChange={(v) => {
                set('communeCode', v);
              }}
              options={[
                {
                  value: '',
                  label: draft.provinceCode
                    ? t('registration.fields.choose')
                    : t('registration.fields.provinceFirst'),
                },
                ...communes.map((c) => ({ value: c.code, label: c.name })),
              ]}
            />
            {message('address.communeCode') ? (
              <p className="field__error">{message('address.communeCode')}</p>
            ) : null}
            <Field
              label={t('registration.fields.line')}
              data-testid="registration-line"
              autoComplete="street-address"
              value={draft.line}
              onChange={(e) => {
                set('line', e.target.value);
              }}
              error={message('address.line')}
            />
            <Field
              label={t('registration.fields.phone')}
              data-testid="registration-phone"
              type="tel"
              autoComplete="tel"
              value={draft.phone}
              onChange={(e) => {
                set('phone', e.target.value);
              }}
              error={message('phone')}
            />
            <Field
              label={t('registration.fields.email')}
              data-testid="registration-email"
              type="email"
              autoComplete="email"
              value={draft.email}
              onChange={(e) => {
                set('email', e.target.value);
              }}
              error={message('email')}
            />
            <Check
              testId="registration-email-declaration"
              label={t('registration.fields.emailDeclaration')}
              checked={draft.emailDeclaration}
              onChange={(v) => {
                set('emailDeclaration', v);
              }}
            />
          </Card>
        ) : null}

        {step === 'photos' ? (
          <Card title={t('registration.steps.photos')}>
            <p>{t('registration.photos.lead')}</p>
            <PhotoInputs
              kinds={['portrait', 'id_front', 'id_back'] as const}
              testIdPrefix="registration"
              labelOf={(kind) => t(`registration.photos.${kind}`)}
              photos={photos}
              onChange={(kind, p) => {
                setPhotos((old) => ({ ...old, [kind]: p }));
              }}
              message={message}
            />
          </Card>
        ) : null}

        {step === 'agency' ? (
          <Card title={t('registration.steps.agency')}>
            <AgencyAndDelivery
              testIdPrefix="registration"
              provinces={provinces}
              province={agencyProvince}
              onProvince={setAgencyProvince}
              commune={draft.communeCode}
              agencyCode={draft.agencyCode}
              onAgency={onAgency}
              delivery={draft.delivery}
              onDelivery={(d) => {
                set('delivery', d);
              }}
              message={message}
            />
          </Card>
        ) : null}

        {step === 'review' ? (
          <Card title={t('registration.steps.review')}>
            <dl className="registration-review" data-testid="registration-review">
              <dt>{t('registration.fields.bhxhCode')}</dt>
              <dd>{draft.bhxhCode}</dd>
              <dt>{t('registration.fields.fullName')}</dt>
              <dd>{draft.fullName}</dd>
              <dt>{t('registration.fields.idNumber')}</dt>
              <dd>{draft.idNumber}</dd>
              <dt>{t('registration.fields.dateOfBirth')}</dt>
              <dd>{draft.dateOfBirth.split('-').reverse().join('/')}</dd>
              <dt>{t('registration.fields.gender')}</dt>
              <dd>{draft.gender ? t(`registration.fields.${draft.gender}`) : ''}</dd>
              <dt>{t('registration.fields.address')}</dt>
              <dd>{[draft.line, communeName, provinceName].filter(Boolean).join(', ')}</dd>
              <dt>{t('registration.fields.phone')}</dt>
              <dd>{draft.phone}</dd>
              <dt>{t('registration.fields.email')}</dt>
              <dd>{draft.email || '—'}</dd>
              <dt>{t('registration.steps.agency')}</dt>
              <dd>{agencyName}</dd>
              <dt>{t('registration.delivery.legend')}</dt>
              <dd>{draft.delivery ? t(`registration.delivery.${draft.delivery}`) : ''}</dd>
            </dl>
            <div className="registration-thumbs">
              {Object.entries(photos).map(([kind, p]) =>
                p ? (
                  <img key={kind} src={p.url} alt={t(`registration.photos.${kind as 'portrait'}`)} />
                ) : null,
              )}
            </div>
            <Check
              testId="registration-commitment"
              label={t('registration.commitment')}
              checked={draft.commitment}
              onChange={(v) => {
                set('commitment', v);
              }}
              error={message('commitment')}
            />
          </Card>
        ) : null}

        {problem ? (
          <Notice tone="warn" live>
            {problem}
          </Notice>
        ) : null}
        <div className="registration-actions">
          {index > 0 ? (
            <Button variant="secondary" onClick={back}>
              {t('registration.back')}
            </Button>
          ) : null}
          <button
            type="submit"
            className="button button--primary"
            data-testid="registration-next"
            disabled={busy}
          >
            {step === 'review'
              ? busy
                ? t('registration.sending')
                : t('registration.send')
              : t('registration.next')}
          </button>
        </div>
      </form>
    </>
  );
}
