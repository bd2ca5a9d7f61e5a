import type { Kysely } from 'kysely';
import type { FileStorage } from '../../adapters/storage';
import type { Database } from '../../db/schema';
import type { Language } from '@vssid/domain/i18n';
import type { Translator } from '../../i18n';
import { form01Pdf } from './form01-pdf';
import {
  type DossierRow,
  findAgency,
  findDossierByNumber,
  findDossierPdf,
  insertDossierPdf,
  lockDossierPdf,
} from './repository';
import { documentOf } from './dossier-view';

/**
 * The Form 01 PDF of a dossier, rendered once per language and kept (#21 item 7). The submit
 * renders it after its transaction commits (never while the agency's number counter is locked);
 * downloads and the declaration email serve the stored file. A PDF not stored yet (the render
 * after commit failed, or another language is asked for) is rendered on demand, once: concurrent
 * requests on a node share one render, and nodes serialise on a transaction-level advisory lock
 * of the dossier and language, re-reading the row under it, so a second render never happens.
 * Files are content-addressed in the file storage; `dossier_pdfs` names the one served.
 */
export interface Form01Store {
  /** The dossier's PDF in `language`: stored, or rendered, stored and recorded once. */
  get(dossier: DossierRow, language: Language): Promise<Buffer>;
  /**
   * The same by dossier number, inside the caller's transaction `trx` (the outbox's delivery pass:
   * its email attachment); null when there is no such dossier.
   */
  getByNumber(number: string, language: Language, trx: Kysely<Database>): Promise<Buffer | null>;
}

export function createForm01Store(deps: {
  db: Kysely<Database>;
  storage: FileStorage;
  translator: Translator;
}): Form01Store {
  const inFlight = new Map<string, Promise<Buffer>>();

  const storedIn = async (db: Kysely<Database>, dossier: DossierRow, language: Language) => {
    const row = await findDossierPdf(db, dossier.bhxh_code, dossier.id, language);
    return row ? deps.storage.get(row.sha256) : null;
  };

  /** Renders and records the PDF under the dossier's lock, in the transaction `trx`. */
  const renderIn = async (trx: Kysely<Database>, dossier: DossierRow, language: Language) => {
    await lockDossierPdf(trx, dossier.id, language);
    const stored = await storedIn(trx, dossier, language);
    if (stored) return stored;
    const agency = await findAgency(trx, dossier.agency_code);
    const pdf = await form01Pdf(
      deps.translator,
      language,
      documentOf(dossier, agency ?? { name: dossier.agency_code, address: '' }),
    );
    const sha256 = await deps.storage.put(pdf);
    // Under the lock: a row here is a file that went missing from the storage; it is replaced.
    await insertDossierPdf(trx, {
      bhxh_code: dossier.bhxh_code,
      dossier_id: dossier.id,
      language,
      byte_size: pdf.length,
      sha256,
    });
    return pdf;
  };

  const get = async (dossier: DossierRow, language: Language): Promise<Buffer> => {
    const stored = await storedIn(deps.db, dossier, language);
    if (stored) return stored;
    const key = `${dossier.id}:${language}`;
    let pending = inFlight.get(key);
    if (!pending) {
      pending = deps.db
        .transaction()
        .execute((trx) => renderIn(trx, dossier, language))
        .finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    return pending;
  };

  return {
    get,
    async getByNumber(number, language, trx) {
      const dossier = await findDossierByNumber(trx, number);
      if (!dossier) return null;
      // Not shared with a render in flight on another connection: that one may wait for `trx`.
      return (await storedIn(trx, dossier, language)) ?? renderIn(trx, dossier, language);
    },
  };
}
