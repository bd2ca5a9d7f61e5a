import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES } from '@vssid/domain/i18n';
import { changeLanguage } from '../app/i18n';

/** The design system's components: small, accessible, styled by tokens (base.css). */

export function PageHeader({ title, lead }: { title: string; lead?: string }) {
  return (
    <header className="page-header">
      <h1>{title}</h1>
      {lead ? <p>{lead}</p> : null}
    </header>
  );
}

export function Card({ children, title }: { children: ReactNode; title?: string }) {
  return (
    <section className="card">
      {title ? <h2>{title}</h2> : null}
      {children}
    </section>
  );
}

export function Notice({ tone = 'info', children }: { tone?: 'info' | 'warn' | 'ok'; children: ReactNode }) {
  return (
    <div className={`notice notice--${tone}`} role={tone === 'warn' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

export function Button({
  children,
  onClick,
  variant = 'primary',
  type = 'button',
}: {
  children: ReactNode;
  onClick?: () => void;
  variant?: 'primary' | 'secondary';
  type?: 'button' | 'submit';
}) {
  return (
    <button type={type} className={`button button--${variant}`} onClick={onClick}>
      {children}
    </button>
  );
}

/** A labelled select of the five languages, each named in itself. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const id = 'language-switcher';
  return (
    <div className="language-switcher">
      <label htmlFor={id} className="visually-hidden">
        {t('common:language')}
      </label>
      <select
        id={id}
        data-testid="language-switcher"
        value={i18n.language}
        onChange={(e) => {
          const value = e.target.value;
          if (isLanguage(value)) void changeLanguage(value);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
