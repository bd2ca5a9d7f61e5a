/**
 * Converts the administrative-unit reference data (../shared/data/admin-units, see its SOURCES.md)
 * into the compact files the domain package ships in src/admin-units/data. Run after the source
 * data changes, from the repository root:
 *
 *   npx tsx packages/domain/scripts/build-admin-units.ts [sourceDir]
 *
 * The product never reads ../shared at run time. Formats (documented in data/SOURCES.md too):
 * - codes are numbers (province 2 digits, district 3, commune 5 once zero-padded); within a list,
 *   each code is stored as the difference from the previous one (the first from 0);
 * - `types` lists the unit types ("Phường", "Xã"…); a unit stores the index of its type, and its
 *   full name is `${type} ${name}`;
 * - units-2025.json: provinces [code, name, type, nameEn, communes], communes
 *   [code, name, type] or [code, name, type, nameEn] when the English name is not the name
 *   without diacritics;
 * - units-pre2025.json: provinces [code, name, type, districts], districts
 *   [code, name, type, communes], communes [code, name, type];
 * - mapping-2025.json: `provinces` [oldCode, newCode]; `communes` [newCode, oldCodes] — the old
 *   communes (wholly or partly) merged into each new one; `districts` [oldCode, newCodes] for the
 *   old districts that had no communes (island districts); `unmapped` the old communes left without
 *   a new unit; `corrections` lists what the build fixed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const source = path.resolve(process.argv[2] ?? path.join(here, '../../../../shared/data/admin-units'));
const target = path.resolve(here, '../src/admin-units/data');

interface SourceWard {
  Code: string;
  Name: string;
  NameEn: string;
  FullName: string;
}
interface SourceProvince2025 {
  Code: string;
  Name: string;
  NameEn: string;
  FullName: string;
  Wards: (SourceWard & { ProvinceCode: string })[];
}
interface SourceProvinceOld {
  Code: string;
  Name: string;
  FullName: string;
  District: {
    Code: string;
    Name: string;
    FullName: string;
    ProvinceCode: string;
    Ward: SourceWard[] | null;
  }[];
}
interface SourceSplits {
  data: {
    level1_id: string;
    splits: { new_id: string }[];
    level2s?: { level2_id: string; splits: { new_id: string }[] }[];
    level3s: { level3_id: string; name: string; splits: { new_id: string; name: string }[] }[];
  }[];
}

const corrections: string[] = [];
function fail(message: string): never {
  console.error(`build-admin-units: ${message}`);
  process.exit(1);
}
const read = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(source, file), 'utf8'));

/** Name without diacritics, case kept: the English name of most units. */
const ascii = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
const key = (text: string) => ascii(text).toLowerCase().replace(/\s+/g, ' ').trim();

/** Unit type from "Phường Ba Đình" and "Ba Đình"; capitalised ("xã" → "Xã", logged). */
function typeOf(code: string, fullName: string, name: string): string {
  if (!fullName.endsWith(` ${name}`)) fail(`${code}: full name "${fullName}" does not end with "${name}"`);
  const type = fullName.slice(0, fullName.length - name.length - 1).trim();
  const fixed = type.charAt(0).toUpperCase() + type.slice(1);
  if (fixed !== type) corrections.push(`${code}: type "${type}" written "${fixed}"`);
  return fixed;
}

class Types {
  readonly list: string[] = [];
  index(type: string): number {
    const i = this.list.indexOf(type);
    return i >= 0 ? i : this.list.push(type) - 1;
  }
}

/** Rows whose first element is a code, with each code stored as the difference from the previous. */
function deltas<T extends unknown[]>(rows: [number, ...T][]): [number, ...T][] {
  let previous = 0;
  return rows.map(([code, ...rest]) => {
    const row: [number, ...T] = [code - previous, ...rest];
    previous = code;
    return row;
  });
}

