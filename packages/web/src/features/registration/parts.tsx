import jsQR from 'jsqr';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Notice, Select } from '../../design';
import { useFormat } from '../../i18n/format';
import type { OfferedAgency } from '@vssid/domain/api/registration';
import { fetchReceivingAgencies } from './api';

/* ---- photos ------------------------------------------------------------------------------ */

export interface PickedPhoto {
  file: File;
  url: string;
}

/**
 * The multipart body of a submit, as the API takes it: the form's fields as JSON in the `form`
 * part and each picked photo as a file part named by its kind (no base64 in the browser).
 */
export function submitBody(form: object, photos: Record<string, PickedPhoto | null>): FormData {
  const body = new FormData();
  body.append('form', JSON.stringify(form));
  for (const [kind, photo] of Object.entries(photos)) if (photo) body.append(kind, photo.file, `${kind}.jpg`);
  return body;
}

/**
 * A photo from the camera (`capture`, on phones) or a file: its preview, and "Chụp lại" to retake.
 * The server checks the content; here only the preview and the error tied to the field.
 */
function PhotoInput({
  label,
  hint,
  value,
  onChange,
  error,
  testId,
}: {
  label: string;
  hint?: string;
  value: PickedPhoto | null;
  onChange: (photo: PickedPhoto | null) => void;
  error?: string | undefined;
  testId: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="field registration-photo">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint ? <span className="field__hint">{hint}</span> : null}
      {error ? (
        <span id={`${id}-error`} className="field__error">
          {error}
        </span>
      ) : null}
      {value ? (
        <img
          className="registration-photo__preview"
          src={value.url}
          alt={t('registration.photos.preview', { label })}
        />
      ) : null}
      <input
        ref={input}
        id={id}
        data-testid={testId}
        type="file"
        accept="image/*"
        capture="environment"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={value ? 'visually-hidden' : undefined}
        onChange={(e) => {
          const file = e.target.files?.[0];
          // The previous preview is let go; the current one lives on for the review step.
          if (value) URL.revokeObjectURL(value.url);
          onChange(file ? { file, url: URL.createObjectURL(file) } : null);
        }}
      />
      {value ? (
        <Button
          variant="secondary"
          icon="arrow"
          onClick={() => {
            if (input.current) input.current.value = '';
            input.current?.click();
          }}
        >
          {t('registration.photos.retake')}
        </Button>
      ) : null}
    </div>
  );
}

/* ---- QR scanning ----------------------------------------------------------------------- */

function decodeImageData(data: ImageData): string | null {
  return jsQR(data.data, data.width, data.height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
}

/** Decodes a QR code in an uploaded picture. */
async function decodeFile(file: File): Promise<string | null> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  return decodeImageData(ctx.getImageData(0, 0, canvas.width, canvas.height));
}

/**
 * "Quét mã QR": the camera (frames read by jsQR until a code is found) or an uploaded picture of
 * the card. Hands the decoded text to `onText`, which parses it with the domain's codec.
 */
