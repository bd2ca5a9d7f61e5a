import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { Button, ButtonLink, Card } from '../../design';
import { PATHS } from '../../shared/paths';
import { QrImage } from './qr-image';
import type { CardStatus, CardView } from './types';
import './card.css';

/**
 * One person's card as the citizen's Thẻ BHYT shows it (facts, benefit, "Xem thẻ BHYT" with both
 * QR codes), shared with the officers' card read (features/officer): the view depends only on
 * the API's `CardView`, never on where it came from.
 */

/** Object codes with a name in the catalog; others are shown by their code. */
const NAMED_OBJECT_CODES = [
  'DN',
  'HC',
  'GD',
  'TE',
  'HS',
  'SV',
  'HT',
  'BT',
  'DT',
  'HN',
  'CB',
  'CN',
  'CC',
  'QN',
  'CA',
  'CY',
] as const;
type NamedObjectCode = (typeof NAMED_OBJECT_CODES)[number];
const isNamed = (code: string): code is NamedObjectCode =>
  (NAMED_OBJECT_CODES as readonly string[]).includes(code);

function useFormatters() {
  const f = useFormat();
  return { time: f.dateTime, money: f.money, date: (iso: string | null) => (iso ? f.date(iso) : '') };
}

export function LastUpdated({ iso }: { iso: string }) {
  const { t } = useTranslation();
  const f = useFormatters();
  return (
    <p className="card-updated" data-testid="card-last-updated">
      {t('card.lastUpdated', { time: f.time(iso) })}
    </p>
  );
}

export function statusTone(status: CardStatus): 'ok' | 'warn' | 'bad' {
  if (status === 'valid') return 'ok';
  if (status === 'expiring_soon' || status === 'not_yet_valid') return 'warn';
  return 'bad';
}

/** The card of one holder (or "no card"), with the full card in a dialog on request. */
export function CardSummary({ view }: { view: CardView }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const [open, setOpen] = useState(false);
  const { holder, card } = view;
  const title =
    holder.relation === 'child' ? t('card.childTitle', { name: holder.fullName }) : holder.fullName;
  if (!card)
    return (
      <Card title={title}>
        <p>{t('card.noCard')}</p>
      </Card>
    );
  const b = card.benefit;
  const objectName = isNamed(card.objectCode)
    ? t(`card.objectCodes.${card.objectCode}`)
    : t('card.objectCodeOther', { code: card.objectCode });
  return (
    <Card title={title}>
      <p className={`card-status card-status--${statusTone(card.status)}`} data-testid="card-status">
        {t(`card.status.${card.status}`)}
      </p>
      <dl className="card-facts">
        <dt>{t('card.fields.holder')}</dt>
        <dd data-testid="card-holder-name">{holder.fullName}</dd>
        <dt>{t('card.fields.dateOfBirth')}</dt>
        <dd>{f.date(holder.dateOfBirth)}</dd>
        <dt>{t('card.fields.gender')}</dt>
        <dd>{t(`card.gender.${holder.gender}`)}</dd>
        <dt>{t('card.fields.cardNumber')}</dt>
        <dd className="card-code">{card.cardNumber}</dd>
        <dt>{t('card.fields.bhxhCode')}</dt>
        <dd className="card-code">{holder.bhxhCode}</dd>
        <dt>{t('card.fields.object')}</dt>
        <dd>
          {card.objectCode} – {objectName}
        </dd>
        <dt>{t('card.fields.benefitLevel')}</dt>
        <dd>{t('card.benefitLevel', { level: card.benefitLevel })}</dd>
        <dt>{t('card.fields.clinic')}</dt>
        <dd>
          {card.registeredClinic ? (
            <>
              {card.registeredClinic.name} ({card.registeredClinic.code})
              <br />
              <span className="card-muted">{card.registeredClinic.address}</span>
            </>
          ) : (
            '—'
          )}
          {card.nextClinic ? (
            <>
              <br />
              <strong data-testid="card-next-clinic">
                {t('card.nextClinic', {
                  date: f.date(card.nextClinic.from),
                  name: card.nextClinic.name,
                  code: card.nextClinic.code,
                })}
              </strong>
            </>
          ) : null}
        </dd>
        <dt>{t('card.fields.validity')}</dt>
        <dd>
          {card.validTo
            ? t('card.validity', { from: f.date(card.validFrom), to: f.date(card.validTo) })
            : t('card.validityOpen', { from: f.date(card.validFrom) })}
        </dd>
        <dt>{t('card.fields.fiveYearDate')}</dt>
        <dd>{card.fiveYearDate ? f.date(card.fiveYearDate) : '—'}</dd>
        <dt>{t('card.fields.issuingAgency')}</dt>
        <dd>{card.issuingAgency?.name ?? '—'}</dd>
        <dt>{t('card.fields.issuedOn')}</dt>
        <dd>{f.date(card.issuedOn)}</dd>
      </dl>
      <div className="card-benefit">
        {/* Read by an officer (`staff`), the benefit is the holder's, not "yours". */}
        <h3>{t(holder.relation === 'staff' ? 'card.benefitTitleStaff' : 'card.benefitTitle')}</h3>
        <ul>
          <li>{t('card.benefitShare', { percent: b.fundPercent })}</li>
          {b.smallVisitFullyPaidBelowVnd !== null ? (
            <li>{t('card.benefitSmallVisit', { amount: f.money(b.smallVisitFullyPaidBelowVnd) })}</li>
          ) : null}
          {b.capOnTechnicalServices ? <li>{t('card.benefitCap')}</li> : null}
          {b.includesOutOfScopeCosts ? <li>{t('card.benefitOutOfScope')}</li> : null}
          {b.fiveYearCapVnd !== null && card.fiveYearDate ? (
            <li>
              {t(b.fiveYearReached ? 'card.fiveYearReached' : 'card.fiveYearPending', {
                date: f.date(card.fiveYearDate),
                amount: f.money(b.fiveYearCapVnd),
              })}
            </li>
          ) : null}
        </ul>
      </div>
      <div className="card-actions">
        <Button
          icon="card"
          onClick={() => {
            setOpen(true);
          }}
        >
          {t('card.show')}
        </Button>
        {holder.relation === 'child' ? (
          <>
            <ButtonLink variant="secondary" to={`${PATHS.history}?for=${holder.bhxhCode}`}>
              {t('card.childHistory')}
            </ButtonLink>
            <ButtonLink variant="secondary" to={`${PATHS.medical}?for=${holder.bhxhCode}`}>
              {t('card.childMedical')}
            </ButtonLink>
            <ButtonLink variant="secondary" to={`${PATHS.documents}?for=${holder.bhxhCode}`}>
              {t('card.childDocuments')}
            </ButtonLink>
          </>
        ) : null}
      </div>
      {open ? (
        <FullCard
          view={view}
          onClose={() => {
            setOpen(false);
          }}
        />
      ) : null}
    </Card>
  );
}

