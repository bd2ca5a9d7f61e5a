import { useTranslation } from 'react-i18next';
import { Card, PageHeader } from '../../design';
import { formatDate, formatMoney } from '@vssid/domain';
import { screenLanguage } from '../../i18n/format';
import { RecordView, useForCode, useRecord, withFor } from '../history';

type Kind = 'one_time' | 'sickness' | 'maternity' | 'pension' | 'unemployment' | 'tnld_bnn';
const KINDS: readonly Kind[] = ['pension', 'one_time', 'sickness', 'maternity', 'unemployment', 'tnld_bnn'];

interface Benefit {
  id: string;
  kind: Kind;
  periodFrom: string;
  periodTo: string;
  amount: number;
  decisionNumber: string;
  paidOn: string | null;
}

/** Thông tin hưởng: benefits received, by type, newest first, with decisions and paid dates. */
export function BenefitsPage() {
  const { t } = useTranslation();
  const forCode = useForCode();
  const state = useRecord<{ bhxhCode: string; items: Benefit[] }>(withFor('/api/v1/me/benefits', forCode));
  return (
    <>
      <PageHeader title={t('benefits.title')} lead={t('benefits.lead')} />
      <RecordView state={state} signInKey="signInNeeded.benefits">
        {(data) =>
          data.items.length === 0 ? (
            <Card>
              <p data-testid="benefits-empty">{t('benefits.empty')}</p>
            </Card>
          ) : (
            <>
              {KINDS.filter((k) => data.items.some((b) => b.kind === k)).map((kind) => (
                <BenefitGroup key={kind} kind={kind} items={data.items.filter((b) => b.kind === kind)} />
              ))}
            </>
          )
        }
      </RecordView>
    </>
  );
}

function BenefitGroup({ kind, items }: { kind: Kind; items: Benefit[] }) {
  const { t, i18n } = useTranslation();
  const lang = screenLanguage(i18n.language);
  const total = items.reduce((n, b) => n + b.amount, 0);
  return (
    <Card title={t(`benefits.kinds.${kind}`)}>
      <p className="muted">
        {t('benefits.groupTotal', { count: items.length, amount: formatMoney(total, lang) })}
      </p>
      <ol className="record-list" data-testid={`benefits-${kind}`}>
        {items.map((b) => (
          <li key={b.id}>
            <dl className="period__facts">
              <div>
                <dt>{t('benefits.period')}</dt>
                <dd>
                  {formatDate(b.periodFrom, lang)} – {formatDate(b.periodTo, lang)}
                </dd>
              </div>
              <div>
                <dt>{t('benefits.amount')}</dt>
                <dd>
                  <strong>{formatMoney(b.amount, lang)}</strong>
                </dd>
              </div>
              <div>
                <dt>{t('benefits.decision')}</dt>
                <dd>{b.decisionNumber}</dd>
              </div>
              <div>
                <dt>{t('benefits.paidOn')}</dt>
                <dd>{b.paidOn ? formatDate(b.paidOn, lang) : t('benefits.notPaidYet')}</dd>
              </div>
            </dl>
          </li>
        ))}
      </ol>
    </Card>
  );
}
