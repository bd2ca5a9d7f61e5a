import { ICD10_CODE } from '@vssid/domain';
import { VISIT_FILE_BYTES } from '@vssid/domain/api/gateway';
import { XMLParser } from 'fast-xml-parser';
import type { VisitFileError } from '../../db/schema-gateway';

/**
 * Reading the visit files of QĐ 130/QĐ-BYT (2023) as amended by QĐ 4750/QĐ-BYT
 * (domain-reference.md "Medical visit records"): the envelope
 * `GIAMDINHHS/THONGTINHOSO/DANHSACHHOSO/HOSO/FILEHOSO{LOAIHOSO, NOIDUNGFILE}`, each NOIDUNGFILE the
 * base64 of one table's XML. Pure: no database; errors name the table and the field.
 *
 * The parser never expands anything: a document with a DTD or an entity declaration is refused
 * before parsing (no "billion laughs", no external entities), and fast-xml-parser is set not to
 * process entities at all (`processEntities: false`, `htmlEntities: false`).
 */

const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'HOSO' || name === 'FILEHOSO',
});

const DTD = /<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i;

type XmlResult = { ok: true; value: Record<string, unknown> } | { ok: false; error: VisitFileError };

/** Parses one XML text; `file` names it in the error. */
export function parseXml(text: string, file: string): XmlResult {
  if (DTD.test(text))
    return {
      ok: false,
      error: {
        file,
        field: '',
        code: 'xml.dtd_refused',
        message: 'DTDs and entity declarations are not accepted',
      },
    };
  try {
    const value = parser.parse(text) as unknown;
    if (typeof value !== 'object' || value === null) throw new Error('empty');
    return { ok: true, value: value as Record<string, unknown> };
  } catch {
    return { ok: false, error: { file, field: '', code: 'xml.malformed', message: 'not well-formed XML' } };
  }
}

/** The strict base64 of the envelope and its files (RFC 4648 alphabet; whitespace allowed). */
export function decodeBase64(text: string): Buffer | null {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) return null;
  return Buffer.from(compact, 'base64');
}

/** The tables this gateway takes: XML1 required, these documents accepted. */
export const DOCUMENT_TABLES = {
  XML7: 'discharge',
  XML11: 'sick_leave',
  XML13: 'referral',
  XML14: 'revisit',
} as const;
type DocumentTable = keyof typeof DOCUMENT_TABLES;

interface HosoFiles {
  /** The tables by type (`XML1`…), each the fields of its root element, as text. */
  tables: Map<string, Record<string, string>>;
  /** The files' sizes in bytes, decoded. */
  bytes: number;
  /** The table types sent, read or not (an unreadable XML1 is not also a missing one). */
  given: Set<string>;
}

const textOf = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/** The fields of a table: the children of its one root element, as trimmed text. */
function fieldsOf(doc: Record<string, unknown>): Record<string, string> | null {
  const roots = Object.values(doc);
  const root = roots.length === 1 ? roots[0] : undefined;
  if (typeof root !== 'object' || root === null || Array.isArray(root)) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(root as Record<string, unknown>)) {
    if (typeof v === 'string' || typeof v === 'number') out[k] = String(v).trim();
    else if (v === '' || v === null) out[k] = '';
  }
  return out;
}

