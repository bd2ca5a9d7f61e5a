import * as z from 'zod/mini';
import { defineContract, NoContent, problems } from './contract';

/**
 * The clinic gateway (issue #24), shaped as the national gateway that clinic software already
 * calls (domain-reference.md "Clinic card check"): a token, the card check
 * `KQNhanLichSuKCB2024`, and the visit files of QĐ 130/QĐ-BYT as amended by QĐ 4750/QĐ-BYT.
 * Field names are the gateway's own; descriptions are in Vietnamese, as its integrators read them.
 *
 * The gateway calls answer 200 with a result code (`maKetQua`) as the national gateway does,
 * including for a bad token (401) and a badly formatted parameter (205); a body that is not an
 * object of strings at all is a 400 problem naming the field.
 */

const d = z.describe;
const TAGS = ['clinic-gateway'];
const text = (max: number, description: string) => z.string().check(z.maxLength(max), d(description));

/** The gateway's tokens, in the query as clinic software sends them. */
const GatewayAuthQuery = z.object({
  token: z.optional(text(4000, 'access_token nhận từ /api/token/take')),
  id_token: z.optional(text(4000, 'id_token nhận từ /api/token/take')),
  username: z.optional(text(64, 'Tên đăng nhập của cơ sở KCB')),
});

// ---------------------------------------------------------------- token

export const TakeTokenBodySchema = z.object({
  username: text(64, 'Tên đăng nhập cổng tiếp nhận do cơ quan BHXH cấp cho cơ sở KCB'),
  password: text(200, 'Mật khẩu, hoặc chuỗi MD5 (32 ký tự hex) của mật khẩu'),
});

export const TakeTokenResultSchema = z
  .object({
    maKetQua: z.string().check(d('Mã kết quả: 200 thành công, 401 sai tên đăng nhập hoặc mật khẩu')),
    APIKey: z
      .nullable(
        z.object({
          access_token: z.string().check(d('Mã truy cập, dùng trong tham số `token`')),
          id_token: z.string().check(d('Mã định danh (JWT), dùng trong tham số `id_token`')),
          token_type: z.string().check(d('Loại mã truy cập: Bearer')),
          username: z.string().check(d('Tên đăng nhập của cơ sở KCB')),
          expires_in: z.int().check(d('Thời hạn hiệu lực (giây)')),
        }),
      )
      .check(d('Mã truy cập cấp cho cơ sở KCB; null khi xác thực không thành công')),
  })
  .check(z.meta({ id: 'GatewayToken' }));
export type TakeTokenResult = z.infer<typeof TakeTokenResultSchema>;

export const takeToken = defineContract({
  method: 'POST',
  path: '/api/token/take',
  access: 'public',
  scope: 'none',
  tags: TAGS,
  summary: 'Lấy mã truy cập cổng tiếp nhận (cơ sở KCB)',
  description:
    'Public: the clinic authenticates with its gateway credential (issued and rotated by the agency). Rate-limited per credential.',
  body: TakeTokenBodySchema,
  responses: { 200: TakeTokenResultSchema, ...problems(400, 429) },
});

// ---------------------------------------------------------------- card check

export const CardCheckBodySchema = z.object({
  maThe: text(32, 'Mã thẻ BHYT (15 ký tự hoặc 10 số), mã số BHXH (10 số) hoặc số CCCD (12 số)'),
  hoTen: text(100, 'Họ và tên người bệnh'),
  ngaySinh: text(10, 'Ngày sinh: dd/MM/yyyy, hoặc chỉ năm sinh yyyy'),
  hoTenCb: text(100, 'Họ và tên cán bộ kiểm tra thẻ'),
  cccdCb: text(12, 'Số CCCD của cán bộ kiểm tra thẻ (12 số), đã được cơ sở KCB đăng ký'),
});
export type CardCheckBody = z.infer<typeof CardCheckBodySchema>;

const opt = (description: string) => z.nullable(z.string()).check(d(description));

