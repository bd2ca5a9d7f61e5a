import { RECORD_TYPES } from '@vssid/domain/api/support';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Field, Select } from '../../design';
import { useFormat } from '../../i18n/format';
import { fetchBenefits, fetchCards, fetchPeriods, fetchVisit, fetchVisits } from './api';
import {
  benefitChoices,
  cardChoices,
  periodChoices,
  type RecordChoice,
  recordInWords,
  type RecordType,
  visitChoices,
  type Words,
} from './record-words';

/** The record a wrong-data ticket names. */
export interface RecordRef {
  type: RecordType;
  id: string;
}

/** The words of {@link recordInWords} in the screen's language. */
export function useWords(): Words {
  const { t } = useTranslation('support');
  const { t: tw } = useTranslation();
  const { lang } = useFormat();
  return useMemo(
    () => ({
      lang,
      phrase: (key, values) => t(`tickets.inWords.${key}`, values),
      scheme: (s) => t(`tickets.schemes.${s}` as 'tickets.schemes.bhyt', { defaultValue: s }),
      benefitKind: (k) => tw(`benefits.kinds.${k}` as 'benefits.kinds.pension', { defaultValue: k }),
    }),
    [lang, t, tw],
  );
}

/** Visits per page of the visit book, and how many pages a search by month may read. */
const VISIT_PAGE = 50;
const MAX_VISIT_PAGES = 20;

interface VisitBook {
  items: Parameters<typeof visitChoices>[0][number][];
  cursor: string | null;
  pages: number;
}

const isMonth = (m: string) => /^\d{4}-\d{2}$/.test(m);

/**
 * Reads the visit book on from `book` (from its start when null): one more page, or with a month
 * (yyyy-mm) the pages until the book reaches before that month (at most {@link MAX_VISIT_PAGES}).
 */
async function readVisits(book: VisitBook | null, month: string): Promise<VisitBook> {
  let b = book ?? { items: [], cursor: null, pages: 0 };
  const more = () =>
    b.pages === 0 ||
    (b.cursor !== null &&
      (isMonth(month)
        ? (b.items.at(-1)?.admittedAt.slice(0, 7) ?? '') >= month && b.pages < MAX_VISIT_PAGES
        : b === book));
  while (more()) {
    const page = await fetchVisits({
      query: { limit: VISIT_PAGE, ...(b.cursor ? { cursor: b.cursor } : {}) },
    });
    b = { items: [...b.items, ...page.items], cursor: page.nextCursor, pages: b.pages + 1 };
  }
  return b;
}

/** The person's recent visits once `active`, older pages on demand or until a month. */
function useVisitBook(active: boolean) {
  const [book, setBook] = useState<VisitBook | null>(null);
  const [busy, setBusy] = useState(false);
  /** A month asked for before the first page came: read on to it then. */
  const early = useRef('');
  useEffect(() => {
    if (!active || book) return;
    let live = true;
    const settle = (b: VisitBook) => {
      if (live) setBook(b);
    };
    readVisits(null, '')
      .then((b) => (isMonth(early.current) ? readVisits(b, early.current) : b))
      .then(settle, () => {
        settle({ items: [], cursor: null, pages: 1 });
      });
    return () => {
      live = false;
    };
  }, [active, book]);
  return {
    items: book?.items ?? [],
    hasMore: book?.cursor !== null && book !== null,
    loading: active && (book === null || busy),
    /** Reads on: one page more (`month` empty), or until before `month`. */
    extend: (month: string) => {
      if (!book) early.current = month;
      if (!book || busy || book.cursor === null) return;
      setBusy(true);
      readVisits(book, month)
        .then(setBook, () => undefined)
        .finally(() => {
          setBusy(false);
        });
    },
  };
}

/**
 * Picks the record a wrong-data ticket is about among the person's own: a participation period, their
 * card, a medical visit (the recent ones, older pages on demand, or those of a month) or a benefit
 * payment, each said in words.
 */
