import jsQR from 'jsqr';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { Button, Card, Notice, PageHeader } from '../../design';
import { type KeySet, loadKeySet, refreshKeySet, type Verification, verifyCard } from './verify';
import './card.css';

/**
 * `/clinic/verify`: the clinic's check of a patient's signed card (the SMART Health Card QR
 * shown with "Xem thẻ BHYT"). Paste the `shc:/…` text or scan it with the camera; the signature
 * is checked in the browser against our public keys, fetched once and kept, so it works offline.
 */
export function VerifyPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [text, setText] = useState('');
  const [keys, setKeys] = useState<KeySet | null>(() => loadKeySet());
  const [keysFailed, setKeysFailed] = useState(false);
  const [result, setResult] = useState<Verification | null>(null);
  const [scanning, setScanning] = useState(false);
  const [cameraError, setCameraError] = useState(false);

  const refresh = useCallback(async (): Promise<KeySet | null> => {
    try {
      const set = await refreshKeySet();
      setKeys(set);
      setKeysFailed(false);
      return set;
    } catch {
      setKeysFailed(true);
      return null;
    }
  }, []);

  useEffect(() => {
    // Once per visit when online; the kept keys serve offline.
    let live = true;
    refreshKeySet()
      .then((set) => {
        if (!live) return;
        setKeys(set);
        setKeysFailed(false);
      })
      .catch(() => {
        if (live) setKeysFailed(true);
      });
    return () => {
      live = false;
    };
  }, []);

  const check = useCallback(
    async (value: string) => {
      let outcome = await verifyCard(value, loadKeySet() ?? keys);
      // A key we have not seen yet (a rotation since the last fetch): ask once more when online.
      if (outcome.outcome === 'unknown_key') {
        const fresh = await refresh();
        if (fresh) outcome = await verifyCard(value, fresh);
      }
      setResult(outcome);
    },
    [keys, refresh],
  );

  const time = f.dateTime;

  return (
    <>
      <PageHeader title={t('clinicVerify.title')} lead={t('clinicVerify.lead')} />
      <Card>
        <form
          className="verify-form"
          onSubmit={(e) => {
            e.preventDefault();
            void check(text);
          }}
        >
          <label htmlFor="shc-input">{t('clinicVerify.pasteLabel')}</label>
          <textarea
            id="shc-input"
            rows={4}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
            }}
            placeholder="shc:/5676…"
            data-testid="verify-input"
          />
          <div className="verify-actions">
            <Button type="submit">{t('clinicVerify.verify')}</Button>
            <Button
              variant="secondary"
              icon="card"
              onClick={() => {
                setCameraError(false);
                setScanning((v) => !v);
              }}
            >
              {scanning ? t('clinicVerify.stopScan') : t('clinicVerify.scan')}
            </Button>
          </div>
        </form>
        {scanning ? (
          <Scanner
            onText={(value) => {
              setScanning(false);
              setText(value);
              void check(value);
            }}
            onError={() => {
              setScanning(false);
              setCameraError(true);
            }}
          />
        ) : null}
        {cameraError ? <Notice tone="warn">{t('clinicVerify.cameraError')}</Notice> : null}
        <p className="card-muted" data-testid="verify-keys">
          {keys
            ? t('clinicVerify.keysUpdated', { time: time(keys.fetchedAt), n: keys.keys.length })
            : keysFailed
              ? t('clinicVerify.keysUnavailable')
              : t('clinicVerify.keysLoading')}
        </p>
      </Card>
      {result ? <VerificationResult result={result} time={time} /> : null}
    </>
  );
}