export const VisitHistoryItemSchema = z.object({
  maHoSo: z.string().check(d('Mã hồ sơ (MA_LK)')),
  maCSKCB: z.string().check(d('Mã cơ sở KCB')),
  ngayVao: z.string().check(d('Ngày vào: yyyyMMddHHmm')),
  ngayRa: z.string().check(d('Ngày ra: yyyyMMddHHmm')),
  tenBenh: z.string().check(d('Tên bệnh (chẩn đoán ra viện)')),
  tinhTrang: z.string().check(d('Tình trạng ra viện')),
  kqDieuTri: z.string().check(d('Kết quả điều trị (KET_QUA_DTRI)')),
  lyDoVV: z.string().check(d('Đối tượng KCB: 1 đúng tuyến, 2 cấp cứu, 3 trái tuyến')),
});

export const CheckHistoryItemSchema = z.object({
  userKT: z.string().check(d('Cơ sở và cán bộ đã kiểm tra')),
  thoiGianKT: z.string().check(d('Thời gian kiểm tra: yyyyMMddHHmm')),
  thongBao: z.string().check(d('Thông báo kết quả')),
  maLoi: z.string().check(d('Mã kết quả của lần kiểm tra')),
});

export const CARD_CHECK_CODES = [
  '000',
  '001',
  '002',
  '003',
  '004',
  '010',
  '050',
  '051',
  '052',
  '053',
  '054',
  '055',
  '060',
  '061',
  '070',
  '100',
  '101',
  '110',
  '120',
  '121',
  '122',
  '123',
  '124',
  '130',
  '205',
  '401',
] as const;
export type CardCheckCode = (typeof CARD_CHECK_CODES)[number];

export const CardCheckResultSchema = z
  .object({
    maKetQua: z.enum(CARD_CHECK_CODES).check(d('Mã kết quả kiểm tra thẻ')),
    ghiChu: z.string().check(d('Ghi chú: kết quả bằng lời')),
    maThe: opt('Mã thẻ BHYT'),
    hoTen: opt('Họ và tên'),
    ngaySinh: opt('Ngày sinh dd/MM/yyyy, hoặc năm sinh'),
    gioiTinh: opt('Giới tính: Nam / Nữ'),
    diaChi: opt('Địa chỉ'),
    maDKBD: opt('Mã nơi đăng ký KCB ban đầu'),
    cqBHXH: opt('Cơ quan BHXH cấp thẻ'),
    gtTheTu: opt('Giá trị thẻ từ ngày dd/MM/yyyy'),
    gtTheDen: opt('Giá trị thẻ đến ngày dd/MM/yyyy'),
    maKV: opt('Mã nơi sinh sống (K1/K2/K3)'),
    ngayDu5Nam: opt('Ngày đủ 5 năm liên tục dd/MM/yyyy'),
    maSoBHXH: opt('Mã số BHXH'),
    maTheCu: opt('Mã thẻ cũ'),
    maTheMoi: opt('Mã thẻ mới (khi đã cấp thẻ mới)'),
    gtTheTuMoi: opt('Giá trị thẻ mới từ ngày'),
    gtTheDenMoi: opt('Giá trị thẻ mới đến ngày'),
    maDKBDMoi: opt('Mã nơi đăng ký KCB ban đầu của thẻ mới'),
    tenDKBDMoi: opt('Tên nơi đăng ký KCB ban đầu của thẻ mới'),
    dsLichSuKCB2018: z.nullable(z.array(VisitHistoryItemSchema)).check(d('Lịch sử KCB gần nhất')),
    dsLichSuKT2018: z.nullable(z.array(CheckHistoryItemSchema)).check(d('Lịch sử kiểm tra thẻ gần nhất')),
  })
  .check(z.meta({ id: 'GatewayCardCheck' }), d('Kết quả kiểm tra thẻ, như cổng tiếp nhận trả về'));
export type CardCheckResult = z.infer<typeof CardCheckResultSchema>;

export const checkCard = defineContract({
  method: 'POST',
  path: '/api/egw/KQNhanLichSuKCB2024',
  access: 'public',
  scope: 'any',
  tags: TAGS,
  summary: 'Tra cứu thông tin thẻ BHYT và lịch sử KCB',
  description:
    'Public route; the gateway token (query `token`, `id_token`, `username`) is checked by the service: a missing, expired or rotated one answers `maKetQua` 401. The clinic sees only what this answer holds; every check is audited and shown to the person.',
  query: GatewayAuthQuery,
  body: CardCheckBodySchema,
  responses: { 200: CardCheckResultSchema, ...problems(400, 429) },
});

