import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaymentDifference } from '@vssid/domain/api/payments';
import { Button, Notice, PageHeader } from '../../design';
import { useFormat } from '../../i18n/format';
import { messageOf } from '../auth';
import { fetchDifferences, sendResolve } from './api';
import './payments.css';

type State = 'open' | 'resolved';

/**
 * Đối soát thanh toán (officers): the daily reconciliation's differences between the gateway's
 * records and ours, and the refunds due for withdrawn requests, of the persons of the officer's
 * provinces; each open one can be marked resolved with a note saying how (audited).
 */
export function ReconciliationPage() {
  const { t } = useTranslation();
  const [state, setState] = useState<State>('open');
  const [items, setItems] = useState<PaymentDifference[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    (signal?: AbortSignal) => {
      fetchDifferences({ query: { state }, ...(signal ? { signal } : {}) }).then(
        (r) => {
          setError(null);
          setItems(r.items);
        },
        (e: unknown) => {
          if (!signal?.aborted) setError(messageOf(t, e));
        },
      );
    },
    [state, t],
  );
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => {
      controller.abort();
    };
  }, [load]);

  return (
    <>
      <PageHeader title={t('payments.reconciliation.title')} lead={t('payments.reconciliation.lead')} />
      <div className="payments-tabs" role="group">
        {(['open', 'resolved'] as const).map((s) => (
          <Button
            key={s}
            variant={s === state ? 'primary' : 'secondary'}
            onClick={() => {
              setState(s);
            }}
          >
            {t(`payments.reconciliation.${s}`)}
          </Button>
        ))}
      </div>
      {error ? <Notice tone="warn">{error}</Notice> : null}
      {items && items.length === 0 ? <p>{t('payments.reconciliation.empty')}</p> : null}
      {items && items.length > 0 ? (
        <table className="payments-table" data-testid="payment-differences">
          <thead>
            <tr>
              <th>{t('payments.reconciliation.day')}</th>
              <th>{t('payments.reconciliation.kind')}</th>
              <th>{t('payments.reference')}</th>
              <th>{t('payments.reconciliation.person')}</th>
              <th>{t('payments.reconciliation.ours')}</th>
              <th>{t('payments.reconciliation.theirs')}</th>
              <th>{t('payments.reconciliation.note')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <DifferenceRow
                key={d.id}
                difference={d}
                onResolved={() => {
                  load();
                }}
              />
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

function DifferenceRow({
  difference: d,
  onResolved,
}: {
  difference: PaymentDifference;
  onResolved: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const ours = d.ourStatus
    ? `${t(`payments.reconciliation.states.${d.ourStatus as 'paid'}`)} · ${d.ourAmountVnd === null ? '' : f.money(d.ourAmountVnd)}`
    : t('payments.reconciliation.none');
  const theirs = d.theirStatus
    ? `${t(d.theirStatus === '00' ? 'payments.reconciliation.states.gateway00' : 'payments.reconciliation.states.gatewayOther')} · ${d.theirAmountVnd === null ? '' : f.money(d.theirAmountVnd)}`
    : t('payments.reconciliation.none');
  const resolve = async () => {
    setError(null);
    try {
      await sendResolve({ params: { id: d.id }, body: { note: note.trim() } });
      onResolved();
    } catch (e) {
      setError(messageOf(t, e));
    }
  };
  return (
    <tr data-testid={`difference-${d.kind}`}>
      <td>{f.date(d.runDate)}</td>
      <td>{t(`payments.reconciliation.kinds.${d.kind}`)}</td>
      <td>{d.txnRef}</td>
      <td>
        {d.bhxhCode ? `${d.personName ?? ''} (${d.bhxhCode})` : t('payments.reconciliation.unknownPerson')}
      </td>
      <td>{ours}</td>
      <td>{theirs}</td>
      <td>
        {d.resolvedAt ? (
          t('payments.reconciliation.resolvedBy', {
            date: f.dateTime(d.resolvedAt),
            note: d.resolutionNote ?? '',
          })
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void resolve();
            }}
          >
            <label className="field__label" htmlFor={`note-${d.id}`}>
              {t('payments.reconciliation.note')}
            </label>
            <textarea
              id={`note-${d.id}`}
              value={note}
              maxLength={500}
              onChange={(e) => {
                setNote(e.target.value);
              }}
            />
            <Button type="submit" variant="secondary">
              {t('payments.reconciliation.resolve')}
            </Button>
            {error ? (
              <Notice tone="warn" live>
                {error}
              </Notice>
            ) : null}
          </form>
        )}
      </td>
    </tr>
  );
}
