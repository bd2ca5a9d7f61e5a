import { startTransition, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button, Card, Notice, PageHeader } from '../../design';
import { ApiError, NetworkError } from '../../shared/api';
import { PATHS } from '../../shared/paths';
import { fetchCards, forgetCards, loadCards, saveCards, type StoredCards } from './card-store';
import { CardSummary, LastUpdated } from './card-view';

type State =
  | { kind: 'loading'; stored: StoredCards | null }
  | { kind: 'ready'; stored: StoredCards; offline: boolean }
  | { kind: 'signed_out' }
  | { kind: 'failed'; offline: boolean; message: string };

/** Thẻ BHYT: the health insurance card and the children's, shown at the clinic, also offline. */
export function CardPage() {
  const { t } = useTranslation();
  const [state, setState] = useState<State>(() => ({ kind: 'loading', stored: loadCards() }));
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    fetchCards(controller.signal)
      .then((answer) => {
        const stored = saveCards(answer);
        // The cards render in slices (a transition), not in one long task on a slow phone.
        startTransition(() => {
          setState({ kind: 'ready', stored, offline: false });
        });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) {
          // Signed out (or the session ended): the copy kept for offline use goes too.
          forgetCards();
          setState({ kind: 'signed_out' });
          return;
        }
        const offline = error instanceof NetworkError;
        const stored = loadCards();
        if (stored) setState({ kind: 'ready', stored, offline: true });
        else
          setState({
            kind: 'failed',
            offline,
            message: error instanceof ApiError ? error.problem.title : t('card.loadFailed'),
          });
      });
    return () => {
      controller.abort();
    };
  }, [attempt, t]);

  const stored = state.kind === 'ready' || state.kind === 'loading' ? state.stored : null;
  return (
    <>
      <PageHeader title={t('card.title')} lead={t('card.lead')} />
      {state.kind === 'signed_out' ? (
        <Notice icon="lock">
          {t('signInNeeded.card')}{' '}
          <Link to={`${PATHS.signIn}?next=${encodeURIComponent(PATHS.card)}`}>{t('card.signIn')}</Link>
        </Notice>
      ) : null}
      {state.kind === 'failed' ? (
        <Notice tone="warn" live>
          {state.offline ? t('card.offlineNothingSaved') : state.message}{' '}
          <Button
            variant="secondary"
            onClick={() => {
              setAttempt((n) => n + 1);
            }}
          >
            {t('card.retry')}
          </Button>
        </Notice>
      ) : null}
      {state.kind === 'loading' && !stored ? <p aria-busy="true">{t('card.loading')}</p> : null}
      {stored ? (
        <>
          {state.kind === 'ready' && state.offline ? (
            <Notice tone="warn" live>
              <span data-testid="card-offline">{t('card.offline')}</span>
            </Notice>
          ) : null}
          <LastUpdated iso={stored.savedAt} />
          {stored.answer.cards.map((view) => (
            <CardSummary key={view.holder.bhxhCode} view={view} />
          ))}
        </>
      ) : null}
      {/* Below the card once it is there: shown while loading, the card would push it down. */}
      {state.kind === 'loading' ? null : (
        <Card title={t('card.atClinicTitle')}>
          <p>{t('card.atClinic')}</p>
        </Card>
      )}
    </>
  );
}