// ---------------------------------------------------------------- visit files

export const VISIT_FILE_BYTES = 2 * 1024 * 1024;
export const VISIT_ENVELOPE_BYTES = 8 * 1024 * 1024;

export const SubmitVisitBodySchema = z.object({
  username: z.optional(text(64, 'Tên đăng nhập của cơ sở KCB')),
  loaiHoSo: text(8, 'Loại hồ sơ: 130 (QĐ 130/QĐ-BYT, sửa đổi bởi QĐ 4750/QĐ-BYT)'),
  maTinh: text(2, 'Mã tỉnh của cơ sở KCB'),
  maCSKCB: text(5, 'Mã cơ sở KCB'),
  fileHSBase64: z
    .string()
    .check(
      z.maxLength(Math.ceil(VISIT_ENVELOPE_BYTES / 3) * 4),
      d('Hồ sơ GIAMDINHHS (THONGTINHOSO/DANHSACHHOSO/HOSO/FILEHOSO{LOAIHOSO, NOIDUNGFILE}) mã hoá base64'),
    ),
});
export type SubmitVisitBody = z.infer<typeof SubmitVisitBodySchema>;

export const VisitFileErrorSchema = z.object({
  file: z.string().check(d('Bảng: XML1, XML7, XML11, XML13, XML14, hoặc HOSO')),
  field: z.string().check(d('Trường dữ liệu có lỗi')),
  code: z.string().check(d('Mã lỗi')),
  message: z.string().check(d('Nội dung lỗi')),
});

export const SubmitVisitResultSchema = z
  .object({
    maKetQua: z.string().check(d('000 tiếp nhận thành công; 205 hồ sơ lỗi; 401 xác thực không thành công')),
    maGiaoDich: z.nullable(z.string()).check(d('Mã giao dịch tiếp nhận')),
    thoiGianTiepNhan: z.nullable(z.string()).check(d('Thời gian tiếp nhận: yyyyMMddHHmmss')),
    thongDiep: z.string().check(d('Thông điệp')),
    dsLoi: z.array(VisitFileErrorSchema).check(d('Các lỗi theo trường, để sửa và gửi lại')),
  })
  .check(z.meta({ id: 'GatewayVisitReceipt' }));
export type SubmitVisitResult = z.infer<typeof SubmitVisitResultSchema>;

export const submitVisitFiles = defineContract({
  method: 'POST',
  path: '/api/qd130/guiHoSoXmlQD4750',
  access: 'public',
  scope: 'clinic',
  tags: TAGS,
  summary: 'Gửi hồ sơ XML theo QĐ 130/QĐ-BYT (QĐ 4750/QĐ-BYT)',
  description:
    'Public route; the gateway token is checked by the service (401 in `maKetQua`). XML1 required; XML7, XML11, XML13, XML14 accepted. MA_LK is unique per clinic: a resubmission replaces the earlier visit. DTDs and entities are refused.',
  query: GatewayAuthQuery,
  body: SubmitVisitBodySchema,
  responses: { 200: SubmitVisitResultSchema, ...problems(400, 413, 429) },
});

// ---------------------------------------------------------------- agency: credentials

const ClinicCodeParams = z.object({
  clinicCode: z
    .string()
    .check(z.regex(/^[0-9]{2}[0-9A-Z]{3}$/, 'clinic_code.format'), d('Mã cơ sở KCB (5 ký tự)')),
});

export const GatewayCredentialSchema = z
  .object({
    clinicCode: z.string().check(d('Mã cơ sở KCB')),
    username: z.string().check(d('Tên đăng nhập cổng tiếp nhận')),
    password: z.string().check(d('Mật khẩu mới, chỉ hiển thị một lần: hệ thống chỉ lưu giá trị băm')),
    version: z.int().check(d('Phiên bản tài khoản: tăng mỗi lần đổi mật khẩu')),
    rotatedAt: z.string().check(d('Thời điểm cấp hoặc đổi mật khẩu (ISO 8601)')),
  })
  .check(z.meta({ id: 'GatewayCredential' }));
