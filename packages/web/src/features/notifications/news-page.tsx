import { LANGUAGE_NAMES, LANGUAGES } from '@vssid/domain/i18n';
import { type SubmitEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, Field, Notice, PageHeader } from '../../design';
import { useSession } from '../../app/session';
import { messageOf } from '../auth';
import {
  addNews,
  fetchNewsList,
  type News,
  OBJECT_GROUPS,
  putNewsOnline,
  saveNews,
  takeNewsOffline,
} from './api/inbox';
import { EMPTY_NEWS, fromNews, type NewsForm, progressPercent, toDraft } from './news-logic';
import './notifications.css';

/**
 * Policy news for the communications role (issue 25): the articles with their status, version and
 * the progress of their fan-out; the editor (five languages, the audience by province, object
 * group and age band); save a draft, publish, unpublish.
 */
export function NewsPage() {
  const { t } = useTranslation('support');
  const { session } = useSession();
  if (session?.account.role !== 'communications')
    return (
      <>
        <PageHeader title={t('news.title')} />
        <Notice tone="warn">{t('news.communicationsOnly')}</Notice>
      </>
    );
  return <NewsScreen />;
}

function NewsScreen() {
  const { t } = useTranslation('support');
  const { t: tw } = useTranslation();
  const [items, setItems] = useState<News[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [form, setForm] = useState<NewsForm>(EMPTY_NEWS);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const load = useCallback((signal?: AbortSignal) => {
    fetchNewsList(signal ? { signal } : {}).then(
      (answer) => {
        setItems(answer.items);
      },
      (e: unknown) => {
        if (!signal?.aborted) setError(e);
      },
    );
  }, []);
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    // The fan-out's progress moves on the server: look again every few seconds.
    const timer = setInterval(() => {
      load();
    }, 5000);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, [load]);

  const run = (action: () => Promise<unknown>, message: string) => {
    // One change at a time: a second press while one is on its way does nothing.
    if (busy) return;
    setBusy(true);
    setError(null);
    action().then(
      () => {
        setBusy(false);
        setDone(message);
        load();
      },
      (e: unknown) => {
        setBusy(false);
        setError(e);
      },
    );
  };

  const submit = (e: SubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    const body = toDraft(form);
    run(async () => {
      if (editing) await saveNews({ params: { id: editing }, body });
      else await addNews({ body });
      setEditing(null);
      setForm(EMPTY_NEWS);
    }, t('news.saved'));
  };

  const text = (lang: (typeof LANGUAGES)[number], part: 'title' | 'body', value: string) => {
    setForm({ ...form, texts: { ...form.texts, [lang]: { ...form.texts[lang], [part]: value } } });
  };

  return (
    <>
      <PageHeader title={t('news.title')} lead={t('news.lead')} />
      {error ? <Notice tone="warn">{messageOf(tw, error)}</Notice> : null}
      {done ? <Notice tone="ok">{done}</Notice> : null}
      <Card title={editing ? t('news.edit') : t('news.new')}>
        <form onSubmit={submit} data-testid="news-form">
          {LANGUAGES.map((lang) => (
            <fieldset key={lang} className="news__language" lang={lang}>
              <legend>{LANGUAGE_NAMES[lang]}</legend>
              <Field
                label={t('news.titleField')}
                value={form.texts[lang].title}
                required={lang === 'vi'}
                data-testid={`news-title-${lang}`}
                onChange={(e) => {
                  text(lang, 'title', e.target.value);
                }}
              />
              <label className="field">
                <span className="field__label">{t('news.bodyField')}</span>
                <textarea
                  rows={4}
                  value={form.texts[lang].body}
                  required={lang === 'vi'}
                  data-testid={`news-body-${lang}`}
                  onChange={(e) => {
                    text(lang, 'body', e.target.value);
                  }}
                />
              </label>
            </fieldset>
          ))}
          <fieldset>
            <legend>{t('news.audience')}</legend>
            <Field
              label={t('news.provinces')}
              hint={t('news.provincesHint')}
              value={form.provinces}
              data-testid="news-provinces"
              onChange={(e) => {
                setForm({ ...form, provinces: e.target.value });
              }}
            />
            <div className="field">
              <span className="field__label">{t('news.groupsLabel')}</span>
              {OBJECT_GROUPS.map((g) => (
                <label key={g} className="news__group">
                  <input
                    type="checkbox"
                    data-testid={`news-group-${g}`}
                    checked={form.groups.includes(g)}
                    onChange={(e) => {
                      setForm({
                        ...form,
                        groups: e.target.checked ? [...form.groups, g] : form.groups.filter((x) => x !== g),
                      });
                    }}
                  />{' '}
                  {t(`news.groups.${g}`)}
                </label>
              ))}
            </div>
            <Field
              label={t('news.ageFrom')}
              inputMode="numeric"
              value={form.ageFrom}
              onChange={(e) => {
                setForm({ ...form, ageFrom: e.target.value });
              }}
            />
            <Field
              label={t('news.ageTo')}
              inputMode="numeric"
              value={form.ageTo}
              onChange={(e) => {
                setForm({ ...form, ageTo: e.target.value });
              }}
            />
          </fieldset>
          <Button type="submit">{t('news.save')}</Button>
        </form>
      </Card>
      <Card title={t('news.list')}>
        {items?.length === 0 ? <p>{t('news.empty')}</p> : null}
        <ul className="news__list" data-testid="news-list">
          {items?.map((n) => (
            <li key={n.id}>
              <strong>{n.content.vi.title}</strong>{' '}
              <span>
                {t(`news.status.${n.status}`)} · {t('news.version', { version: n.version })}
              </span>
              {n.fanOut ? (
                <p data-testid={`news-progress-${n.id}`}>
                  {t('news.progress', {
                    sent: n.fanOut.sent,
                    scanned: n.fanOut.scanned,
                    total: n.fanOut.total,
                    percent: progressPercent(n),
                  })}
                </p>
              ) : null}
              <div className="news__actions">
                {n.status !== 'published' ? (
                  <>
                    <Button
                      variant="secondary"
                      onClick={() => {
                        setEditing(n.id);
                        setForm(fromNews(n));
                      }}
                    >
                      {t('news.editAction')}
                    </Button>
                    <Button
                      onClick={() => {
                        run(() => putNewsOnline({ params: { id: n.id } }), t('news.published'));
                      }}
                    >
                      {t('news.publish')}
                    </Button>
                  </>
                ) : (
                  <Button
                    variant="secondary"
                    onClick={() => {
                      run(() => takeNewsOffline({ params: { id: n.id } }), t('news.unpublished'));
                    }}
                  >
                    {t('news.unpublish')}
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}
