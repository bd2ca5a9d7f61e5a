import { cccdGenderCenturyDigit, findCommunePre2025, type Province2025 } from '@vssid/domain';
import { benefitHistory } from './history/benefits';
import { AS_OF, AS_OF_YEAR, iso, yearsOn } from './history/calendar';
import { cardHistory } from './history/cards';
import { requestHistory } from './history/requests';
import { type Context, makeContext, type Member, type PersonPlan } from './history/context';
import { visitHistory } from './history/visits';
import { workingLife } from './history/work';
import { familyNameOf, fullName, type Gender } from './names';
import { pad, permute } from './permute';
import { places, streetLine } from './places';
import { Random } from './random';
import type { Catalogs, PersonBundle } from './rows';

/**
 * People, household by household: who they are (names, identity numbers, addresses). Their
 * histories (work and contributions, cards, visits, benefits) are generated in history/.
 */

export { AS_OF } from './history/calendar';
/** CCCD serials are 6 digits: unique numbers are guaranteed up to this many persons per run. */
export const MAX_PERSONS = 1_000_000;

const MOBILE_PREFIXES = [
  '032',
  '033',
  '034',
  '035',
  '036',
  '037',
  '038',
  '039',
  '070',
  '076',
  '077',
  '078',
  '079',
  '081',
  '082',
  '083',
  '084',
  '085',
  '086',
  '088',
  '089',
  '090',
  '091',
  '093',
  '094',
  '096',
  '097',
  '098',
];

/** Age weights in 5-year bands from 0–4 to 90–94 (shape of Vietnam's 2019 census pyramid). */
const AGE_BANDS = [
  7.6, 8.0, 7.4, 6.7, 7.1, 8.2, 8.3, 8.0, 7.6, 7.0, 6.3, 5.6, 4.6, 3.4, 2.3, 1.5, 1.1, 0.7, 0.4,
];

/**
 * Generates people household by household: the same seed and count always give the same people
 * in the same order. Each household is generated from its own random stream, so the output does
 * not depend on how a consumer batches it.
 */
export function* generatePeople(seed: string, persons: number, catalogs: Catalogs): Generator<PersonBundle> {
  if (persons > MAX_PERSONS)
    throw new Error(`at most ${MAX_PERSONS} persons per run (CCCD serials are 6 digits)`);
  const ctx = makeContext(catalogs);
  let seq = 0;
  for (let household = 0; seq < persons; household++) {
    const r = new Random(`${seed}:household:${household}`);
    for (const bundle of generateHousehold(r, ctx, () => seq++, persons - seq)) yield bundle;
  }
}

const AGE_BAND_WEIGHTS = AGE_BANDS.map((w, i) => [i, w] as const);

function sampleAge(r: Random, min: number, max: number): number {
  for (;;) {
    const band = r.weighted(AGE_BAND_WEIGHTS);
    const age = band * 5 + r.int(0, 4);
    if (age >= min && age <= max) return age;
  }
}

function birthDate(r: Random, age: number): string {
  const year = AS_OF_YEAR - age - (r.chance(0.83) ? 0 : 1);
  const month = r.int(1, 12);
  return iso(year, month, r.int(1, new Date(Date.UTC(year, month, 0)).getUTCDate()));
}

function* generateHousehold(
  r: Random,
  ctx: Context,
  nextSeq: () => number,
  room: number,
): Generator<PersonBundle> {
  const { provinceWeights, communesOf, oldCommunesOf } = places();
  const province: Province2025 = r.weighted(provinceWeights);
  const commune = r.pick(communesOf(province.code));
  const olds = oldCommunesOf(commune.code);
  const oldCommune = olds.length ? findCommunePre2025(r.pick(olds)) : undefined;
  const street = streetLine(r, commune);

  const headAge = sampleAge(r, 18, 94);
  const headGender: Gender = r.chance(0.5) ? 'male' : 'female';
  const members: Member[] = [];
  const add = (gender: Gender, age: number, family?: string) => {
    const birth = birthDate(r, age);
    const yearOnly = age >= 70 && r.chance(0.04);
    members.push({ seq: nextSeq(), gender, birth, yearOnly, name: fullName(r, gender, family) });
  };
  add(headGender, headAge);
  if (room > 1 && headAge >= 22 && r.chance(0.7))
    add(headGender === 'male' ? 'female' : 'male', Math.max(18, Math.min(94, headAge + r.int(-6, 4))));
  const father = members.find((m) => m.gender === 'male');
  const mother = members.find((m) => m.gender === 'female');
  const youngestParentAge = Math.min(...members.map((p) => yearsOn(p.birth, AS_OF)));
  if (youngestParentAge >= 21 && headAge <= 58) {
    const children = r.weighted([
      [0, 28],
      [1, 30],
      [2, 32],
      [3, 10],
    ] as const);
    for (let i = 0; i < children && members.length < room; i++) {
      // Parents are at least 20 years older than their children (birth years, not just ages).
      add(
        r.chance(0.51) ? 'male' : 'female',
        r.int(0, Math.min(17, youngestParentAge - 21)),
        familyNameOf((father ?? members[0])?.name ?? 'Nguyễn'),
      );
    }
  }
  const guardian = mother ?? father ?? members[0];

  for (const m of members) {
    const age = yearsOn(m.birth, AS_OF);
    const isChild = age < 18;
    const pr = r.fork(m.seq);
    yield generatePerson(pr, ctx, {
      member: m,
      age,
      province,
      communeCode: commune.code,
      oldCommune,
      street,
      guardianSeq: isChild && guardian && guardian !== m ? guardian.seq : null,
    });
  }
}