export type GatewayCredential = z.infer<typeof GatewayCredentialSchema>;

export const ClinicCredentialStatusSchema = z.object({
  clinicCode: z.string().check(d('Mã cơ sở KCB')),
  name: z.string().check(d('Tên cơ sở KCB')),
  address: z.nullable(z.string()).check(d('Địa chỉ cơ sở KCB')),
  username: z.nullable(z.string()).check(d('Tên đăng nhập cổng tiếp nhận; null khi chưa cấp')),
  version: z.nullable(z.int()).check(d('Phiên bản tài khoản; null khi chưa cấp')),
  rotatedAt: z
    .nullable(z.string())
    .check(d('Lần cấp hoặc đổi mật khẩu gần nhất (ISO 8601); null khi chưa cấp')),
});
export type ClinicCredentialStatus = z.infer<typeof ClinicCredentialStatusSchema>;

/** At most this many clinics an answer: the admin narrows by name or code. */
export const CLINIC_CREDENTIALS_PAGE = 50;

export const listClinicCredentials = defineContract({
  method: 'GET',
  path: '/api/v1/agency/clinics/gateway-credentials',
  access: { roles: ['agency_admin'] },
  scope: 'agency',
  tags: TAGS,
  summary: "The clinics of the admin's province with their gateway credential's status (never a password)",
  description:
    "An agency admin sees the clinics of their agency's province (the national office: every province), found by code or name (`q`, accents ignored), at most 50 by code.",
  query: z.object({
    q: z.optional(z.string().check(z.trim(), z.maxLength(100), d('Mã hoặc tên cơ sở KCB'))),
  }),
  responses: {
    200: z.object({
      clinics: z.array(ClinicCredentialStatusSchema).check(d('Các cơ sở KCB khớp, theo mã')),
      more: z.boolean().check(d('Còn cơ sở khác khớp')),
    }),
    ...problems(400, 401, 403),
  },
});

export const rotateGatewayCredential = defineContract({
  method: 'POST',
  path: '/api/v1/agency/clinics/:clinicCode/gateway-credential',
  access: { roles: ['agency_admin'] },
  scope: 'agency',
  tags: TAGS,
  summary: "Issue or rotate a clinic's gateway credential (the old password and its tokens stop)",
  description:
    "An agency admin of the clinic's province, or of the national office; another province's clinic answers 404.",
  params: ClinicCodeParams,
  responses: { 200: GatewayCredentialSchema, ...problems(400, 401, 403, 404) },
});

// ---------------------------------------------------------------- clinic: clerks

export const ClerkSchema = z.object({
  cccd: z.string().check(d('Số CCCD của cán bộ')),
  fullName: z.string().check(d('Họ và tên cán bộ')),
  registeredAt: z.string().check(d('Thời điểm đăng ký (ISO 8601)')),
});
export type Clerk = z.infer<typeof ClerkSchema>;

export const listClerks = defineContract({
  method: 'GET',
  path: '/api/v1/clinic/clerks',
  access: { roles: ['clinic'] },
  scope: 'clinic',
  tags: TAGS,
  summary: "The clinic's clerks who may check cards",
  description: "The caller's own clinic only.",
  responses: {
    200: z.object({ clerks: z.array(ClerkSchema).check(d('Cán bộ kiểm tra thẻ của cơ sở')) }),
    ...problems(401, 403),
  },
});

export const registerClerk = defineContract({
  method: 'POST',
  path: '/api/v1/clinic/clerks',
  access: { roles: ['clinic'] },
  scope: 'clinic',
  tags: TAGS,
  summary: 'Register a clerk (name and CCCD) of the caller’s clinic; registering again renames',
  description: "The caller's own clinic only.",
  body: z.object({
    cccd: z.string().check(z.regex(/^[0-9]{12}$/, 'cccd.format'), d('Số CCCD của cán bộ (12 số)')),
    fullName: z
      .string()
      .check(z.trim(), z.minLength(2, 'full_name.required'), z.maxLength(100), d('Họ và tên cán bộ')),
  }),
  responses: { 200: ClerkSchema, ...problems(400, 401, 403) },
});