/** The envelope's HOSO, each with its tables decoded and parsed; errors by table. */
export function readEnvelope(xml: string): { hoso: HosoFiles[]; errors: VisitFileError[] } {
  const errors: VisitFileError[] = [];
  const parsed = parseXml(xml, 'GIAMDINHHS');
  if (!parsed.ok) return { hoso: [], errors: [parsed.error] };
  const root = parsed.value.GIAMDINHHS as Record<string, unknown> | undefined;
  const list = (root?.THONGTINHOSO as Record<string, unknown> | undefined)?.DANHSACHHOSO as
    Record<string, unknown> | undefined;
  const hosoList = asArray(list?.HOSO);
  if (!hosoList.length)
    return {
      hoso: [],
      errors: [
        { file: 'GIAMDINHHS', field: 'HOSO', code: 'envelope.no_hoso', message: 'no HOSO in DANHSACHHOSO' },
      ],
    };
  const hoso: HosoFiles[] = [];
  for (const h of hosoList) {
    const tables = new Map<string, Record<string, string>>();
    const given = new Set<string>();
    let bytes = 0;
    for (const f of asArray((h as Record<string, unknown> | null)?.FILEHOSO)) {
      const file = f as Record<string, unknown>;
      const type = textOf(file.LOAIHOSO).trim().toUpperCase();
      if (type !== 'XML1' && !(type in DOCUMENT_TABLES)) {
        errors.push({
          file: type || 'FILEHOSO',
          field: 'LOAIHOSO',
          code: 'file.type_not_accepted',
          message: `table ${type} is not accepted`,
        });
        continue;
      }
      given.add(type);
      const content = decodeBase64(textOf(file.NOIDUNGFILE));
      if (!content || content.length === 0) {
        errors.push({
          file: type,
          field: 'NOIDUNGFILE',
          code: 'file.bad_base64',
          message: 'NOIDUNGFILE is not base64',
        });
        continue;
      }
      if (content.length > VISIT_FILE_BYTES) {
        errors.push({
          file: type,
          field: 'NOIDUNGFILE',
          code: 'file.too_large',
          message: `over ${VISIT_FILE_BYTES} bytes`,
        });
        continue;
      }
      bytes += content.length;
      const table = parseXml(content.toString('utf8'), type);
      if (!table.ok) {
        errors.push(table.error);
        continue;
      }
      const fields = fieldsOf(table.value);
      if (!fields) {
        errors.push({
          file: type,
          field: '',
          code: 'xml.no_root',
          message: 'one root element with fields expected',
        });
        continue;
      }
      if (tables.has(type)) {
        errors.push({
          file: type,
          field: 'LOAIHOSO',
          code: 'file.duplicate',
          message: `${type} given twice`,
        });
        continue;
      }
      tables.set(type, fields);
    }
    hoso.push({ tables, bytes, given });
  }
  return { hoso, errors };
}

// ---------------------------------------------------------------- field rules

/** One visit as read from its XML1, ready for the medical history. */
export interface VisitRecord {
  maLk: string;
  cardNumber: string;
  cccd: string | null;
  fullName: string;
  clinicCode: string;
  registeredClinicCode: string | null;
  visitKind: string;
  route: 1 | 2 | 3;
  admittedAt: string;
  dischargedAt: string;
  treatmentDays: number;
  diagnosisIn: string | null;
  diagnosisOut: string | null;
  icd10Main: string;
  icd10Other: string | null;
  outcome: number | null;
  totalCost: number;
  coveredCost: number;
  coPayment: number;
  fundPaid: number;
  fiveYearDate: string | null;
}

export interface DocumentRecord {
  kind: (typeof DOCUMENT_TABLES)[DocumentTable];
  number: string;
  issuedOn: string;
  content: Record<string, unknown>;
}

class Fields {
  constructor(
    readonly file: string,
    private readonly values: Record<string, string>,
    readonly errors: VisitFileError[],
  ) {}
  private fail(field: string, code: string, message: string): null {
    this.errors.push({ file: this.file, field, code, message });
    return null;
  }
  raw(field: string): string | null {
    const v = this.values[field];
    return v === undefined || v === '' ? null : v;
  }
  text(field: string, opts: { required?: boolean; max?: number; pattern?: RegExp } = {}): string | null {
    const v = this.raw(field);
    if (v === null) return opts.required ? this.fail(field, 'field.required', `${field} is required`) : null;
    if (v.length > (opts.max ?? 2000)) return this.fail(field, 'field.too_long', `${field} is too long`);
    if (opts.pattern && !opts.pattern.test(v))
      return this.fail(field, 'field.format', `${field} has a wrong format`);
    return v.normalize('NFC');
  }
  int(field: string, opts: { required?: boolean; min?: number } = {}): number | null {
    const v = this.raw(field);
    if (v === null) return opts.required ? this.fail(field, 'field.required', `${field} is required`) : null;
    if (!/^-?\d+(\.\d+)?$/.test(v)) return this.fail(field, 'field.not_a_number', `${field} is not a number`);
    const n = Math.round(Number(v));
    if (opts.min !== undefined && n < opts.min)
      return this.fail(field, 'field.out_of_range', `${field} is below ${opts.min}`);
    return n;
  }
  /** `yyyyMMddHHmm` → `yyyy-MM-ddTHH:mm:00` (a wall time in Vietnam). */
  minute(field: string, required: boolean): string | null {
    const v = this.text(field, { required, pattern: /^\d{12}$/ });
    if (v === null) return null;
    const iso = `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}T${v.slice(8, 10)}:${v.slice(10, 12)}:00`;
    return validDate(iso.slice(0, 10)) && Number(v.slice(8, 10)) < 24 && Number(v.slice(10, 12)) < 60
      ? iso
      : this.fail(field, 'field.bad_date', `${field} is not a date`);
  }
  /** `yyyyMMdd` (or the first 8 digits of `yyyyMMddHHmm`) → ISO date. */
  day(field: string, required: boolean): string | null {
    const v = this.text(field, { required, pattern: /^\d{8}(\d{4})?$/ });
    if (v === null) return null;
    const iso = `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`;
    return validDate(iso) ? iso : this.fail(field, 'field.bad_date', `${field} is not a date`);
  }
  error(field: string, code: string, message: string): void {
    this.fail(field, code, message);
  }
  all(): Record<string, string> {
    return { ...this.values };
  }
}

function validDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

const MA_LK = /^[A-Za-z0-9._\-/]{1,100}$/;
const CARD = /^([A-Z]{2}[1-5]\d{2})?\d{10}$/;

/**
 * XML1, the visit's summary (QĐ 130 table 1): the fields the medical history keeps, each checked;
 * `clinicCode` is the caller's (MA_CSKCB must be it).
 */
export function readXml1(
  values: Record<string, string>,
  clinicCode: string,
  errors: VisitFileError[],
): VisitRecord | null {
  const f = new Fields('XML1', values, errors);
  const before = errors.length;
  const maLk = f.text('MA_LK', { required: true, pattern: MA_LK });
  // QĐ 130 allows several cards separated by ";" (a card changed during the stay): the first is kept.
  const cardText = f.raw('MA_THE_BHYT')?.split(';')[0]?.trim() ?? null;
  if (cardText === null) f.error('MA_THE_BHYT', 'field.required', 'MA_THE_BHYT is required');
  else if (!CARD.test(cardText)) f.error('MA_THE_BHYT', 'field.format', 'MA_THE_BHYT has a wrong format');
  const cccd = f.text('SO_CCCD', { pattern: /^\d{12}$/ });
  const fullName = f.text('HO_TEN', { required: true, max: 255 });
  const cskcb = f.text('MA_CSKCB', { required: true, pattern: /^[0-9]{2}[0-9A-Z]{3}$/ });
  if (cskcb !== null && cskcb !== clinicCode)
    f.error('MA_CSKCB', 'field.not_your_clinic', 'MA_CSKCB is not the clinic of the token');
  const dkbd = f.text('MA_DKBD', { pattern: /^[0-9]{2}[0-9A-Z]{3}$/ });
  const kind = f.text('MA_LOAI_KCB', { required: true, pattern: /^0[1-9]$/ });
  // QĐ 130 moved the route to MA_DOITUONG_KCB ("1.x" correct route, "2" emergency, "3.x" outside).
  const routeText = f.text('MA_DOITUONG_KCB', { required: true, pattern: /^[1-9](\.\d+)?$/ });
  const route = routeText === null ? null : Number(routeText.charAt(0));
  if (route !== null && route > 3)
    f.error('MA_DOITUONG_KCB', 'field.out_of_range', 'MA_DOITUONG_KCB: 1, 2 or 3 here');
  const admitted = f.minute('NGAY_VAO', true);
  const discharged = f.minute('NGAY_RA', true);
  if (admitted && discharged && discharged < admitted)
    f.error('NGAY_RA', 'field.before_admission', 'NGAY_RA is before NGAY_VAO');
  const days = f.int('SO_NGAY_DTRI', { required: true, min: 0 });
  const icd = f.text('MA_BENH_CHINH', { required: true, pattern: ICD10_CODE });
  const icdOther = f.text('MA_BENH_KT', { max: 200 });
  const outcome = f.int('KET_QUA_DTRI', { min: 1 });
  const total = f.int('T_TONGCHI_BV', { required: true, min: 0 });
  const covered = f.int('T_TONGCHI_BH', { required: true, min: 0 });
  const copay = f.int('T_BNCCT', { required: true, min: 0 });
  const fund = f.int('T_BHTT', { required: true, min: 0 });
  if (covered !== null && copay !== null && fund !== null && fund !== covered - copay)
    f.error('T_BHTT', 'field.sum', 'T_BHTT must equal T_TONGCHI_BH - T_BNCCT');
  const fiveYear = f.day('NAM_NAM_LIEN_TUC', false);
  if (
    errors.length > before ||
    maLk === null ||
    cardText === null ||
    fullName === null ||
    kind === null ||
    route === null ||
    admitted === null ||
    discharged === null ||
    days === null ||
    icd === null ||
    total === null ||
    covered === null ||
    copay === null ||
    fund === null
  )
    return null;
  return {
    maLk: maLk,
    cardNumber: cardText,
    cccd,
    fullName: fullName,
    clinicCode,
    registeredClinicCode: dkbd,
    visitKind: kind,
    route: route as 1 | 2 | 3,
    admittedAt: admitted,
    dischargedAt: discharged,
    treatmentDays: days,
    diagnosisIn: f.text('CHAN_DOAN_VAO'),
    diagnosisOut: f.text('CHAN_DOAN_RV'),
    icd10Main: icd,
    icd10Other: icdOther,
    outcome,
    totalCost: total,
    coveredCost: covered,
    coPayment: copay,
    fundPaid: fund,
    fiveYearDate: fiveYear,
  };
}

