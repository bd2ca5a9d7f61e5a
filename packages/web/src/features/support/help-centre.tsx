import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, Field, Notice, Select } from '../../design';
import { fetchHelp, findHelp, HELP_CATEGORIES, type HelpArticle } from './api/help';
import { recentHelp, rememberHelp } from './recent-help';

/** One article, its guide images below the text. */
function ArticleView({ article }: { article: HelpArticle }) {
  return (
    <div className="help__article" data-testid="help-article">
      <p>{article.body}</p>
      {article.images.map((src) => (
        <img key={src} src={src} alt="" loading="lazy" />
      ))}
    </div>
  );
}

/**
 * The help centre (issue 25): search (without tone marks) by category, read an article (kept on
 * the device: the last ten read open offline).
 */
export function HelpCentre() {
  const { t } = useTranslation('support');
  const [q, setQ] = useState('');
  const [category, setCategory] = useState('');
  const [items, setItems] = useState<HelpArticle[] | null>(null);
  const [offline, setOffline] = useState(false);
  const [open, setOpen] = useState<HelpArticle | null>(null);
  const [recent, setRecent] = useState<HelpArticle[]>(() => recentHelp());

  const search = () => {
    findHelp({
      query: {
        ...(q.trim() ? { q } : {}),
        ...(category ? { category: category as HelpArticle['category'] } : {}),
      },
    }).then(
      (a) => {
        setOffline(false);
        setItems(a.items);
      },
      () => {
        setOffline(true);
      },
    );
  };
  // The first list: every published article, newest first.
  useEffect(() => {
    findHelp({ query: {} }).then(
      (a) => {
        setItems(a.items);
      },
      () => {
        setOffline(true);
      },
    );
  }, []);

  const read = (a: HelpArticle) => {
    setOpen(a);
    fetchHelp({ params: { id: a.id } }).then(
      (fresh) => {
        setOpen(fresh);
        setRecent(rememberHelp(fresh));
      },
      () => undefined,
    );
  };

  return (
    <Card title={t('help.title')}>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          search();
        }}
      >
        <Field
          label={t('help.search')}
          type="search"
          value={q}
          data-testid="help-search"
          onChange={(e) => {
            setQ(e.target.value);
          }}
        />
        <Select
          label={t('help.category')}
          value={category}
          options={[
            { value: '', label: t('help.allCategories') },
            ...HELP_CATEGORIES.map((c) => ({ value: c, label: t(`help.categories.${c}`) })),
          ]}
          onChange={setCategory}
        />
        <Button type="submit" variant="secondary">
          {t('help.searchAction')}
        </Button>
      </form>
      {offline ? <Notice tone="warn">{t('help.offline')}</Notice> : null}
      {items?.length === 0 ? <p>{t('help.none')}</p> : null}
      <ul className="tickets" data-testid="help-results">
        {(offline ? recent : (items ?? [])).map((a) => (
          <li key={a.id}>
            <button
              type="button"
              className="tickets__row"
              aria-expanded={open?.id === a.id}
              onClick={() => {
                read(a);
              }}
            >
              <span>{a.title}</span>
              <span className="tickets__status">{t(`help.kinds.${a.kind}`)}</span>
            </button>
            {open?.id === a.id ? <ArticleView article={open} /> : null}
          </li>
        ))}
      </ul>
      {!offline && recent.length ? (
        <details>
          <summary>{t('help.recent')}</summary>
          <ul className="tickets">
            {recent.map((a) => (
              <li key={a.id}>
                <button
                  type="button"
                  className="tickets__row"
                  onClick={() => {
                    setOpen(a);
                  }}
                >
                  {a.title}
                </button>
                {open?.id === a.id ? <ArticleView article={a} /> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </Card>
  );
}

/** The best answers to what a person is about to send as a ticket (shown before they send it). */
export function BestAnswers({ text }: { text: string }) {
  const { t } = useTranslation('support');
  const [answers, setAnswers] = useState<HelpArticle[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  useEffect(() => {
    if (text.trim().length < 8) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      findHelp({ query: { q: text, limit: 3 }, signal: controller.signal }).then(
        (a) => {
          setAnswers(a.items);
        },
        () => undefined,
      );
    }, 400);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text]);
  // Too short a text to search with: no answers (those of a longer text are not kept on screen).
  const shown = text.trim().length < 8 ? [] : answers;
  if (!shown.length) return null;
  return (
    <div className="help__best" data-testid="best-answers">
      <strong>{t('help.bestAnswers')}</strong>
      <ul>
        {shown.map((a) => (
          <li key={a.id}>
            <button
              type="button"
              className="tickets__row"
              onClick={() => {
                setOpen(open === a.id ? null : a.id);
              }}
            >
              {a.title}
            </button>
            {open === a.id ? <ArticleView article={a} /> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
