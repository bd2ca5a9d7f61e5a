/**
 * Common ICD-10 codes seen in Vietnamese primary and hospital care, with their Vietnamese names
 * (Bộ Y tế, QĐ 4469/QĐ-BYT 2020, ICD-10 tiếng Việt) and English names (WHO ICD-10). A small
 * catalog for display and data generation, not the whole classification.
 */
export interface Icd10Entry {
  code: string;
  vi: string;
  en: string;
  /** ICD-10 names in Chinese (国际疾病分类 ICD-10), Japanese (ICD-10 2013年版 準拠) and Korean (KCD). */
  zh: string;
  ja: string;
  ko: string;
}

export const ICD10_COMMON: readonly Icd10Entry[] = [
  {
    code: 'J00',
    vi: 'Viêm mũi họng cấp (cảm thường)',
    en: 'Acute nasopharyngitis (common cold)',
    zh: '急性鼻咽炎［普通感冒］',
    ja: '急性鼻咽頭炎［かぜ］',
    ko: '급성 비인두염[감기]',
  },
  {
    code: 'J02',
    vi: 'Viêm họng cấp',
    en: 'Acute pharyngitis',
    zh: '急性咽炎',
    ja: '急性咽頭炎',
    ko: '급성 인두염',
  },
  {
    code: 'J06',
    vi: 'Nhiễm trùng đường hô hấp trên cấp',
    en: 'Acute upper respiratory infections',
    zh: '急性上呼吸道感染',
    ja: '急性上気道感染症',
    ko: '급성 상기도감염',
  },
  {
    code: 'J18',
    vi: 'Viêm phổi, tác nhân không xác định',
    en: 'Pneumonia, organism unspecified',
    zh: '肺炎，病原体未特指',
    ja: '肺炎，病原体不詳',
    ko: '상세불명 병원체의 폐렴',
  },
  {
    code: 'J20',
    vi: 'Viêm phế quản cấp',
    en: 'Acute bronchitis',
    zh: '急性支气管炎',
    ja: '急性気管支炎',
    ko: '급성 기관지염',
  },
  { code: 'J45', vi: 'Hen phế quản', en: 'Asthma', zh: '哮喘', ja: '喘息', ko: '천식' },
  {
    code: 'I10',
    vi: 'Bệnh lý tăng huyết áp vô căn (nguyên phát)',
    en: 'Essential (primary) hypertension',
    zh: '特发性（原发性）高血压',
    ja: '本態性（原発性）高血圧（症）',
    ko: '본태성(원발성) 고혈압',
  },
  { code: 'I20', vi: 'Cơn đau thắt ngực', en: 'Angina pectoris', zh: '心绞痛', ja: '狭心症', ko: '협심증' },
  { code: 'I63', vi: 'Nhồi máu não', en: 'Cerebral infarction', zh: '脑梗死', ja: '脳梗塞', ko: '뇌경색증' },
  {
    code: 'E11',
    vi: 'Bệnh đái tháo đường không phụ thuộc insulin',
    en: 'Non-insulin-dependent diabetes mellitus',
    zh: '非胰岛素依赖型糖尿病',
    ja: 'インスリン非依存性糖尿病',
    ko: '인슐린-비의존 당뇨병',
  },
  {
    code: 'E78',
    vi: 'Rối loạn chuyển hóa lipoprotein và tình trạng tăng lipid máu khác',
    en: 'Disorders of lipoprotein metabolism and other lipidaemias',
    zh: '脂蛋白代谢紊乱和其他脂血症',
    ja: 'リポたんぱく代謝障害及びその他の脂血症',
    ko: '지단백질 대사장애 및 기타 지질증',
  },
  {
    code: 'K21',
    vi: 'Bệnh trào ngược dạ dày – thực quản',
    en: 'Gastro-oesophageal reflux disease',
    zh: '胃-食管反流病',
    ja: '胃食道逆流症',
    ko: '위-식도역류병',
  },
  {
    code: 'K29',
    vi: 'Viêm dạ dày và tá tràng',
    en: 'Gastritis and duodenitis',
    zh: '胃炎和十二指肠炎',
    ja: '胃炎及び十二指腸炎',
    ko: '위염 및 십이지장염',
  },
  {
    code: 'K35',
    vi: 'Viêm ruột thừa cấp',
    en: 'Acute appendicitis',
    zh: '急性阑尾炎',
    ja: '急性虫垂炎',
    ko: '급성 충수염',
  },
  { code: 'K80', vi: 'Sỏi mật', en: 'Cholelithiasis', zh: '胆石症', ja: '胆石症', ko: '담석증' },
  {
    code: 'A09',
    vi: 'Tiêu chảy và viêm dạ dày – ruột do nhiễm trùng',
    en: 'Infectious gastroenteritis and colitis',
    zh: '感染性胃肠炎和结肠炎',
    ja: '感染性胃腸炎及び大腸炎',
    ko: '감염성 위장염 및 결장염',
  },
  {
    code: 'A90',
    vi: 'Sốt Dengue (sốt xuất huyết cổ điển)',
    en: 'Dengue fever',
    zh: '登革热［经典登革热］',
    ja: 'デング熱［古典的デング熱］',
    ko: '뎅기열[고전적 뎅기열]',
  },
  { code: 'M54', vi: 'Đau lưng', en: 'Dorsalgia', zh: '背痛', ja: '背部痛', ko: '등통증' },
  {
    code: 'M17',
    vi: 'Thoái hóa khớp gối',
    en: 'Gonarthrosis',
    zh: '膝关节病',
    ja: '膝関節症',
    ko: '무릎관절증',
  },
  {
    code: 'N39',
    vi: 'Bệnh khác của hệ tiết niệu',
    en: 'Other disorders of urinary system',
    zh: '泌尿系统的其他疾患',
    ja: '尿路系のその他の障害',
    ko: '비뇨계통의 기타 장애',
  },
  {
    code: 'N20',
    vi: 'Sỏi thận và niệu quản',
    en: 'Calculus of kidney and ureter',
    zh: '肾和输尿管结石',
    ja: '腎結石及び尿管結石',
    ko: '신장 및 요관의 결석',
  },
  { code: 'H10', vi: 'Viêm kết mạc', en: 'Conjunctivitis', zh: '结膜炎', ja: '結膜炎', ko: '결막염' },
  {
    code: 'H25',
    vi: 'Đục thủy tinh thể người già',
    en: 'Senile cataract',
    zh: '老年性白内障',
    ja: '老人性白内障',
    ko: '노년백내장',
  },
  {
    code: 'H66',
    vi: 'Viêm tai giữa mủ và không xác định',
    en: 'Suppurative and unspecified otitis media',
    zh: '化脓性和未特指的中耳炎',
    ja: '化膿性及び詳細不明の中耳炎',
    ko: '화농성 및 상세불명의 중이염',
  },
  {
    code: 'L20',
    vi: 'Viêm da cơ địa',
    en: 'Atopic dermatitis',
    zh: '特应性皮炎',
    ja: 'アトピー性皮膚炎',
    ko: '아토피성 피부염',
  },
  { code: 'K02', vi: 'Sâu răng', en: 'Dental caries', zh: '龋齿', ja: 'う蝕', ko: '치아우식' },
  {
    code: 'S52',
    vi: 'Gãy xương cẳng tay',
    en: 'Fracture of forearm',
    zh: '前臂骨折',
    ja: '前腕の骨折',
    ko: '아래팔의 골절',
  },
  {
    code: 'S06',
    vi: 'Tổn thương nội sọ',
    en: 'Intracranial injury',
    zh: '颅内损伤',
    ja: '頭蓋内損傷',
    ko: '두개내 손상',
  },
  {
    code: 'T14',
    vi: 'Tổn thương ở vùng cơ thể không xác định',
    en: 'Injury of unspecified body region',
    zh: '身体未特指部位的损伤',
    ja: '部位不明の損傷',
    ko: '상세불명 신체부위의 손상',
  },
  {
    code: 'O80',
    vi: 'Đẻ thường một thai',
    en: 'Single spontaneous delivery',
    zh: '单胎顺产',
    ja: '単胎自然分娩',
    ko: '단일 자연분만',
  },
  {
    code: 'O82',
    vi: 'Đẻ một thai bằng mổ lấy thai',
    en: 'Single delivery by caesarean section',
    zh: '经剖宫产术的单胎分娩',
    ja: '帝王切開による単胎分娩',
    ko: '제왕절개에 의한 단일분만',
  },
  {
    code: 'Z00',
    vi: 'Khám sức khỏe tổng quát',
    en: 'General examination',
    zh: '一般检查',
    ja: '一般健康診断',
    ko: '일반 검사',
  },
  {
    code: 'Z34',
    vi: 'Theo dõi thai bình thường',
    en: 'Supervision of normal pregnancy',
    zh: '正常妊娠监督',
    ja: '正常妊娠の管理',
    ko: '정상 임신의 관리',
  },
  {
    code: 'C22',
    vi: 'U ác của gan và đường mật trong gan',
    en: 'Malignant neoplasm of liver and intrahepatic bile ducts',
    zh: '肝和肝内胆管恶性肿瘤',
    ja: '肝及び肝内胆管の悪性新生物',
    ko: '간 및 간내 담관의 악성 신생물',
  },
  {
    code: 'C34',
    vi: 'U ác của phế quản và phổi',
    en: 'Malignant neoplasm of bronchus and lung',
    zh: '支气管和肺恶性肿瘤',
    ja: '気管支及び肺の悪性新生物',
    ko: '기관지 및 폐의 악성 신생물',
  },
  {
    code: 'N18',
    vi: 'Bệnh thận mạn',
    en: 'Chronic kidney disease',
    zh: '慢性肾脏病',
    ja: '慢性腎臓病',
    ko: '만성 신장병',
  },
  {
    code: 'F32',
    vi: 'Giai đoạn trầm cảm',
    en: 'Depressive episode',
    zh: '抑郁发作',
    ja: 'うつ病エピソード',
    ko: '우울에피소드',
  },
  {
    code: 'B18',
    vi: 'Viêm gan virus mạn',
    en: 'Chronic viral hepatitis',
    zh: '慢性病毒性肝炎',
    ja: '慢性ウイルス肝炎',
    ko: '만성 바이러스간염',
  },
  {
    code: 'U07.1',
    vi: 'COVID-19, đã xác định virus',
    en: 'COVID-19, virus identified',
    zh: 'COVID-19，病毒已确认',
    ja: 'COVID-19，ウイルスが同定されたもの',
    ko: '코로나바이러스감염증-19, 바이러스가 확인된 경우',
  },
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
 * Ministry of Health's, English the WHO's, Chinese, Japanese and Korean the national ICD-10
 * editions' wording; an unknown language gets English. Null when the code is malformed or not in
 * the catalog.
 */
export function icd10Name(code: string, language: string): string | null {
  const normalized = code.trim().toUpperCase();
  if (!ICD10_CODE.test(normalized)) return null;
  const entry = BY_CODE.get(normalized) ?? BY_CODE.get(normalized.slice(0, 3));
  if (!entry) return null;
  switch (language) {
    case 'vi':
    case 'zh':
    case 'ja':
    case 'ko':
      return entry[language];
    default:
      return entry.en;
  }
}