/** A document table (XML7, 11, 13, 14) of the visit `maLk`; null (with errors) when it does not pass. */
export function readDocument(
  type: DocumentTable,
  values: Record<string, string>,
  visit: VisitRecord,
  errors: VisitFileError[],
): DocumentRecord | null {
  const f = new Fields(type, values, errors);
  const before = errors.length;
  const maLk = f.text('MA_LK', { required: true, pattern: MA_LK });
  if (maLk !== null && maLk !== visit.maLk) f.error('MA_LK', 'field.other_visit', 'MA_LK differs from XML1');
  const issuedOn = f.day('NGAY_CT', false) ?? visit.dischargedAt.slice(0, 10);
  let number: string | null = null;
  let content: Record<string, unknown> = {};
  switch (type) {
    case 'XML11': {
      // CT07, the sick-leave certificate for BHXH (domain-reference.md "XML11").
      number = f.text('SO_CT', { required: true, max: 200 });
      f.text('SO_SERI', { max: 200 });
      const days = f.int('SO_NGAY_NGHI', { required: true, min: 1 });
      const from = f.day('TU_NGAY', true);
      const to = f.day('DEN_NGAY', true);
      if (from && to && to < from) f.error('DEN_NGAY', 'field.before_start', 'DEN_NGAY is before TU_NGAY');
      const bhxhCode = f.text('MA_BHXH', { pattern: /^\d{10}$/ });
      f.day('NGAY_CT', true);
      // What the unit claims sick pay with (dossier 630a, issue #27): the patient's BHXH code
      // (checked against the visit's person by the caller), the leave, the diagnosis, the
      // employer named on it and the doctor who signed it (MA_BS; the clinic is the visit's).
      content = {
        days,
        from,
        to,
        diagnosis: f.raw('CHAN_DOAN_RV'),
        unit: f.raw('DON_VI'),
        bhxhCode,
        doctor: f.text('MA_BS', { max: 200 }),
      };
      break;
    }
    case 'XML7': {
      number = f.text('SO_LUU_TRU', { max: 200 }) ?? visit.maLk;
      content = {
        days: visit.treatmentDays,
        diagnosis: f.raw('CHAN_DOAN_RV'),
        treatment: f.raw('PP_DIEUTRI'),
        advice: f.raw('GHI_CHU'),
      };
      break;
    }
    case 'XML13': {
      number = f.text('SO_CHUYENTUYEN', { max: 200 }) ?? f.text('SO_HOSO', { required: true, max: 200 });
      content = { to: f.raw('MA_NOI_DEN'), reason: f.raw('LY_DO_CT'), diagnosis: f.raw('CHAN_DOAN_RV') };
      break;
    }
    case 'XML14': {
      number = f.text('SO_GIAYHEN_KL', { required: true, max: 200 });
      const on = f.day('NGAY_HEN_KL', true);
      content = { on, diagnosis: f.raw('CHAN_DOAN_RV') };
      break;
    }
  }
  if (errors.length > before || number === null) return null;
  return { kind: DOCUMENT_TABLES[type], number, issuedOn, content: { ...content, fields: f.all() } };
}

export function isDocumentTable(type: string): type is DocumentTable {
  return type in DOCUMENT_TABLES;
}
