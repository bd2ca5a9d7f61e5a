import type { RegistrationResult } from '@vssid/domain/api/registration';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, Field, Notice, PageHeader } from '../../design';
import {
  type FieldErrors,
  readBhytQr,
  serverFieldErrors,
  submissionProblem,
  validateChild,
} from './form-logic';
import { AgencyAndDelivery, type PickedPhoto, PhotoInputs, QrScan, submitBody } from './parts';
import { submitChild } from './api';
import { MyRegistrations } from './my-registrations';
import { ResultView } from './result-view';
import { useUnits } from './register-page';
import { PendingDossier, usePendingDossier } from './withdraw-pending';
import './registration.css';

/**
 * Dịch vụ công → Đăng ký tài khoản cho con: a signed-in guardian registers a minor child (BHXH
 * code and name, by look-up or the child's BHYT QR; portrait and birth certificate; receiving
 * agency), confirms the commitment in a dialog ("Hủy" / "Đồng ý"), and gets the dossier number,
 * the deadline and the declaration ("Xem tờ khai").
 */
export function ChildRegistrationPage() {
  const { t } = useTranslation();
  const [form, setForm] = useState({
    childBhxhCode: '',
    childFullName: '',
    agencyCode: '',
    delivery: '' as '' | 'counter' | 'post',
  });
  const [photos, setPhotos] = useState<Record<string, PickedPhoto | null>>({
    portrait: null,
    birth_certificate: null,
  });
  const [agencyProvince, setAgencyProvince] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<RegistrationResult | null>(null);
  // The pending dossier a refusal names, offered for withdrawal (issue 20).
  const pendingDossier = usePendingDossier();
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const provinces = useUnits(null);

  const message = (field: string) => {
    const key = errors[field];
    if (!key) return undefined;
    return key.startsWith('message:') ? key.slice(8) : t(key as 'registration.errors.photo');
  };
  const onBhyt = useCallback(
    (text: string) => {
      const read = readBhytQr(text);
      if (!read) return t('registration.qr.bhytInvalid');
      setForm((f) => ({ ...f, childBhxhCode: read.bhxhCode, childFullName: read.fullName }));
      return t('registration.qr.bhytRead');
    },
    [t],
  );
  const onAgency = useCallback((a: { code: string } | null) => {
    setForm((f) => ({ ...f, agencyCode: a?.code ?? '' }));
  }, []);

  const ask = () => {
    const found = validateChild({ ...form, commitment: true }, photos);
    setErrors(found);
    if (Object.keys(found).length === 0) setConfirming(true);
  };
  const send = async () => {
    setConfirming(false);
    setBusy(true);
    setProblem(null);
    try {
      const answer = await submitChild(
        submitBody(
          {
            ...form,
            childBhxhCode: form.childBhxhCode.trim(),
            childFullName: form.childFullName.trim(),
            commitment: true,
          },
          photos,
        ),
        idempotencyKey,
      );
      setResult(answer);
      setIdempotencyKey(crypto.randomUUID());
    } catch (error) {
      pendingDossier.refused(error);
      setErrors(serverFieldErrors(error));
      setProblem(submissionProblem(t, error));
    } finally {
      setBusy(false);
    }
  };

  if (result)
    return (
      <>
        <PageHeader title={t('childRegistration.resultTitle')} />
        <ResultView result={result} />
      </>
    );

  return (
    <>
      <PageHeader title={t('childRegistration.title')} lead={t('childRegistration.lead')} />
      <MyRegistrations />
      <PendingDossier
        state={pendingDossier}
        bhxhCode={form.childBhxhCode.trim()}
        fullName={form.childFullName.trim()}
        onWithdrawn={() => {
          setProblem(null);
          setErrors({});
        }}
      />
      <form
        className="registration-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          ask();
        }}
      >
        <Card title={t('childRegistration.child')}>
          <Field
            label={t('childRegistration.bhxhCode')}
            data-testid="child-bhxh-code"
            inputMode="numeric"
            value={form.childBhxhCode}
            onChange={(e) => {
              setForm((f) => ({ ...f, childBhxhCode: e.target.value }));
            }}
            error={message('childBhxhCode')}
          />
          <QrScan label={t('registration.qr.bhyt')} onText={onBhyt} testId="child-bhyt-qr-file" />
          <Field
            label={t('childRegistration.fullName')}
            data-testid="child-full-name"
            value={form.childFullName}
            onChange={(e) => {
              setForm((f) => ({ ...f, childFullName: e.target.value }));
            }}
            error={message('childFullName')}
          />
        </Card>
        <Card title={t('registration.steps.photos')}>
          <PhotoInputs
            kinds={['portrait', 'birth_certificate'] as const}
            testIdPrefix="child"
            labelOf={(kind) => t(`childRegistration.photos.${kind}`)}
            photos={photos}
            onChange={(kind, p) => {
              setPhotos((old) => ({ ...old, [kind]: p }));
            }}
            message={message}
          />
        </Card>
        <Card title={t('registration.steps.agency')}>
          <AgencyAndDelivery
            testIdPrefix="child"
            provinces={provinces}
            province={agencyProvince}
            onProvince={setAgencyProvince}
            agencyCode={form.agencyCode}
            onAgency={onAgency}
            delivery={form.delivery}
            onDelivery={(d) => {
              setForm((f) => ({ ...f, delivery: d }));
            }}
            message={message}
          />
        </Card>
        {problem ? (
          <Notice tone="warn" live>
            {problem}
          </Notice>
        ) : null}
        <div className="registration-actions">
          <button type="submit" className="button button--primary" data-testid="child-submit" disabled={busy}>
            {busy ? t('registration.sending') : t('registration.send')}
          </button>
        </div>
      </form>
      {confirming ? (
        <div
          className="registration-dialog"
          role="dialog"
          aria-modal="true"
          aria-labelledby="child-commitment-title"
        >
          <div className="registration-dialog__box">
            <h2 id="child-commitment-title">{t('childRegistration.commitmentTitle')}</h2>
            <p>{t('childRegistration.commitment')}</p>
            <div className="registration-actions">
              <Button
                variant="secondary"
                onClick={() => {
                  setConfirming(false);
                }}
              >
                {t('childRegistration.cancel')}
              </Button>
              <button
                type="button"
                className="button button--primary"
                data-testid="child-agree"
                onClick={() => void send()}
              >
                {t('childRegistration.agree')}
              </button>
            </div>
          </div>
        </div>
      ) : null}
    </>
  );
}
