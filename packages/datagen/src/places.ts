import {
  type Commune2025,
  communes2025,
  oldCommunesForNewUnit,
  type Province2025,
  provinces2025,
} from '@vssid/domain';
import { PROVINCE_CENTRES } from './geo';
import type { Random } from './random';

/** Where people live and institutions stand: 2025 units, with the old units each new commune came from. */
interface Places {
  provinces: readonly Province2025[];
  communesOf: (provinceCode: string) => readonly Commune2025[];
  /** Old communes that went (wholly or partly) into a new commune. */
  oldCommunesOf: (newCommuneCode: string) => readonly string[];
  /** Population weight of each province (more communes, and the two big cities, weigh more). */
  provinceWeights: readonly (readonly [Province2025, number])[];
}

let cached: Places | null = null;

export function places(): Places {
  if (cached) return cached;
  const provinces = provinces2025();
  const BIG = new Set(['01', '79']);
  cached = {
    provinces,
    communesOf: (code) => communes2025(code),
    oldCommunesOf: (code) => oldCommunesForNewUnit(code).map((c) => c.code),
    provinceWeights: provinces.map(
      (p) => [p, communes2025(p.code).length * (BIG.has(p.code) ? 3 : 1)] as const,
    ),
  };
  return cached;
}

/** A position near a province's centre (within about 35 km), rounded to 5 decimals. */
export function positionIn(random: Random, provinceCode: string): [number, number] {
  const [lat, lng] = PROVINCE_CENTRES[provinceCode] ?? [16, 107];
  const round = (x: number) => Math.round(x * 100_000) / 100_000;
  return [round(lat + (random.next() - 0.5) * 0.6), round(lng + (random.next() - 0.5) * 0.6)];
}

/** "Phường Ba Đình, Thành phố Hà Nội" — the two-level address of a commune. */
export function address2025(commune: Commune2025, province: Province2025): string {
  return `${commune.fullName}, ${province.fullName}`;
}

const STREETS = [
  'Lê Lợi',
  'Trần Hưng Đạo',
  'Nguyễn Huệ',
  'Hai Bà Trưng',
  'Lý Thường Kiệt',
  'Quang Trung',
  'Lê Duẩn',
  'Nguyễn Trãi',
  'Phan Đình Phùng',
  'Hùng Vương',
  'Điện Biên Phủ',
  'Nguyễn Văn Cừ',
  'Bà Triệu',
  'Trần Phú',
  'Lê Thánh Tông',
  'Võ Thị Sáu',
];

/** House number and street in a ward; hamlet (thôn) in a rural commune. */
export function streetLine(random: Random, commune: Commune2025): string {
  if (commune.kind === 'Xã') return `Thôn ${random.int(1, 12)}`;
  const house = random.chance(0.3)
    ? `Số ${random.int(1, 200)} ngõ ${random.int(1, 120)}`
    : `Số ${random.int(1, 400)}`;
  return `${house} đường ${random.pick(STREETS)}`;
}
