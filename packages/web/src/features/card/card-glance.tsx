import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../design';
import { useFormat } from '../../i18n/format';
import { PATHS } from '../../shared/paths';
import { fetchCards, loadCards, saveCards, type StoredCards } from './card-store';
import { statusTone } from './card-view';
import type { CardView } from './types';
import './card.css';

type State =
  | { kind: 'loading'; stored: StoredCards | null }
  | { kind: 'ready'; stored: StoredCards; saved: boolean }
  | { kind: 'failed' };

const own = (stored: StoredCards): CardView | undefined =>
  stored.answer.cards.find((view) => view.holder.relation === 'self');

/**
 * The home screen's glance at the person's own card: its status and end date, with the way to
 * the card. Shows the copy kept on the device at once (and says so when the server cannot be
 * reached), then the server's answer.
 */
export function CardGlance() {
  const { t } = useTranslation();
  const f = useFormat();
  const [state, setState] = useState<State>(() => ({ kind: 'loading', stored: loadCards() }));

  useEffect(() => {
    const controller = new AbortController();
    fetchCards(controller.signal).then(
      (answer) => {
        setState({ kind: 'ready', stored: saveCards(answer), saved: false });
      },
      () => {
        if (controller.signal.aborted) return;
        const stored = loadCards();
        setState(stored ? { kind: 'ready', stored, saved: true } : { kind: 'failed' });
      },
    );
    return () => {
      controller.abort();
    };
  }, []);

  const stored = state.kind === 'failed' ? null : state.stored;
  const view = stored ? own(stored) : undefined;
  const card = view?.card;
  let body;
  if (state.kind === 'failed') body = <p>{t('home.cardFailed')}</p>;
  else if (!stored) body = <p aria-busy="true">{t('home.cardLoading')}</p>;
  else if (!card) body = <p data-testid="home-card-none">{t('home.cardNone')}</p>;
  else
    body = (
      <>
        <p className={`card-status card-status--${statusTone(card.status)}`} data-testid="home-card-status">
          {t(`card.status.${card.status}`)}
        </p>
        {card.validTo ? <p>{t('home.cardValidTo', { date: f.date(card.validTo) })}</p> : null}
        {state.kind === 'ready' && state.saved ? (
          <p className="card-muted">
            {t('home.cardSaved', {
              time: f.dateTime(stored.savedAt),
            })}
          </p>
        ) : null}
      </>
    );
  return (
    <section className="card card-glance" aria-labelledby="card-glance-title" data-testid="home-card">
      <h2 id="card-glance-title" className="card__title">
        {t('home.cardTitle')}
      </h2>
      <div className="card-glance__body">{body}</div>
      <ButtonLink variant="secondary" to={PATHS.card} icon="card">
        {t('home.cardOpen')}
      </ButtonLink>
    </section>
  );
}
