import { type SubmitEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button, Card, Field, Notice, PageHeader } from '../../design';
import { PATHS } from '../../shared/paths';
import { messageOf } from '../auth';
import type { BulkImport } from '@vssid/domain/api/back-office';
import { createDossiers, fetchImport, uploadList } from './api';
import '../officer/officer.css';

const POLL_MS = 700;

/**
 * A unit's or school's list: upload (CSV or XLSX), the validation of every row, then the
 * creation of pre-filled draft dossiers with a progress bar (the page polls the import while the
 * server creates them row by row).
 */
export function BulkImportPage() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [unitCode, setUnitCode] = useState('');
  const [result, setResult] = useState<BulkImport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [creating, setCreating] = useState(false);
  const timer = useRef<number | undefined>(undefined);

  useEffect(
    () => () => {
      window.clearInterval(timer.current);
    },
    [],
  );

  const upload = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!file) {
      setError(t('bulkImport.chooseFile'));
      return;
    }
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await uploadList(file, unitCode.trim().toUpperCase()));
    } catch (err) {
      setError(messageOf(t, err));
    } finally {
      setBusy(false);
    }
  };

  const create = async () => {
    if (!result) return;
    setCreating(true);
    setError(null);
    const id = result.id;
    timer.current = window.setInterval(() => {
      fetchImport({ params: { id }, query: { onlyErrors: 'true', limit: 500 } }).then(
        (progress) => {
          setResult((r) =>
            r && r.id === id && progress.processed >= r.processed ? { ...progress, rows: r.rows } : r,
          );
        },
        () => undefined,
      );
    }, POLL_MS);
    try {
      await createDossiers({ params: { id } });
      setResult(await fetchImport({ params: { id }, query: { onlyErrors: 'false', limit: 500 } }));
    } catch (err) {
      setError(messageOf(t, err));
    } finally {
      window.clearInterval(timer.current);
      setCreating(false);
    }
  };

  const toCreate = result ? result.validRows : 0;
  return (
    <>
      <PageHeader title={t('bulkImport.title')} lead={t('bulkImport.lead')} />
      <Card title={t('bulkImport.uploadTitle')}>
        <p>{t('bulkImport.columns')}</p>
        <form onSubmit={(e) => void upload(e)} data-testid="bulk-upload">
          <div className="field">
            <label className="field__label" htmlFor="bulk-file">
              {t('bulkImport.file')}
            </label>
            <div className="field__control">
              <input
                id="bulk-file"
                type="file"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={(e) => {
                  setFile(e.target.files?.[0] ?? null);
                }}
              />
            </div>
          </div>
          <Field
            label={t('bulkImport.unitCode')}
            hint={t('bulkImport.unitCodeHint')}
            value={unitCode}
            onChange={(e) => {
              setUnitCode(e.target.value);
            }}
          />
          <Button type="submit" icon="dossier">
            {busy ? t('bulkImport.checking') : t('bulkImport.upload')}
          </Button>
        </form>
      </Card>
      {error ? <Notice tone="warn">{error}</Notice> : null}
      {result ? (
        <Card title={t('bulkImport.resultTitle', { file: result.fileName })}>
          <p data-testid="bulk-summary">
            {t('bulkImport.summary', {
              total: result.totalRows,
              valid: result.validRows,
              errors: result.errorRows,
            })}
          </p>
          {result.status === 'validated' || result.status === 'creating' ? (
            <Button onClick={() => void create()}>
              {creating ? t('bulkImport.creating') : t('bulkImport.create', { n: toCreate })}
            </Button>
          ) : null}
          {creating || result.status === 'done' ? (
            <div>
              <label htmlFor="bulk-progress">
                {t('bulkImport.progress', { done: result.processed, total: toCreate })}
              </label>
              <progress
                id="bulk-progress"
                className="officer-progress"
                max={Math.max(1, toCreate)}
                value={result.processed}
              />
            </div>
          ) : null}
          {result.status === 'done' ? (
            <Notice tone="ok" live>
              {t('bulkImport.done', { n: result.created })}{' '}
              <Link to={`${PATHS.officer}/dossiers?kind=bulk&status=draft`}>{t('bulkImport.openQueue')}</Link>
            </Notice>
          ) : null}
          <div className="officer-table-wrap">
            <table className="officer-table" data-testid="bulk-rows">
              <thead>
                <tr>
                  <th scope="col">{t('bulkImport.row')}</th>
                  <th scope="col">{t('bulkImport.bhxhCode')}</th>
                  <th scope="col">{t('bulkImport.fullName')}</th>
                  <th scope="col">{t('bulkImport.phone')}</th>
                  <th scope="col">{t('bulkImport.check')}</th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((r) => (
                  <tr key={r.rowNumber} className={r.errors.length ? 'officer-differs' : undefined}>
                    <td>{r.rowNumber}</td>
                    <td>{r.data.bhxhCode}</td>
                    <td>{r.data.fullName}</td>
                    <td>{r.data.phone}</td>
                    <td>
                      {r.errors.length ? (
                        <ul className="officer-row-error">
                          {r.errors.map((e) => (
                            <li key={e.code}>{e.message}</li>
                          ))}
                        </ul>
                      ) : r.dossierNumber ? (
                        t('bulkImport.createdAs', { number: r.dossierNumber })
                      ) : (
                        t('bulkImport.valid')
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      ) : null}
    </>
  );
}