/** "Xem thẻ BHYT": the card as printed, with both QR codes; it turns to landscape on request. */
function FullCard({ view, onClose }: { view: CardView; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const [landscape, setLandscape] = useState(false);
  const dialog = useRef<HTMLDivElement>(null);
  const { holder, card } = view;
  useEffect(() => {
    dialog.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
    };
  }, [onClose]);
  if (!card) return null;
  const titleId = `card-dialog-title-${holder.bhxhCode}`;
  return (
    <div className="card-overlay" data-testid="card-dialog">
      <div
        ref={dialog}
        className={`card-sheet${landscape ? ' card-sheet--landscape' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
      >
        <div className="card-sheet__actions">
          <Button
            variant="secondary"
            onClick={() => {
              setLandscape((v) => !v);
            }}
          >
            {landscape ? t('card.portrait') : t('card.landscape')}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            {t('card.close')}
          </Button>
        </div>
        <div className="card-face" data-testid="card-face">
          <div className="card-face__head">
            <p className="card-face__org">{t('card.face.org')}</p>
            <h2 id={titleId} className="card-face__title">
              {t('card.face.title')}
            </h2>
          </div>
          <div className="card-face__body">
            <dl className="card-face__facts">
              <dt>{t('card.face.number')}</dt>
              <dd className="card-code">{card.cardNumber}</dd>
              <dt>{t('card.face.name')}</dt>
              <dd className="card-face__name">{holder.fullName.toLocaleUpperCase('vi')}</dd>
              <dt>{t('card.face.dateOfBirth')}</dt>
              <dd>
                {f.date(holder.dateOfBirth)} · {t(`card.gender.${holder.gender}`)}
              </dd>
              <dt>{t('card.face.clinic')}</dt>
              <dd>
                {card.registeredClinic
                  ? `${card.registeredClinic.name} (${card.registeredClinic.code})`
                  : '—'}
              </dd>
              <dt>{t('card.face.validity')}</dt>
              <dd>
                {card.validTo
                  ? t('card.validity', { from: f.date(card.validFrom), to: f.date(card.validTo) })
                  : t('card.validityOpen', { from: f.date(card.validFrom) })}
              </dd>
              <dt>{t('card.face.fiveYear')}</dt>
              <dd>{card.fiveYearDate ? f.date(card.fiveYearDate) : '—'}</dd>
              <dt>{t('card.face.issuer')}</dt>
              <dd>{card.issuingAgency?.name ?? '—'}</dd>
            </dl>
            <figure className="card-face__qr">
              <QrImage text={card.officialQr} label={t('card.officialQr')} testId="official-qr" />
              <figcaption>{t('card.officialQr')}</figcaption>
            </figure>
          </div>
          <p className={`card-status card-status--${statusTone(card.status)}`}>
            {t(`card.status.${card.status}`)}
          </p>
        </div>
        {card.credential ? (
          <div className="card-shc">
            <QrImage text={card.credential.qr} label={t('card.shcQr')} testId="shc-qr" />
            <p>
              {t('card.shcIssued', {
                issued: f.time(card.credential.issuedAt),
                expires: f.time(card.credential.expiresAt),
              })}
            </p>
            <details>
              <summary>{t('card.shcText')}</summary>
              <textarea
                readOnly
                rows={4}
                value={card.credential.qr}
                data-testid="shc-text"
                aria-label={t('card.shcText')}
              />
            </details>
          </div>
        ) : (
          <p className="card-muted">{t('card.noCredential')}</p>
        )}
        <LastUpdated iso={view.retrievedAt} />
      </div>
    </div>
  );
}
