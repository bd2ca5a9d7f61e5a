import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES } from '@vssid/domain/i18n';
import { Select } from '../design';
import { LANGUAGE_QUERY_PARAM } from './language';
import { changeLanguage } from './setup';

const OPTIONS = LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l], lang: l }));

/**
 * The five languages, each named in itself. A choice made here is remembered, and replaces a
 * `?lang=` override in the address so that a reload keeps it.
 */
export function LanguageSwitcher({
  testId = 'language-switcher',
  hideLabel = true,
  hint,
}: {
  testId?: string;
  hideLabel?: boolean;
  hint?: string;
}) {
  const { t, i18n } = useTranslation(['web', 'common']);
  const [searchParams, setSearchParams] = useSearchParams();
  return (
    <Select
      className="language-switcher"
      label={t('common:language')}
      hideLabel={hideLabel}
      hint={hint}
      icon="globe"
      testId={testId}
      value={i18n.resolvedLanguage ?? i18n.language}
      options={OPTIONS}
      onChange={(value) => {
        if (!isLanguage(value)) return;
        void changeLanguage(value).then(() => {
          if (!searchParams.has(LANGUAGE_QUERY_PARAM)) return;
          setSearchParams(
            (params) => {
              params.delete(LANGUAGE_QUERY_PARAM);
              return params;
            },
            { replace: true, preventScrollReset: true },
          );
        });
      }}
    />
  );
}