export const removeClerk = defineContract({
  method: 'DELETE',
  path: '/api/v1/clinic/clerks/:cccd',
  access: { roles: ['clinic'] },
  scope: 'clinic',
  tags: TAGS,
  summary: 'Remove a clerk: their checks are refused (054) from now on',
  description: "The caller's own clinic only; another clinic's clerk answers 404.",
  params: z.object({
    cccd: z.string().check(z.regex(/^[0-9]{12}$/, 'cccd.format'), d('Số CCCD của cán bộ (12 số)')),
  }),
  responses: { 204: NoContent, ...problems(400, 401, 403, 404) },
});

// ---------------------------------------------------------------- clinic: its own screens

export const ScreenCheckSchema = z
  .object({
    result: CardCheckResultSchema,
    valid: z
      .boolean()
      .check(d('Thẻ dùng được cho lần khám này (không phải 003, 010, 05x, 06x, 070, 110, 12x, 130…)')),
    benefitLevel: z.nullable(z.int()).check(d('Mức hưởng (1–5)')),
    fundPercent: z.nullable(z.number()).check(d('Tỷ lệ quỹ BHYT chi trả khi KCB đúng tuyến (%)')),
    registeredClinicName: z.nullable(z.string()).check(d('Tên nơi đăng ký KCB ban đầu')),
  })
  .check(z.meta({ id: 'ClinicScreenCheck' }));
export type ScreenCheck = z.infer<typeof ScreenCheckSchema>;

export const checkCardOnScreen = defineContract({
  method: 'POST',
  path: '/api/v1/clinic/card-checks',
  access: { roles: ['clinic'] },
  scope: ['clinic', 'any'],
  tags: TAGS,
  summary: "A card check from the clinic's own screen (typed or scanned), answered in words",
  description:
    "The caller's clinic; the clerk is one it registered (their name is taken from the registration). Audited as a gateway check.",
  body: z.object({
    maThe: CardCheckBodySchema.shape.maThe,
    hoTen: CardCheckBodySchema.shape.hoTen,
    ngaySinh: CardCheckBodySchema.shape.ngaySinh,
    cccdCb: CardCheckBodySchema.shape.cccdCb,
  }),
  responses: { 200: ScreenCheckSchema, ...problems(400, 401, 403, 429) },
});

export const listTodayChecks = defineContract({
  method: 'GET',
  path: '/api/v1/clinic/card-checks/today',
  access: { roles: ['clinic'] },
  scope: 'clinic',
  tags: TAGS,
  summary: "The caller's clinic's checks of today (Vietnam's day), newest first",
  description: "The caller's own clinic only.",
  responses: {
    200: z.object({
      checks: z
        .array(
          z.object({
            at: z.string().check(d('Thời điểm kiểm tra (ISO 8601)')),
            code: z.string().check(d('Mã đã nhập hoặc quét: mã thẻ, mã số BHXH hoặc số CCCD')),
            resultCode: z.string().check(d('Mã kết quả kiểm tra')),
            clerkName: z.string().check(d('Cán bộ kiểm tra')),
            channel: z
              .enum(['gateway', 'screen'])
              .check(d('Kênh: gateway (phần mềm của cơ sở) hoặc screen (màn hình này)')),
          }),
        )
        .check(d('Các lần kiểm tra hôm nay, mới nhất trước')),
    }),
    ...problems(401, 403),
  },
});