/** The 10-digit BHXH code of a person: the issuing province, then 8 digits spread over the range. */
export function bhxhCodeOf(seq: number, provinceCode: string): string {
  return `${provinceCode}${pad(permute(seq, 8, 7_777), 8)}`;
}

function generatePerson(r: Random, ctx: Context, plan: PersonPlan): PersonBundle {
  const { member: m, age, province } = plan;
  const oldProvinceCode = plan.oldCommune?.provinceCode ?? province.code;
  const bhxhCode = bhxhCodeOf(m.seq, oldProvinceCode);
  const birthYear = Number(m.birth.slice(0, 4));
  const hasCccd = age >= 14 ? r.chance(0.97) : r.chance(0.3);
  const cccd = hasCccd
    ? `0${oldProvinceCode}${cccdGenderCenturyDigit(m.gender, birthYear)}${m.birth.slice(2, 4)}${pad(permute(m.seq % MAX_PERSONS, 6, 4_242), 6)}`
    : null;
  const oldCmnd = age >= 14 && birthYear < 2006 && r.chance(0.6) ? pad(permute(m.seq, 9, 99_991), 9) : null;
  const phone =
    age >= 16 && r.chance(0.92)
      ? `${MOBILE_PREFIXES[m.seq % MOBILE_PREFIXES.length] ?? '090'}${pad(permute(Math.floor(m.seq / MOBILE_PREFIXES.length), 7, 313), 7)}`
      : null;
  const ascii = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase();
  const parts = m.name.split(' ');
  const email =
    phone && r.chance(0.35)
      ? `${ascii(parts[parts.length - 1] ?? 'ban')}.${ascii(parts[0] ?? 'vn')}${m.seq % 1000}@vssid-demo.example`
      : null;
  // Most addresses were recorded before the 2025 reform, with the three old levels.
  const recordedBeforeReform = plan.oldCommune !== undefined && r.chance(0.85);
  const provinceFullName = province.fullName;
  const person = {
    bhxh_code: bhxhCode,
    full_name: m.name,
    birth_date: m.yearOnly ? null : m.birth,
    birth_year: birthYear,
    gender: m.gender,
    cccd,
    old_cmnd: oldCmnd,
    phone,
    email,
    address_line: plan.street,
    province_code: province.code,
    commune_code: plan.communeCode,
    old_province_code: recordedBeforeReform ? (plan.oldCommune?.provinceCode ?? null) : null,
    old_district_code: recordedBeforeReform ? (plan.oldCommune?.districtCode ?? null) : null,
    old_commune_code: recordedBeforeReform ? (plan.oldCommune?.code ?? null) : null,
    guardian_bhxh_code: plan.guardianSeq === null ? null : bhxhCodeOf(plan.guardianSeq, oldProvinceCode),
  } satisfies PersonBundle['person'];

  // The population registry knows everyone with a CCCD; about 1 % of records differ a little
  // (spelling, a missing tone mark), as real registries do.
  const registry =
    cccd === null
      ? null
      : {
          cccd,
          old_cmnd: oldCmnd,
          full_name: r.chance(0.01)
            ? m.name
                .normalize('NFD')
                .replace(/\u0300/g, '')
                .normalize('NFC')
            : m.name,
          birth_date: person.birth_date,
          birth_year: birthYear,
          gender: m.gender,
          address: `${plan.street}, ${provinceAddress(plan, provinceFullName)}`,
        };

  const life = workingLife(r, ctx, plan, bhxhCode);
  const cards = cardHistory(r, ctx, plan, bhxhCode, life);
  const { visits, documents, sickDays, births } = visitHistory(r, ctx, plan, bhxhCode, cards, life);
  const benefits = benefitHistory(r, plan, bhxhCode, life, sickDays, births);
  // Its own stream, so adding requests left every other history of the dataset as it was.
  const { requests, actions } = requestHistory(r.fork('requests'), person, m.seq, cards);
  return {
    person,
    registry,
    cards,
    periods: life.periods,
    benefits,
    visits,
    documents,
    requests,
    requestActions: actions,
  };
}

function provinceAddress(plan: PersonPlan, provinceFullName: string): string {
  const commune = places()
    .communesOf(plan.province.code)
    .find((c) => c.code === plan.communeCode);
  return `${commune?.fullName ?? ''}, ${provinceFullName}`;
}
