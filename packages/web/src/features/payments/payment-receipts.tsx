import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pathOf } from '@vssid/domain/api/contract';
import { paymentReceipt, type PaymentView } from '@vssid/domain/api/payments';
import { Card } from '../../design';
import { useFormat } from '../../i18n/format';
import { fetchMyPayments } from './api';

/**
 * Biên lai thanh toán, in "Giấy tờ của tôi": the e-receipt of each of the person's paid payments
 * (nothing shown when there is none, or when the list cannot be read).
 */
export function PaymentReceipts() {
  const { t } = useTranslation();
  const f = useFormat();
  const [paid, setPaid] = useState<PaymentView[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    fetchMyPayments({ signal: controller.signal }).then(
      (r) => {
        setPaid(r.items.filter((p) => p.status === 'paid'));
      },
      () => undefined,
    );
    return () => {
      controller.abort();
    };
  }, []);
  if (paid.length === 0) return null;
  return (
    <Card title={t('payments.receipts.title')}>
      <ol className="record-list" data-testid="payment-receipts">
        {paid.map((p) => (
          <li key={p.id}>
            <p>
              {t('payments.receipts.item', {
                content: p.orderInfo,
                amount: f.money(p.amountVnd),
                date: f.date(p.settledAt ?? p.createdAt),
              })}
            </p>
            <a
              className="button button--secondary"
              href={pathOf(paymentReceipt, { id: p.id })}
              target="_blank"
              rel="noopener"
            >
              {t('payments.receipt')}
            </a>
          </li>
        ))}
      </ol>
    </Card>
  );
}