function VerificationResult({ result, time }: { result: Verification; time: (iso: string) => string }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (result.outcome === 'unreadable')
    return (
      <Notice tone="warn" live>
        <span data-testid="verify-outcome" data-outcome="unreadable">
          {t(result.reason === 'format' ? 'clinicVerify.unreadable' : 'clinicVerify.noCard')}
        </span>
      </Notice>
    );
  const card = result.card;
  // The validity shown is the card's real end: a TE card's legal end when earlier than the signed one.
  const validTo = result.outcome === 'valid' ? result.endsOn : (card?.validTo ?? null);
  const ended = result.outcome === 'valid' && result.ended;
  const heading =
    result.outcome === 'valid'
      ? result.ended
        ? t('clinicVerify.cardEnded', { date: result.endsOn ? f.date(result.endsOn) : '—' })
        : result.expired
          ? t('clinicVerify.validExpired')
          : t('clinicVerify.valid')
      : result.outcome === 'invalid'
        ? t('clinicVerify.invalid')
        : t('clinicVerify.unknownKey');
  const tone = result.outcome === 'valid' && !result.expired && !ended ? 'ok' : 'bad';
  return (
    <Card title={t('clinicVerify.resultTitle')}>
      <p
        className={`card-status card-status--${tone}`}
        role="status"
        data-testid="verify-outcome"
        data-outcome={
          ended ? 'card_ended' : result.outcome === 'valid' && result.expired ? 'expired' : result.outcome
        }
      >
        {heading}
      </p>
      {result.outcome !== 'valid' ? <p>{t('clinicVerify.doNotTrust')}</p> : null}
      {card ? (
        <dl className="card-facts">
          <dt>{t('clinicVerify.name')}</dt>
          <dd data-testid="verify-name">{card.fullName}</dd>
          <dt>{t('clinicVerify.dateOfBirth')}</dt>
          <dd>{card.dateOfBirth ? f.date(card.dateOfBirth) : '—'}</dd>
          <dt>{t('clinicVerify.cardNumber')}</dt>
          <dd className="card-code">{card.cardNumber ?? '—'}</dd>
          <dt>{t('clinicVerify.validity')}</dt>
          <dd>
            {card.validFrom
              ? validTo
                ? t('card.validity', { from: f.date(card.validFrom), to: f.date(validTo) })
                : t('card.validityOpen', { from: f.date(card.validFrom) })
              : '—'}
          </dd>
          <dt>{t('clinicVerify.plan')}</dt>
          <dd>{card.plan ?? '—'}</dd>
          <dt>{t('clinicVerify.clinic')}</dt>
          <dd>{card.registeredClinicCode ?? '—'}</dd>
          <dt>{t('clinicVerify.issuedAt')}</dt>
          <dd data-testid="verify-issued">{time(card.issuedAt)}</dd>
          <dt>{t('clinicVerify.expiresAt')}</dt>
          <dd>{card.expiresAt ? time(card.expiresAt) : '—'}</dd>
        </dl>
      ) : null}
    </Card>
  );
}

/** The camera, read frame by frame with jsQR until a `shc:/` code is seen. */
function Scanner({ onText, onError }: { onText: (text: string) => void; onError: () => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    let stream: MediaStream | null = null;
    let frame = 0;
    let stopped = false;
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    const tick = () => {
      if (stopped) return;
      const v = video.current;
      if (v && context && v.readyState >= 2 && v.videoWidth > 0) {
        canvas.width = v.videoWidth;
        canvas.height = v.videoHeight;
        context.drawImage(v, 0, 0);
        const image = context.getImageData(0, 0, canvas.width, canvas.height);
        const code = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
        if (code && /^shc:\//i.test(code.data)) {
          onText(code.data);
          return;
        }
      }
      frame = requestAnimationFrame(tick);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(async (s) => {
        stream = s;
        if (stopped || !video.current) return;
        video.current.srcObject = s;
        await video.current.play();
        frame = requestAnimationFrame(tick);
      })
      .catch(() => {
        if (!stopped) onError();
      });
    return () => {
      stopped = true;
      cancelAnimationFrame(frame);
      stream?.getTracks().forEach((track) => {
        track.stop();
      });
    };
  }, [onText, onError]);
  return (
    <video
      ref={video}
      className="verify-video"
      muted
      playsInline
      aria-label={t('clinicVerify.cameraLabel')}
    />
  );
}
