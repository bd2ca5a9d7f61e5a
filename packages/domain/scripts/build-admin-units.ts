/**
 * Converts the official administrative-unit data in ../shared/data/admin-units into the compact
 * files the domain package ships (src/admin-units/data). Run once after the source data changes:
 *   npx tsx packages/domain/scripts/build-admin-units.ts
 * The product never reads ../shared at run time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const source = path.resolve(here, '../../../../shared/data/admin-units');
const target = path.resolve(here, '../src/admin-units/data');

interface Ward {
  Code: string;
  Name: string;
  NameEn: string;
  FullName: string;
  FullNameEn?: string;
}
interface Province2025 {
  Code: string;
  Name: string;
  NameEn: string;
  FullName: string;
  Wards: Ward[];
}
interface ProvinceOld {
  Code: string;
  Name: string;
  FullName: string;
  District: { Code: string; Name: string; FullName: string; Ward: Ward[] | null }[];
}
interface Splits {
  data: {
    level1_id: string;
    splits: { new_id: string }[];
    level3s: { level3_id: string; splits: { new_id: string }[] }[];
  }[];
}

const read = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(source, file), 'utf8'));
/** "Phường Ba Đình" with name "Ba Đình" → "Phường"; "Đặc khu Côn Đảo" → "Đặc khu". */
const kind = (fullName: string, name: string) => {
  const k = fullName.endsWith(name)
    ? fullName.slice(0, fullName.length - name.length).trim()
    : (fullName.split(' ')[0] ?? '');
  return k.charAt(0).toUpperCase() + k.slice(1);
};

const units2025 = read('units-2025.json') as Province2025[];
const compact2025 = {
  provinces: units2025.map((p) => [p.Code, p.Name, p.FullName, p.NameEn]),
  communes: units2025.flatMap((p) =>
    p.Wards.map((w) => [w.Code, p.Code, w.Name, kind(w.FullName, w.Name), w.NameEn]),
  ),
};

const old = read('units-pre2025.json') as ProvinceOld[];
const compactOld = {
  provinces: old.map((p) => [p.Code, p.Name, p.FullName]),
  districts: old.flatMap((p) => p.District.map((d) => [d.Code, p.Code, d.Name, kind(d.FullName, d.Name)])),
  communes: old.flatMap((p) =>
    p.District.flatMap((d) => (d.Ward ?? []).map((w) => [w.Code, d.Code, w.Name, kind(w.FullName, w.Name)])),
  ),
};

const splits = read('mapping-2025-splits.json') as Splits;
const mapping = {
  provinces: Object.fromEntries(splits.data.map((p) => [p.level1_id, p.splits.map((s) => s.new_id)])),
  communes: Object.fromEntries(
    splits.data.flatMap((p) => p.level3s.map((c) => [c.level3_id, c.splits.map((s) => s.new_id)])),
  ),
};

fs.mkdirSync(target, { recursive: true });
const write = (file: string, data: unknown) => {
  const text = JSON.stringify(data);
  fs.writeFileSync(path.join(target, file), text);
  console.log(`${file}: ${(text.length / 1024).toFixed(0)} KB`);
};
write('units-2025.json', compact2025);
write('units-pre2025.json', compactOld);
write('mapping-2025.json', mapping);
for (const license of ['LICENSE-vietnamese-provinces-database.txt', 'LICENSE-dvhcvn-20250701.txt']) {
  fs.copyFileSync(path.join(source, license), path.join(target, license));
}
fs.copyFileSync(path.join(source, 'SOURCES.md'), path.join(target, 'SOURCES.md'));
