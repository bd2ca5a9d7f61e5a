import { type KeyboardEvent, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../design';
import { CodeSection } from './code-section';
import { DirectorySection } from './directory-section';
import { LOOKUP_KINDS, type LookupKind } from './lookup-kinds';
import './lookup.css';

const isKind = (value: string | null): value is LookupKind =>
  value !== null && (LOOKUP_KINDS as readonly string[]).includes(value);

/**
 * Tra cứu: the five public look-ups, before and after sign-in, as tabs (`?tab=agencies`, so a
 * look-up can be linked to and the back button works).
 */
export function LookupPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const tab = search.get('tab');
  const current: LookupKind = isKind(tab) ? tab : 'bhxhCode';
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  const choose = (kind: LookupKind) => {
    setSearch(kind === 'bhxhCode' ? {} : { tab: kind }, { replace: true });
  };
  // Arrow keys move between tabs (WAI-ARIA tabs pattern, automatic activation).
  const onKey = (event: KeyboardEvent, index: number) => {
    const delta = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!delta) return;
    event.preventDefault();
    const next = (index + delta + LOOKUP_KINDS.length) % LOOKUP_KINDS.length;
    const kind = LOOKUP_KINDS[next] ?? 'bhxhCode';
    choose(kind);
    tabs.current[next]?.focus();
  };

  return (
    <>
      <PageHeader title={t('lookup.title')} lead={t('lookup.lead')} />
      <div className="lookup-tabs" role="tablist" aria-label={t('lookup.title')}>
        {LOOKUP_KINDS.map((kind, index) => (
          <button
            key={kind}
            ref={(el) => {
              tabs.current[index] = el;
            }}
            type="button"
            role="tab"
            id={`lookup-tab-${kind}`}
            aria-selected={current === kind}
            aria-controls={`lookup-panel-${kind}`}
            tabIndex={current === kind ? 0 : -1}
            className="lookup-tabs__tab"
            data-testid={`lookup-tab-${kind}`}
            onClick={() => {
              choose(kind);
            }}
            onKeyDown={(e) => {
              onKey(e, index);
            }}
          >
            {t(`lookup.kinds.${kind}.tab`)}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`lookup-panel-${current}`}
        aria-labelledby={`lookup-tab-${current}`}
        className="lookup-panel"
      >
        {current === 'bhxhCode' ? <CodeSection /> : <DirectorySection key={current} kind={current} />}
      </div>
    </>
  );
}