export function RecordPicker({
  value,
  onChange,
}: {
  value: RecordRef | null;
  onChange: (record: RecordRef | null) => void;
}) {
  const { t } = useTranslation('support');
  const words = useWords();
  const [type, setType] = useState<RecordType>(value?.type ?? 'participation');
  const [month, setMonth] = useState('');
  const [lists, setLists] = useState<Partial<Record<Exclude<RecordType, 'visit'>, RecordChoice[]>>>({});
  const visits = useVisitBook(type === 'visit');

  useEffect(() => {
    if (type === 'visit' || lists[type]) return;
    const load: Promise<RecordChoice[]> =
      type === 'participation'
        ? fetchPeriods({}).then((p) => periodChoices(p.periods))
        : type === 'card'
          ? fetchCards({}).then((c) => cardChoices(c.cards))
          : fetchBenefits({}).then(benefitChoices);
    load.then(
      (choices) => {
        setLists((l) => ({ ...l, [type]: choices }));
      },
      () => {
        setLists((l) => ({ ...l, [type]: [] }));
      },
    );
  }, [type, lists]);

  const choices: RecordChoice[] | undefined =
    type === 'visit'
      ? visitChoices(
          isMonth(month) ? visits.items.filter((v) => v.admittedAt.slice(0, 7) === month) : visits.items,
        )
      : lists[type];
  const loading = type === 'visit' ? visits.loading : !choices;
  const chosen = value?.type === type ? choices?.find((c) => c.id === value.id) : undefined;

  return (
    <fieldset className="record-picker" data-testid="record-picker">
      <legend>{t('tickets.record')}</legend>
      <Select
        label={t('tickets.recordType')}
        value={type}
        testId="ticket-record-type"
        options={RECORD_TYPES.map((r) => ({ value: r, label: t(`tickets.recordTypes.${r}`) }))}
        onChange={(v) => {
          setType(v as RecordType);
          onChange(null);
        }}
      />
      {type === 'visit' ? (
        <Field
          label={t('tickets.visitMonth')}
          hint={t('tickets.visitMonthHint')}
          type="month"
          value={month}
          data-testid="ticket-visit-month"
          onChange={(e) => {
            setMonth(e.target.value);
            onChange(null);
            if (isMonth(e.target.value)) visits.extend(e.target.value);
          }}
        />
      ) : null}
      <Select
        label={t(`tickets.choose.${type}`)}
        value={value?.type === type ? value.id : ''}
        testId="ticket-record"
        options={[
          { value: '', label: loading ? t('tickets.loading') : t(`tickets.choose.${type}`) },
          ...(choices ?? []).map((c) => ({ value: c.id, label: recordInWords(words, type, c.fields) })),
        ]}
        onChange={(id) => {
          onChange(id ? { type, id } : null);
        }}
      />
      {/* The select cuts a long line on a phone: the record chosen, in full. */}
      {chosen ? (
        <p className="ticket__record" data-testid="ticket-record-chosen">
          {recordInWords(words, type, chosen.fields)}
        </p>
      ) : null}
      {!loading && choices?.length === 0 ? (
        <p className="field__hint" role="status">
          {type === 'visit' && month ? t('tickets.noVisitsInMonth') : t('tickets.noRecords')}
        </p>
      ) : null}
      {type === 'visit' && visits.hasMore && !month ? (
        <Button
          variant="secondary"
          onClick={() => {
            visits.extend('');
          }}
        >
          {t('tickets.moreVisits')}
        </Button>
      ) : null}
    </fieldset>
  );
}

/** The record one of the person's tickets names, in words, read from their own records. */
export function MyRecordInWords({ record }: { record: RecordRef }) {
  const { t } = useTranslation('support');
  const words = useWords();
  const [found, setFound] = useState<RecordChoice | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    const load: Promise<RecordChoice[]> =
      record.type === 'participation'
        ? fetchPeriods({}).then((p) => periodChoices(p.periods))
        : record.type === 'card'
          ? fetchCards({}).then((c) => cardChoices(c.cards))
          : record.type === 'benefit'
            ? fetchBenefits({}).then(benefitChoices)
            : fetchVisit({ params: { maLk: record.id } }).then((v) => visitChoices([v]));
    load.then(
      (choices) => {
        if (live) setFound(choices.find((c) => c.id === record.id) ?? null);
      },
      () => {
        if (live) setFound(null);
      },
    );
    return () => {
      live = false;
    };
  }, [record.type, record.id]);
  return (
    <p className="ticket__record" data-testid="ticket-record-words">
      <strong>{t('tickets.recordHeading')}:</strong>{' '}
      {found === undefined
        ? t('tickets.loading')
        : found === null
          ? t('tickets.recordGone', { type: t(`tickets.recordTypes.${record.type}`) })
          : recordInWords(words, record.type, found.fields)}
    </p>
  );
}
