import type { Commune2025, Province2025 } from '@vssid/domain';
import { fullName } from './names';
import { pad, permute } from './permute';
import { address2025, places, positionIn, streetLine } from './places';
import { Random } from './random';
import type { AgencyRow, Catalogs, ClinicRow, CollectionAgentRow, EmployerUnitRow } from './rows';

const HOURS = 'Thứ Hai – Thứ Sáu: 7:30–11:30, 13:30–17:00; Thứ Bảy (tiếp nhận hồ sơ): 7:30–11:30';
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const base36 = (n: number, width: number) => n.toString(36).toUpperCase().padStart(width, '0');
const landline = (r: Random) => `02${pad(r.int(0, 99_999_999), 8)}`;

/** Central hospitals (public names) by 2025 province; codes here are synthetic. */
const CENTRAL_HOSPITALS: Record<string, string[]> = {
  '01': ['Bệnh viện Bạch Mai', 'Bệnh viện Hữu nghị Việt Đức', 'Bệnh viện Nhi Trung ương'],
  '46': ['Bệnh viện Trung ương Huế'],
  '79': ['Bệnh viện Chợ Rẫy', 'Bệnh viện Thống Nhất'],
  '92': ['Bệnh viện Đa khoa Trung ương Cần Thơ'],
};

const TRADE_NAMES = [
  'Minh Phát',
  'Thành Công',
  'Hoàng Long',
  'Việt Tiến',
  'An Phú',
  'Sao Mai',
  'Hải Đăng',
  'Phú Thịnh',
  'Tân Hưng',
  'Đại Dương',
  'Kim Ngân',
  'Bình Minh',
  'Trường Sơn',
  'Hưng Thịnh',
  'Nam Việt',
  'Đông Á',
  'Thái Bình Dương',
  'Hồng Hà',
  'Sông Đà',
  'Mê Kông',
];
const SECTORS = [
  'Xây dựng',
  'Thương mại',
  'Dịch vụ',
  'May mặc',
  'Thực phẩm',
  'Công nghệ',
  'Vận tải',
  'Cơ khí',
  'Điện tử',
  'Dược phẩm',
  'Nông sản',
  'Du lịch',
];

/**
 * The reference tables of a synthetic nation: BHXH agencies in every province, clinics at every
 * level, employer units sized for `persons` insured people, and collection agents.
 */
export function generateCatalogs(seed: string, persons: number): Catalogs {
  const r = new Random(`${seed}:catalogs`);
  const { provinces, communesOf } = places();
  const agencies: AgencyRow[] = [
    {
      code: 'VN',
      parent_code: null,
      level: 'central',
      name: 'Bảo hiểm xã hội Việt Nam',
      address: 'Số 7 Tràng Thi, Phường Hoàn Kiếm, Thành phố Hà Nội',
      province_code: '01',
      commune_code: null,
      phone: '02439361111',
      email: 'vss@vssid-demo.example',
      latitude: 21.0254,
      longitude: 105.8477,
      opening_hours: HOURS,
      // The national head office has no counter for registration dossiers (issue 20).
      receives_dossiers: false,
    },
  ];
  const clinics: ClinicRow[] = [];
  const agents: CollectionAgentRow[] = [];
  const localOffices = new Map<string, AgencyRow[]>();

  for (const p of provinces) {
    const communes = communesOf(p.code);
    const seat = communes[0];
    if (!seat) continue;
    const [lat, lng] = positionIn(r, p.code);
    agencies.push({
      code: p.code,
      parent_code: 'VN',
      level: 'province',
      name: `Bảo hiểm xã hội ${lowerFirst(p.fullName)}`,
      address: `${streetLine(r, seat)}, ${address2025(seat, p)}`,
      province_code: p.code,
      commune_code: seat.code,
      phone: landline(r),
      email: `bhxh${p.code}@vssid-demo.example`,
      latitude: lat,
      longitude: lng,
      opening_hours: HOURS,
      receives_dossiers: true,
    });
    const officeCount = Math.min(15, Math.max(3, Math.round(communes.length / 12)));
    const offices: AgencyRow[] = [];
    for (let i = 0; i < officeCount; i++) {
      const commune = communes[Math.floor((i * communes.length) / officeCount)] ?? seat;
      const [olat, olng] = positionIn(r, p.code);
      offices.push({
        code: `${p.code}${pad(i + 1, 2)}`,
        parent_code: p.code,
        level: 'local',
        name: `Bảo hiểm xã hội cơ sở ${commune.name}`,
        address: `${streetLine(r, commune)}, ${address2025(commune, p)}`,
        province_code: p.code,
        commune_code: commune.code,
        phone: landline(r),
        email: `bhxh${p.code}${pad(i + 1, 2)}@vssid-demo.example`,
        latitude: olat,
        longitude: olng,
        opening_hours: HOURS,
        receives_dossiers: true,
      });
    }
    agencies.push(...offices);
    localOffices.set(p.code, offices);

    let seq = 0;
    const clinic = (name: string, level: ClinicRow['level'], commune: Commune2025, sickLeave: boolean) => {
      const [clat, clng] = positionIn(r, p.code);
      clinics.push({
        code: `${p.code}${base36(seq++, 3)}`,
        name,
        level,
        address: `${streetLine(r, commune)}, ${address2025(commune, p)}`,
        province_code: p.code,
        commune_code: commune.code,
        phone: landline(r),
        latitude: clat,
        longitude: clng,
        bhyt_contracted: true,
        issues_sick_leave: sickLeave,
      });
    };
    for (const name of CENTRAL_HOSPITALS[p.code] ?? []) clinic(name, 'central', seat, true);
    const placeName = p.name;
    clinic(
      `Bệnh viện Đa khoa ${lowerFirst(p.fullName.replace(p.name, '').trim())} ${placeName}`.replace(
        /\s+/g,
        ' ',
      ),
      'province',
      seat,
      true,
    );
    clinic(`Bệnh viện Sản – Nhi ${placeName}`, 'province', seat, true);
    for (const office of offices) {
      const commune = communes.find((c) => c.code === office.commune_code) ?? seat;
      clinic(`Trung tâm Y tế khu vực ${commune.name}`, 'district', commune, true);
    }
    for (const commune of communes) {
      if (r.chance(0.25))
        clinic(
          `Trạm Y tế ${commune.fullName.replace(/^Xã/, 'xã').replace(/^Phường/, 'phường')}`,
          'commune',
          commune,
          false,
        );
    }

    let agentSeq = 0;
    for (const office of offices) {
      const commune = communes.find((c) => c.code === office.commune_code) ?? seat;
      const [alat, alng] = positionIn(r, p.code);
      agents.push({
        code: `DL${p.code}${pad(++agentSeq, 4)}`,
        name: `Bưu điện ${commune.name}`,
        kind: 'post_office',
        address: `${streetLine(r, commune)}, ${address2025(commune, p)}`,
        province_code: p.code,
        commune_code: commune.code,
        phone: landline(r),
        latitude: alat,
        longitude: alng,
        agency_code: office.code,
      });
    }
    for (const commune of communes) {
      if (!r.chance(0.2)) continue;
      const office = r.pick(offices);
      const [alat, alng] = positionIn(r, p.code);
      agents.push({
        code: `DL${p.code}${pad(++agentSeq, 4)}`,
        name: `Đại lý thu BHXH, BHYT ${commune.fullName}`,
        kind: 'commune_agent',
        address: `${streetLine(r, commune)}, ${address2025(commune, p)}`,
        province_code: p.code,
        commune_code: commune.code,
        phone: `09${pad(r.int(0, 99_999_999), 8)}`,
        latitude: alat,
        longitude: alng,
        agency_code: office.code,
      });
    }
  }

  const units = generateUnits(r, persons, localOffices);
  return { agencies, clinics, units, agents };
}

