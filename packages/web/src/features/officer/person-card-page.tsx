import { type SubmitEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, Field, Notice, PageHeader } from '../../design';
import { messageOf, SignInNeededNotice } from '../auth';
import { CardSummary, type CardView } from '../card';
import { type CardQuery, fetchPersonCard } from './api/person-card';
import {
  cardQueryServerErrors,
  type CardQueryErrors,
  type CardReadFailure,
  cardReadFailure,
  checkCardQuery,
  PURPOSE_MAX,
} from './person-card-logic';
import './officer.css';

type Result =
  | { kind: 'none' }
  | { kind: 'loading' }
  | { kind: 'card'; view: CardView; query: CardQuery }
  | { kind: 'failed'; failure: CardReadFailure; message: string };

/**
 * A person's card for officers and agency admins: the BHXH code and why it is read (kept in the
 * audit log, which the person sees), then the card as the citizen's Thẻ BHYT shows it. Only
 * persons within the agency's scope answer; everyone else is "not found" (the API's 404).
 */
export function PersonCardPage() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<CardQuery>({ bhxhCode: '', purpose: '' });
  const [errors, setErrors] = useState<CardQueryErrors>({});
  const [result, setResult] = useState<Result>({ kind: 'none' });
  const inFlight = useRef<AbortController | null>(null);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const checked = checkCardQuery(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    setResult({ kind: 'loading' });
    try {
      const view = await fetchPersonCard({
        params: { bhxhCode: checked.query.bhxhCode },
        query: { purpose: checked.query.purpose },
        signal: controller.signal,
      });
      setResult({ kind: 'card', view, query: checked.query });
    } catch (err) {
      if (controller.signal.aborted) return;
      setErrors(cardQueryServerErrors(err));
      setResult({ kind: 'failed', failure: cardReadFailure(err), message: messageOf(t, err) });
    }
  };

  if (result.kind === 'failed' && result.failure === 'sign_in')
    return <SignInNeededNotice>{t('officer.signInNeeded')}</SignInNeededNotice>;

  return (
    <>
      <PageHeader title={t('officer.card.title')} lead={t('officer.card.lead')} />
      <Card>
        <form className="officer-form" onSubmit={(e) => void submit(e)} noValidate data-testid="card-query">
          <Field
            label={t('officer.card.bhxhCode')}
            hint={t('officer.card.bhxhCodeHint')}
            inputMode="numeric"
            autoComplete="off"
            maxLength={13}
            value={draft.bhxhCode}
            onChange={(e) => {
              setDraft({ ...draft, bhxhCode: e.target.value });
            }}
            error={errors.bhxhCode ? t(errors.bhxhCode) : undefined}
          />
          <Field
            label={t('officer.card.purpose')}
            hint={t('officer.card.purposeHint')}
            autoComplete="off"
            maxLength={PURPOSE_MAX}
            value={draft.purpose}
            onChange={(e) => {
              setDraft({ ...draft, purpose: e.target.value });
            }}
            error={errors.purpose ? t(errors.purpose) : undefined}
          />
          <div className="officer-actions">
            <Button type="submit" icon="card">
              {t('officer.card.submit')}
            </Button>
          </div>
        </form>
      </Card>
      {result.kind === 'loading' ? <p aria-busy="true">{t('officer.loading')}</p> : null}
      {result.kind === 'failed' ? (
        <Notice tone="warn" live>
          <span data-testid="card-read-error">
            {result.failure === 'not_in_scope'
              ? t('officer.card.notInScope')
              : result.failure === 'invalid'
                ? t('officer.card.invalid')
                : result.message}
          </span>
        </Notice>
      ) : null}
      {result.kind === 'card' ? (
        <>
          <Notice tone="info" live>
            {t('officer.card.audited', { purpose: result.query.purpose })}
          </Notice>
          <CardSummary view={result.view} />
        </>
      ) : null}
    </>
  );
}