export const listVisitFiles = defineContract({
  method: 'GET',
  path: '/api/v1/clinic/visit-files',
  access: { roles: ['clinic'] },
  scope: 'clinic',
  tags: TAGS,
  summary: "The caller's clinic's visit files, newest first, with their status and errors to fix",
  description: "The caller's own clinic only.",
  responses: {
    200: z.object({
      files: z
        .array(
          z.object({
            maLk: z.string().check(d('Mã liên kết hồ sơ (MA_LK)')),
            receivedAt: z.string().check(d('Thời điểm tiếp nhận lần gần nhất (ISO 8601)')),
            status: z
              .enum(['accepted', 'rejected'])
              .check(d('accepted: đã tiếp nhận; rejected: có lỗi cần sửa')),
            fileTypes: z.array(z.string()).check(d('Các bảng XML đã gửi')),
            submissions: z.int().check(d('Số lần gửi')),
            errors: z.array(VisitFileErrorSchema).check(d('Các lỗi cần sửa')),
          }),
        )
        .check(d('Hồ sơ đã gửi, mới nhất trước')),
    }),
    ...problems(401, 403),
  },
});

/**
 * The OpenAPI tag's description: how a clinic integrates, in Vietnamese as its integrators read
 * it, with every result code of the card check (domain-reference.md "Clinic card check").
 */
export const CLINIC_GATEWAY_TAG_DESCRIPTION = [
  'Cổng tiếp nhận dành cho cơ sở KCB, theo cách phần mềm của cơ sở KCB đã kết nối với cổng giám định BHYT.',
  '',
  '**Tích hợp:** (1) Cơ quan BHXH cấp (và đổi) tài khoản cổng tiếp nhận cho cơ sở KCB; mật khẩu chỉ hiển thị một lần. ' +
    '(2) `POST /api/token/take` với `username` và mật khẩu (hoặc chuỗi MD5 của mật khẩu) → `APIKey.access_token`, `id_token`; dùng lại mã cho đến khi hết hạn (`expires_in`). ' +
    '(3) `POST /api/egw/KQNhanLichSuKCB2024?token=…&id_token=…&username=…` với `maThe` (mã thẻ BHYT, mã số BHXH hoặc số CCCD), `hoTen`, `ngaySinh`, `hoTenCb`, `cccdCb` (cán bộ đã được cơ sở KCB đăng ký, CV 1923/BHXH-CNTT). ' +
    '(4) `POST /api/qd130/guiHoSoXmlQD4750` gửi hồ sơ XML theo QĐ 130/QĐ-BYT (sửa đổi bởi QĐ 4750/QĐ-BYT): bắt buộc XML1; chấp nhận XML7, XML11 (giấy nghỉ việc hưởng BHXH), XML13, XML14; `MA_LK` duy nhất theo cơ sở KCB, gửi lại thì thay thế.',
  '',
  'Mỗi lần kiểm tra thẻ và mỗi hồ sơ đều được ghi nhật ký và người tham gia xem được; giới hạn tần suất theo tài khoản cổng tiếp nhận.',
  '',
  '**Mã kết quả kiểm tra thẻ (`maKetQua`):** 000 thẻ hợp lệ; 001 thẻ do BHXH Bộ Quốc phòng quản lý; 002 thẻ do BHXH Bộ Công an quản lý; ' +
    '003 thẻ cũ hết giá trị, đã được cấp thẻ mới; 004 thẻ cũ còn giá trị, đã được cấp thẻ mới; 010 thẻ hết giá trị sử dụng; ' +
    '050 không tìm thấy thông tin thẻ; 051 mã thẻ không đúng; 052 mã tỉnh cấp thẻ không đúng; 053 mã quyền lợi không đúng; ' +
    '054 CCCD của cán bộ chưa được cơ sở KCB đăng ký; 055 họ tên cán bộ không khớp với CCCD; 060 họ tên không đúng; ' +
    '061 họ tên không đúng nhưng khớp chữ cái đầu; 070 ngày sinh không đúng; 100 lỗi dữ liệu; 101 lỗi máy chủ; 110 thẻ đã bị thu hồi; ' +
    '120 thẻ đã báo giảm chuyển ngoại tỉnh; 121 thẻ đã báo giảm chuyển nội tỉnh; 122 thẻ đã báo giảm, tăng lại cùng đơn vị; 123 thẻ đã báo giảm; 124 thẻ đã ngừng tham gia; ' +
    '130 trẻ em dưới 6 tuổi chưa có thẻ; 205 sai định dạng tham số; 401 xác thực không thành công.',
].join('\n');