function generateUnits(
  r: Random,
  persons: number,
  localOffices: Map<string, AgencyRow[]>,
): EmployerUnitRow[] {
  const { provinceWeights, communesOf } = places();
  const count = Math.max(40, Math.round(persons / 30));
  const units: EmployerUnitRow[] = [];
  for (let i = 0; i < count; i++) {
    const province: Province2025 = r.weighted(provinceWeights);
    const commune = r.pick(communesOf(province.code));
    const kind = r.weighted([
      ['enterprise', 70],
      ['school', 12],
      ['state_agency', 10],
      ['cooperative', 3],
      ['household_business', 3],
      ['other', 2],
    ] as const);
    const size = r.weighted([
      [r.int(1, 9), 55],
      [r.int(10, 49), 28],
      [r.int(50, 199), 12],
      [r.int(200, 2000), 5],
    ] as const);
    const name = unitName(r, kind, commune);
    const office = r.pick(localOffices.get(province.code) ?? []);
    units.push({
      code: `${province.code}${pad(i + 1, 6)}`,
      tax_code: `${province.code}${pad(permute(i, 8, 12_345), 8)}`,
      name,
      kind,
      address: `${streetLine(r, commune)}, ${address2025(commune, province)}`,
      province_code: province.code,
      commune_code: commune.code,
      representative_name: fullName(r, r.chance(0.6) ? 'male' : 'female'),
      phone: landline(r),
      email: `lienhe${i + 1}@vssid-demo.example`,
      employee_count: size,
      managing_agency: office.code,
    });
  }
  // The large employer of the benchmark's statement scenario (issue #27: C12-TS of a unit with
  // 5,000 workers on the 1M-person dataset): the first unit of Hà Nội is weighted as 23 % of the
  // province's other jobs — at 1M people about 5,300 workers in the bench's month (0.18 gave 4,150
  // on 2026-12-07); proportionally fewer at smaller sizes. Its size is set after the draws, so no
  // other unit changes.
  const hanoi = units.filter((u) => u.province_code === '01');
  const big = hanoi[0];
  if (big) {
    const others = hanoi.slice(1).reduce((sum, u) => sum + 1 + u.employee_count, 0);
    big.employee_count = Math.round(others * 0.23);
  }
  return units;
}

function unitName(r: Random, kind: EmployerUnitRow['kind'], commune: Commune2025): string {
  switch (kind) {
    case 'enterprise':
      return `Công ty ${r.pick(['TNHH', 'Cổ phần'])} ${r.pick(SECTORS)} ${r.pick(TRADE_NAMES)}`;
    case 'school':
      return `Trường ${r.pick(['Mầm non', 'Tiểu học', 'Trung học cơ sở', 'Trung học phổ thông'])} ${commune.name}`;
    case 'state_agency':
      return `Ủy ban nhân dân ${lowerFirst(commune.fullName)}`;
    case 'cooperative':
      return `Hợp tác xã ${r.pick(['Nông nghiệp', 'Dịch vụ', 'Thủy sản'])} ${commune.name}`;
    case 'household_business':
      return `Hộ kinh doanh ${fullName(r, r.chance(0.5) ? 'male' : 'female')}`;
    case 'other':
      return `Hội ${r.pick(['Nông dân', 'Phụ nữ', 'Cựu chiến binh'])} ${lowerFirst(commune.fullName)}`;
  }
}