// ---- 2025 units -------------------------------------------------------------------------------
const units2025 = read('units-2025.json') as SourceProvince2025[];
const types2025 = new Types();
const compact2025 = {
  types: types2025.list,
  provinces: units2025.map((p) => [
    Number(p.Code),
    p.Name,
    types2025.index(typeOf(p.Code, p.FullName, p.Name)),
    p.NameEn,
    deltas(
      p.Wards.map((w): [number, string, number, ...string[]] => {
        if (w.ProvinceCode !== p.Code)
          fail(`${w.Code} is listed under ${p.Code} but names ${w.ProvinceCode}`);
        const row: [number, string, number, ...string[]] = [
          Number(w.Code),
          w.Name,
          types2025.index(typeOf(w.Code, w.FullName, w.Name)),
        ];
        if (w.NameEn !== ascii(w.Name)) row.push(w.NameEn);
        return row;
      }),
    ),
  ]),
};
const communes2025 = new Map(
  units2025.flatMap((p) => p.Wards.map((w) => [w.Code, { ...w, provinceCode: p.Code }])),
);

// ---- units before 2025-07-01 ------------------------------------------------------------------
const old = read('units-pre2025.json') as SourceProvinceOld[];
const typesOld = new Types();
const compactOld = {
  types: typesOld.list,
  provinces: old.map((p) => [
    Number(p.Code),
    p.Name,
    typesOld.index(typeOf(p.Code, p.FullName, p.Name)),
    deltas(
      p.District.map((d): [number, string, number, unknown[]] => [
        Number(d.Code),
        d.Name,
        typesOld.index(typeOf(d.Code, d.FullName, d.Name)),
        deltas(
          (d.Ward ?? []).map((w): [number, string, number] => [
            Number(w.Code),
            w.Name,
            typesOld.index(typeOf(w.Code, w.FullName, w.Name)),
          ]),
        ),
      ]),
    ),
  ]),
};
const oldCommuneCount = old.reduce(
  (n, p) => n + p.District.reduce((m, d) => m + (d.Ward?.length ?? 0), 0),
  0,
);

// ---- old → new mapping --------------------------------------------------------------------------
const splits = read('mapping-2025-splits.json') as SourceSplits;
const provinceMap: [number, number][] = [];
const districtMap: [number, number[]][] = [];
const oldByNew = new Map<string, Set<string>>();
/** Old communes left without a new unit (their only target was dropped). */
const unmapped: string[] = [];

/** A target code the 2025 list does not have: the unit of the same name in the same province. */
function resolveTarget(code: string, name: string, provinceCode: string, oldCode: string): string {
  if (communes2025.has(code)) return code;
  const candidates = [...communes2025.values()].filter(
    (c) => c.provinceCode === provinceCode && key(c.FullName) === key(name),
  );
  const only = candidates.length === 1 ? candidates[0] : undefined;
  if (!only) return fail(`old ${oldCode} → ${code} "${name}": no 2025 unit with that code or name`);
  corrections.push(`old ${oldCode} → ${code} "${name.trim()}" is ${only.Code} in the 2025 list`);
  return only.Code;
}

for (const p of splits.data) {
  const [newProvince, ...more] = p.splits.map((s) => s.new_id);
  if (newProvince === undefined || more.length > 0)
    fail(`old province ${p.level1_id} must map to one province`);
  provinceMap.push([Number(p.level1_id), Number(newProvince)]);
  for (const d of p.level2s ?? [])
    districtMap.push([
      Number(d.level2_id),
      d.splits.map((s) => Number(resolveTarget(s.new_id, '', newProvince, d.level2_id))),
    ]);
  for (const c of p.level3s) {
    if (c.splits.length === 0) fail(`old commune ${c.level3_id} maps to nothing`);
    let kept = 0;
    for (const s of c.splits) {
      const code = resolveTarget(s.new_id, s.name, newProvince, c.level3_id);
      // Provinces merged whole, so a commune outside the new province is an error of the mapping.
      const inProvince = communes2025.get(code)?.provinceCode;
      if (inProvince !== newProvince) {
        corrections.push(
          `old ${c.level3_id} "${c.name}" (province ${p.level1_id}) → ${code} "${s.name}" in province ${inProvince ?? '?'} dropped: provinces merged whole`,
        );
        continue;
      }
      const set = oldByNew.get(code) ?? new Set<string>();
      set.add(c.level3_id);
      oldByNew.set(code, set);
      kept++;
    }
    if (kept === 0) unmapped.push(c.level3_id);
  }
}
const mappedOld = new Set([...oldByNew.values()].flatMap((s) => [...s]));
const missing = old
  .flatMap((p) => p.District.flatMap((d) => (d.Ward ?? []).map((w) => w.Code)))
  .filter((c) => !mappedOld.has(c) && !unmapped.includes(c));