export function QrScan({
  label,
  onText,
  testId,
}: {
  label: string;
  onText: (text: string) => string | null;
  testId: string;
}) {
  const { t } = useTranslation();
  const [scanning, setScanning] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const fileId = useId();

  useEffect(() => {
    if (!scanning) return;
    let stream: MediaStream | null = null;
    let frame = 0;
    let stopped = false;
    const canvas = document.createElement('canvas');
    const tick = () => {
      if (stopped) return;
      const v = video.current;
      if (v && v.readyState >= 2 && v.videoWidth) {
        canvas.width = v.videoWidth;
        canvas.height = v.videoHeight;
        const ctx = canvas.getContext('2d', { willReadFrequently: true });
        if (ctx) {
          ctx.drawImage(v, 0, 0);
          const text = decodeImageData(ctx.getImageData(0, 0, canvas.width, canvas.height));
          if (text) {
            setMessage(onText(text));
            setScanning(false);
            return;
          }
        }
      }
      frame = requestAnimationFrame(tick);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then((s) => {
        stream = s;
        if (stopped || !video.current) return;
        video.current.srcObject = s;
        void video.current.play();
        frame = requestAnimationFrame(tick);
      })
      .catch(() => {
        setMessage(t('registration.qr.noCamera'));
        setScanning(false);
      });
    return () => {
      stopped = true;
      cancelAnimationFrame(frame);
      stream?.getTracks().forEach((track) => {
        track.stop();
      });
    };
  }, [scanning, onText, t]);

  return (
    <div className="registration-qr">
      <div className="registration-qr__actions">
        {'mediaDevices' in navigator ? (
          <Button
            variant="secondary"
            icon="card"
            onClick={() => {
              setMessage(null);
              setScanning((s) => !s);
            }}
          >
            {scanning ? t('registration.qr.stop') : label}
          </Button>
        ) : null}
        <label className="button button--secondary" htmlFor={fileId}>
          {t('registration.qr.upload')}
        </label>
        <input
          id={fileId}
          data-testid={testId}
          className="visually-hidden"
          type="file"
          accept="image/*"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            decodeFile(file)
              .then((text) => {
                setMessage(text ? onText(text) : t('registration.qr.notFound'));
              })
              .catch(() => {
                setMessage(t('registration.qr.notFound'));
              });
          }}
        />
      </div>
      {scanning ? (
        <video ref={video} className="registration-qr__video" muted playsInline aria-label={label} />
      ) : null}
      {message ? (
        <Notice tone="warn" live>
          {message}
        </Notice>
      ) : null}
    </div>
  );
}

/* ---- receiving agency ---------------------------------------------------------------------- */

type Agency = OfferedAgency;

/** One photo input per kind, each with its field's problem (`message`). */
export function PhotoInputs<K extends string>({
  kinds,
  testIdPrefix,
  labelOf,
  photos,
  onChange,
  message,
}: {
  kinds: readonly K[];
  testIdPrefix: string;
  labelOf: (kind: K) => string;
  photos: Record<string, PickedPhoto | null>;
  onChange: (kind: K, photo: PickedPhoto | null) => void;
  message: (field: string) => string | undefined;
}) {
  return kinds.map((kind) => (
    <PhotoInput
      key={kind}
      testId={`${testIdPrefix}-photo-${kind}`}
      label={labelOf(kind)}
      value={photos[kind] ?? null}
      onChange={(p) => {
        onChange(kind, p);
      }}
      error={message(`photos.${kind}`)}
    />
  ));
}

/** The receiving agency and how the card is handed over (at the counter or by post). */
export function AgencyAndDelivery({
  testIdPrefix,
  provinces,
  province,
  onProvince,
  commune,
  agencyCode,
  onAgency,
  delivery,
  onDelivery,
  message,
}: {
  testIdPrefix: string;
  provinces: { code: string; name: string }[];
  province: string;
  onProvince: (code: string) => void;
  commune?: string | undefined;
  agencyCode: string;
  onAgency: (agency: Agency | null) => void;
  delivery: string;
  onDelivery: (delivery: 'counter' | 'post') => void;
  message: (field: string) => string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <>
      <AgencyPicker
        provinces={provinces}
        province={province}
        onProvince={onProvince}
        commune={commune}
        value={agencyCode}
        onChange={onAgency}
        error={message('agencyCode')}
      />
      <fieldset className="registration-delivery">
        <legend className="field__label">{t('registration.delivery.legend')}</legend>
        {(['counter', 'post'] as const).map((d) => (
          <label key={d}>
            <input
              type="radio"
              name="delivery"
              data-testid={`${testIdPrefix}-delivery-${d}`}
              checked={delivery === d}
              onChange={() => {
                onDelivery(d);
              }}
            />{' '}
            {t(`registration.delivery.${d}`)}
          </label>
        ))}
        {message('delivery') ? <p className="field__error">{message('delivery')}</p> : null}
      </fieldset>
    </>
  );
}

