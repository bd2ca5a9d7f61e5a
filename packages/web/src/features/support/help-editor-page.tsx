import { LANGUAGE_NAMES, LANGUAGES, type Language } from '@vssid/domain/i18n';
import { type SubmitEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, Field, Notice, PageHeader, Select } from '../../design';
import { useSession } from '../../app/session';
import { messageOf } from '../auth';
import {
  addHelp,
  changeHelpStatus,
  fetchManagedHelp,
  HELP_CATEGORIES,
  type HelpDraft,
  type ManagedHelp,
  saveHelp,
} from './api/help';
import './support.css';

type Texts = Record<Language, { title: string; body: string }>;
const blank = (): Texts => ({
  vi: { title: '', body: '' },
  en: { title: '', body: '' },
  zh: { title: '', body: '' },
  ja: { title: '', body: '' },
  ko: { title: '', body: '' },
});

/** The request of the form: Vietnamese always, the other languages when written, one image address a line. */
function toDraft(kind: string, category: string, texts: Texts, images: string): HelpDraft {
  const content: HelpDraft['content'] = { vi: texts.vi };
  for (const l of LANGUAGES) if (l !== 'vi' && (texts[l].title || texts[l].body)) content[l] = texts[l];
  return {
    kind: kind as HelpDraft['kind'],
    category: category as HelpDraft['category'],
    content,
    images: images
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

/**
 * The help centre's editor for the communications role (issue 25): questions and guides in five
 * languages, their topic and guide images; save (a version), publish, unpublish.
 */
export function HelpEditorPage() {
  const { t } = useTranslation('support');
  const { t: tw } = useTranslation();
  const { session } = useSession();
  const [items, setItems] = useState<ManagedHelp[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [kind, setKind] = useState('faq');
  const [category, setCategory] = useState('account');
  const [texts, setTexts] = useState<Texts>(blank);
  const [images, setImages] = useState('');
  const load = useCallback(() => {
    fetchManagedHelp({}).then(
      (a) => {
        setItems(a.items);
      },
      (e: unknown) => {
        setError(e);
      },
    );
  }, []);
  const allowed = session?.account.role === 'communications';
  useEffect(() => {
    if (allowed) load();
  }, [allowed, load]);
  if (!allowed)
    return (
      <>
        <PageHeader title={t('helpEditor.title')} />
        <Notice tone="warn">{t('news.communicationsOnly')}</Notice>
      </>
    );

  const run = (action: () => Promise<unknown>) => {
    setError(null);
    action().then(load, (e: unknown) => {
      setError(e);
    });
  };
  const submit = (e: SubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    const body = toDraft(kind, category, texts, images);
    run(async () => {
      if (editing) await saveHelp({ params: { id: editing }, body });
      else await addHelp({ body });
      setEditing(null);
      setTexts(blank());
      setImages('');
    });
  };
  const edit = (a: ManagedHelp) => {
    const next = blank();
    for (const l of LANGUAGES) next[l] = a.content[l] ?? { title: '', body: '' };
    setEditing(a.id);
    setKind(a.kind);
    setCategory(a.category);
    setTexts(next);
    setImages(a.images.join('\n'));
  };

  return (
    <>
      <PageHeader title={t('helpEditor.title')} lead={t('helpEditor.lead')} />
      {error ? <Notice tone="warn">{messageOf(tw, error)}</Notice> : null}
      <Card title={editing ? t('news.edit') : t('helpEditor.new')}>
        <form onSubmit={submit}>
          <Select
            label={t('helpEditor.kind')}
            value={kind}
            options={(['faq', 'guide'] as const).map((k) => ({ value: k, label: t(`help.kinds.${k}`) }))}
            onChange={setKind}
          />
          <Select
            label={t('help.category')}
            value={category}
            options={HELP_CATEGORIES.map((c) => ({ value: c, label: t(`help.categories.${c}`) }))}
            onChange={setCategory}
          />
          {LANGUAGES.map((l) => (
            <fieldset key={l} className="news__language" lang={l}>
              <legend>{LANGUAGE_NAMES[l]}</legend>
              <Field
                label={t('news.titleField')}
                value={texts[l].title}
                required={l === 'vi'}
                onChange={(e) => {
                  setTexts({ ...texts, [l]: { ...texts[l], title: e.target.value } });
                }}
              />
              <label className="field">
                <span className="field__label">{t('news.bodyField')}</span>
                <textarea
                  rows={4}
                  value={texts[l].body}
                  required={l === 'vi'}
                  onChange={(e) => {
                    setTexts({ ...texts, [l]: { ...texts[l], body: e.target.value } });
                  }}
                />
              </label>
            </fieldset>
          ))}
          <label className="field">
            <span className="field__label">{t('helpEditor.images')}</span>
            <textarea
              rows={2}
              value={images}
              onChange={(e) => {
                setImages(e.target.value);
              }}
            />
          </label>
          <Button type="submit">{t('news.save')}</Button>
        </form>
      </Card>
      <Card title={t('helpEditor.list')}>
        <ul className="news__list">
          {items?.map((a) => (
            <li key={a.id}>
              <strong>{a.content.vi.title}</strong>{' '}
              <span>
                {t(`news.status.${a.status}`)} · {t('news.version', { version: a.version })}
              </span>
              <div className="news__actions">
                <Button
                  variant="secondary"
                  onClick={() => {
                    edit(a);
                  }}
                >
                  {t('news.editAction')}
                </Button>
                <Button
                  onClick={() => {
                    const status = a.status === 'published' ? 'unpublished' : 'published';
                    run(() => changeHelpStatus({ params: { id: a.id }, body: { status } }));
                  }}
                >
                  {a.status === 'published' ? t('news.unpublish') : t('news.publish')}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}
