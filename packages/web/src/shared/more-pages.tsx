import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Notice } from '../design';

/** A page of a list the server pages with an opaque cursor (`nextCursor` null on the last page). */
export type CursorPage<T> = { items: T[]; nextCursor: string | null };

/**
 * The pages after the first of a cursor-paged list, fetched on demand ("Xem thêm"). The first page
 * comes from elsewhere (it may be the offline copy); later pages are kept in memory only. A failed
 * fetch keeps what was loaded and the cursor, so the person can try again.
 */
export function useMorePages<T>(
  firstCursor: string | null,
  fetchPage: (cursor: string) => Promise<CursorPage<T>>,
) {
  const [more, setMore] = useState<{ items: T[]; cursor: string | null; failed: boolean }>({
    items: [],
    cursor: firstCursor,
    failed: false,
  });
  const [busy, setBusy] = useState(false);
  const loadMore = () => {
    if (!more.cursor || busy) return;
    setBusy(true);
    fetchPage(more.cursor)
      .then((page) => {
        setMore((m) => ({ items: [...m.items, ...page.items], cursor: page.nextCursor, failed: false }));
      })
      .catch(() => {
        setMore((m) => ({ ...m, failed: true }));
      })
      .finally(() => {
        setBusy(false);
      });
  };
  return { items: more.items, hasMore: more.cursor !== null, failed: more.failed, busy, loadMore };
}

/** Under a paged list: why the last page did not come (when it failed), and "Xem thêm" while there is more. */
export function MorePagesButton({
  more,
  label,
  failedLabel,
}: {
  more: ReturnType<typeof useMorePages>;
  label: string;
  failedLabel: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      {more.failed ? <Notice tone="warn">{failedLabel}</Notice> : null}
      {more.hasMore ? (
        <Button variant="secondary" onClick={more.loadMore}>
          {more.busy ? t('history.state.loading') : label}
        </Button>
      ) : null}
    </>
  );
}