if (missing.length > 0) fail(`old communes without a new unit: ${missing.join(', ')}`);
const mapping = {
  provinces: provinceMap,
  communes: [...oldByNew.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, olds]) => [
      Number(code),
      deltas([...olds].sort().map((o): [number] => [Number(o)])).map(([d]) => d),
    ]),
  districts: districtMap,
  unmapped,
  corrections,
};

// ---- write ---------------------------------------------------------------------------------------
fs.mkdirSync(target, { recursive: true });
let totalBytes = 0;
/** Written afresh (not copied), so the files are writable whatever the source's mode. */
const writeText = (file: string, text: string) => {
  fs.rmSync(path.join(target, file), { force: true });
  fs.writeFileSync(path.join(target, file), text, { mode: 0o644 });
};
const write = (file: string, data: unknown) => {
  const text = `${JSON.stringify(data)}\n`;
  writeText(file, text);
  totalBytes += Buffer.byteLength(text);
  console.log(`${file}: ${(Buffer.byteLength(text) / 1024).toFixed(1)} KiB`);
};
write('units-2025.json', compact2025);
write('units-pre2025.json', compactOld);
write('mapping-2025.json', mapping);
for (const license of ['LICENSE-vietnamese-provinces-database.txt', 'LICENSE-dvhcvn-20250701.txt'])
  writeText(license, fs.readFileSync(path.join(source, license), 'utf8'));
writeText(
  'SOURCES.md',
  `# Administrative units: sources and attribution

Generated by \`packages/domain/scripts/build-admin-units.ts\` from the project's reference copy
(\`shared/data/admin-units\`); do not edit by hand.

| file | content | derived from |
|---|---|---|
| units-2025.json | ${units2025.length} provinces, ${communes2025.size} wards/communes/special zones in force since 2025-07-01 | [thanglequoc/vietnamese-provinces-database](https://github.com/thanglequoc/vietnamese-provinces-database) v4.2.0 (commit cd58063), MIT — see LICENSE-vietnamese-provinces-database.txt |
| units-pre2025.json | ${old.length} provinces, ${old.reduce((n, p) => n + p.District.length, 0)} districts, ${oldCommuneCount} wards/communes before 2025-07-01 | the same repository, tag v2.4.1 (commit fc33b74), MIT |
| mapping-2025.json | old province → new province; new commune ← old communes (${mappedOld.size} old codes) | [dvhcvn/20250701](https://github.com/dvhcvn/20250701) (commit dd94887), \`mapping/splits.json\`, MIT — see LICENSE-dvhcvn-20250701.txt |

The names and codes are official facts (General Statistics Office; National Assembly resolutions).
The mapping was extracted from the resolutions with machine help by its authors; spot-check a row
before relying on it alone.

Format: codes are numbers, each stored as the difference from the previous code in its list;
\`types\` lists unit types and units store the index (full name = type + " " + name); a commune's
English name is stored only when it is not the name without diacritics. See the script for details.
Corrections made by the build:${corrections.length === 0 ? ' none' : `\n${corrections.map((c) => `\n- ${c}`).join('')}`}

Old communes without a new unit (to be completed from the resolutions): ${unmapped.length === 0 ? 'none' : unmapped.join(', ')}
`,
);
console.log(`total: ${(totalBytes / 1024).toFixed(1)} KiB; corrections:\n  ${corrections.join('\n  ')}`);
if (unmapped.length > 0) console.log(`old communes without a new unit: ${unmapped.join(', ')}`);
