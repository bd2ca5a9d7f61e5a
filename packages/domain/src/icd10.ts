/**
 * Common ICD-10 codes seen in Vietnamese primary and hospital care, with their Vietnamese names
 * (Bộ Y tế, QĐ 4469/QĐ-BYT 2020, ICD-10 tiếng Việt) and English names (WHO ICD-10). A small
 * catalog for display and data generation, not the whole classification.
 */
export interface Icd10Entry {
  code: string;
  vi: string;
  en: string;
}

export const ICD10_COMMON: readonly Icd10Entry[] = [
  { code: 'J00', vi: 'Viêm mũi họng cấp (cảm thường)', en: 'Acute nasopharyngitis (common cold)' },
  { code: 'J02', vi: 'Viêm họng cấp', en: 'Acute pharyngitis' },
  { code: 'J06', vi: 'Nhiễm trùng đường hô hấp trên cấp', en: 'Acute upper respiratory infections' },
  { code: 'J18', vi: 'Viêm phổi, tác nhân không xác định', en: 'Pneumonia, organism unspecified' },
  { code: 'J20', vi: 'Viêm phế quản cấp', en: 'Acute bronchitis' },
  { code: 'J45', vi: 'Hen phế quản', en: 'Asthma' },
  { code: 'I10', vi: 'Bệnh lý tăng huyết áp vô căn (nguyên phát)', en: 'Essential (primary) hypertension' },
  { code: 'I20', vi: 'Cơn đau thắt ngực', en: 'Angina pectoris' },
  { code: 'I63', vi: 'Nhồi máu não', en: 'Cerebral infarction' },
  {
    code: 'E11',
    vi: 'Bệnh đái tháo đường không phụ thuộc insulin',
    en: 'Non-insulin-dependent diabetes mellitus',
  },
  {
    code: 'E78',
    vi: 'Rối loạn chuyển hóa lipoprotein và tình trạng tăng lipid máu khác',
    en: 'Disorders of lipoprotein metabolism and other lipidaemias',
  },
  { code: 'K21', vi: 'Bệnh trào ngược dạ dày – thực quản', en: 'Gastro-oesophageal reflux disease' },
  { code: 'K29', vi: 'Viêm dạ dày và tá tràng', en: 'Gastritis and duodenitis' },
  { code: 'K35', vi: 'Viêm ruột thừa cấp', en: 'Acute appendicitis' },
  { code: 'K80', vi: 'Sỏi mật', en: 'Cholelithiasis' },
  {
    code: 'A09',
    vi: 'Tiêu chảy và viêm dạ dày – ruột do nhiễm trùng',
    en: 'Infectious gastroenteritis and colitis',
  },
  { code: 'A90', vi: 'Sốt Dengue (sốt xuất huyết cổ điển)', en: 'Dengue fever' },
  { code: 'M54', vi: 'Đau lưng', en: 'Dorsalgia' },
  { code: 'M17', vi: 'Thoái hóa khớp gối', en: 'Gonarthrosis' },
  { code: 'N39', vi: 'Bệnh khác của hệ tiết niệu', en: 'Other disorders of urinary system' },
  { code: 'N20', vi: 'Sỏi thận và niệu quản', en: 'Calculus of kidney and ureter' },
  { code: 'H10', vi: 'Viêm kết mạc', en: 'Conjunctivitis' },
  { code: 'H25', vi: 'Đục thủy tinh thể người già', en: 'Senile cataract' },
  { code: 'H66', vi: 'Viêm tai giữa mủ và không xác định', en: 'Suppurative and unspecified otitis media' },
  { code: 'L20', vi: 'Viêm da cơ địa', en: 'Atopic dermatitis' },
  { code: 'K02', vi: 'Sâu răng', en: 'Dental caries' },
  { code: 'S52', vi: 'Gãy xương cẳng tay', en: 'Fracture of forearm' },
  { code: 'S06', vi: 'Tổn thương nội sọ', en: 'Intracranial injury' },
  { code: 'T14', vi: 'Tổn thương ở vùng cơ thể không xác định', en: 'Injury of unspecified body region' },
  { code: 'O80', vi: 'Đẻ thường một thai', en: 'Single spontaneous delivery' },
  { code: 'O82', vi: 'Đẻ một thai bằng mổ lấy thai', en: 'Single delivery by caesarean section' },
  { code: 'Z00', vi: 'Khám sức khỏe tổng quát', en: 'General examination' },
  { code: 'Z34', vi: 'Theo dõi thai bình thường', en: 'Supervision of normal pregnancy' },
  {
    code: 'C22',
    vi: 'U ác của gan và đường mật trong gan',
    en: 'Malignant neoplasm of liver and intrahepatic bile ducts',
  },
  { code: 'C34', vi: 'U ác của phế quản và phổi', en: 'Malignant neoplasm of bronchus and lung' },
  { code: 'N18', vi: 'Bệnh thận mạn', en: 'Chronic kidney disease' },
  { code: 'F32', vi: 'Giai đoạn trầm cảm', en: 'Depressive episode' },
  { code: 'B18', vi: 'Viêm gan virus mạn', en: 'Chronic viral hepatitis' },
  { code: 'U07.1', vi: 'COVID-19, đã xác định virus', en: 'COVID-19, virus identified' },
];

const BY_CODE = new Map(ICD10_COMMON.map((e) => [e.code, e]));

/** The catalog entry of a code, if it is in the common list. */
export function findIcd10(code: string): Icd10Entry | undefined {
  return BY_CODE.get(code.toUpperCase());
}

/** ICD-10 codes: a letter, two digits, and optionally a dot and one or two more characters. */
export const ICD10_CODE = /^[A-Z][0-9]{2}(\.[0-9A-Z]{1,2})?$/;

/**
 * The name of an ICD-10 code in a language, for display beside the code: the exact code if the
 * catalog has it, else its three-character category (`J18.9` → `J18`). Vietnamese names are the
 * Ministry of Health's; other languages get the WHO English name (ASSUMPTION: the catalog has no
 * Chinese, Japanese or Korean names yet, and a clinical term is better shown in the WHO's words
 * than machine-translated). Null when the code is malformed or not in the catalog.
 */
export function icd10Name(code: string, language: string): string | null {
  const normalized = code.trim().toUpperCase();
  if (!ICD10_CODE.test(normalized)) return null;
  const entry = BY_CODE.get(normalized) ?? BY_CODE.get(normalized.slice(0, 3));
  if (!entry) return null;
  return language === 'vi' ? entry.vi : entry.en;
}