/**
 * The receiving BHXH agency: a province, then the agencies of that province that receive dossiers
 * and have an officer (the registration API's list, never the national head office), searchable by
 * name. The nearest is suggested and chosen when nothing is chosen yet: nearest from the device's
 * position after "Gần tôi nhất", else from the chosen commune (`commune`), always inside the
 * chosen province.
 */
export function AgencyPicker({
  provinces,
  province,
  onProvince,
  commune,
  value,
  onChange,
  error,
}: {
  provinces: { code: string; name: string }[];
  province: string;
  onProvince: (code: string) => void;
  /** The person's commune (the origin of "nearest" without a device position), if known. */
  commune?: string | undefined;
  value: string;
  onChange: (agency: Agency | null) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [items, setItems] = useState<Agency[] | null>(null);
  // Distances are shown from the device's position only (a commune's position is an estimate).
  const [fromDevice, setFromDevice] = useState(false);
  const [q, setQ] = useState('');
  const [position, setPosition] = useState<{ lat: number; lng: number } | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    if (!province) return;
    const query = {
      province,
      limit: 20,
      ...(position ? { lat: position.lat, lng: position.lng } : commune ? { commune } : {}),
      ...(q.trim().length >= 1 ? { q: q.trim() } : {}),
    };
    let live = true;
    fetchReceivingAgencies({ query })
      .then((r) => {
        if (!live) return;
        setItems(r.items);
        setFromDevice(r.origin === 'position');
        // The nearest is suggested: chosen when nothing is chosen yet.
        const suggested = r.items.find((a) => a.suggested);
        if (!value && suggested) onChange(suggested);
      })
      .catch(() => {
        if (live) setItems([]);
      });
    return () => {
      live = false;
    };
  }, [province, commune, q, position, value, onChange]);

  return (
    <div className="registration-agency">
      <Select
        label={t('registration.agency.province')}
        testId="registration-agency-province"
        value={province}
        onChange={(code) => {
          // An agency of another province is no longer a choice.
          if (code !== province) onChange(null);
          onProvince(code);
        }}
        options={[
          { value: '', label: t('registration.agency.chooseProvince') },
          ...provinces.map((p) => ({ value: p.code, label: p.name })),
        ]}
      />
      <Button
        variant="secondary"
        icon="building"
        onClick={() => {
          if (!('geolocation' in navigator)) {
            setStatus(t('registration.agency.noPosition'));
            return;
          }
          setStatus(t('registration.agency.locating'));
          navigator.geolocation.getCurrentPosition(
            (p) => {
              setStatus(null);
              setPosition({ lat: p.coords.latitude, lng: p.coords.longitude });
            },
            () => {
              setStatus(t('registration.agency.noPosition'));
            },
            { timeout: 10_000 },
          );
        }}
      >
        {t('registration.agency.nearest')}
      </Button>
      {status ? <p className="field__hint">{status}</p> : null}
      <div className="field">
        <label className="field__label" htmlFor="registration-agency-q">
          {t('registration.agency.search')}
        </label>
        <input
          id="registration-agency-q"
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
          }}
        />
      </div>
      {error ? <p className="field__error">{error}</p> : null}
      {province && items?.length === 0 && !q.trim() ? (
        <p className="field__hint" data-testid="registration-agency-none">
          {t('registration.agency.none')}
        </p>
      ) : null}
      <ul className="registration-agency__list" data-testid="registration-agency-list">
        {(items ?? []).map((a) => (
          <li key={a.code}>
            <label className="registration-agency__item">
              <input
                type="radio"
                name="registration-agency"
                value={a.code}
                checked={value === a.code}
                onChange={() => {
                  onChange(a);
                }}
              />
              <span>
                <strong>{a.name}</strong>
                {a.suggested ? (
                  <em data-testid="registration-agency-suggested"> · {t('registration.agency.suggested')}</em>
                ) : null}
                <br />
                <span className="field__hint">
                  {a.address}
                  {fromDevice && a.distanceKm != null
                    ? ` · ${t('registration.agency.distance', { km: f.number(a.distanceKm, 1) })}`
                    : ''}
                </span>
              </span>
            </label>
          </li>
        ))}
      </ul>
    </div>
  );
}
