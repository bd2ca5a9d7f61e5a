import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { hashPassword } from './credentials';
import * as repo from './demo-repository';
import type { Role } from './guard';

/** The password of every demo account (`npm start` only; never in production data). */
export const DEMO_PASSWORD = 'VssID-Demo-2026';

interface DemoAccount {
  role: Role;
  username: string;
  displayName: string;
  bhxhCode?: string;
  agencyCode?: string;
  unitCode?: string;
  /** Employer users: the unit's admin (issue #27). */
  unitAdmin?: boolean;
  clinicCode?: string;
  phone: string | null;
}

/**
 * Demo sign-ins for a laptop (`npm start` with the demo nation): five insured people (a worker
 * with owed months, a retiree, a parent of a child, a holder of a household card to renew and an
 * adult outside compulsory BHXH who may register for voluntary BHXH, issue #26), an officer, an agency admin and a communications officer of
 * the Hà Nội agency, an officer of every other province's agency, a unit admin (and a school's, issue #27) and a clinic user. All share DEMO_PASSWORD and need no password change;
 * OTPs (a citizen's new device, every staff sign-in) are read in the development inbox. Accounts
 * that exist are left alone. Returns lines for the start banner.
 */
export async function ensureDemoAccounts(db: Kysely<Database>, publicUrl: string): Promise<string[]> {
  const worker = await repo.findDemoPerson(db, 'worker_with_owed_months');
  const retiree = await repo.findDemoPerson(db, 'retiree');
  const parent = await repo.findDemoPerson(db, 'parent');
  const household = await repo.findDemoPerson(db, 'household_card_holder');
  const voluntary = await repo.findDemoPerson(db, 'voluntary_candidate');
  const agency = await repo.findAgency(db, '01');
  // Issue #27: the unit where the demo worker works (with their account among people without one).
  const unit = await repo.findDemoUnit(db, { person: worker?.bhxh_code });
  const school = await repo.findDemoUnit(db, { school: true });
  const clinic = await repo.findFirstClinicOfProvince(db, '01');

  const accounts: (DemoAccount & { label: string })[] = [];
  for (const [label, p] of [
    ['insured, owed months', worker],
    ['retiree with pension', retiree],
    ['parent of a child', parent],
    ['household BHYT card to renew', household],
    ['may register for voluntary BHXH', voluntary],
  ] as const)
    if (p)
      accounts.push({
        label,
        role: 'citizen',
        username: p.bhxh_code,
        displayName: p.full_name,
        bhxhCode: p.bhxh_code,
        phone: p.phone,
      });
  if (agency) {
    accounts.push({
      label: `officer, ${agency.name}`,
      role: 'officer',
      username: 'canbo.hanoi',
      displayName: 'Nguyễn Văn Cán',
      agencyCode: agency.code,
      phone: '0900000001',
    });
    accounts.push({
      label: `agency admin, ${agency.name}`,
      role: 'agency_admin',
      username: 'quantri.hanoi',
      displayName: 'Trần Thị Quản',
      agencyCode: agency.code,
      phone: '0900000002',
    });
    // Issue 25: the communications role writes policy news (and the help centre).
    accounts.push({
      label: `communications, ${agency.name}`,
      role: 'communications',
      username: 'truyenthong.hanoi',
      displayName: 'Đỗ Thị Truyền',
      agencyCode: agency.code,
      phone: '0900000005',
    });
  }
  // Registration reaches an officer, always (issue 20): one officer for every other province's
  // office, whose queue covers its local offices, so every agency a citizen is offered has one.
  const provinces = await repo.findReceivingProvinceAgencies(db, '01');
  const provinceOfficers: DemoAccount[] = provinces.map((p) => ({
    role: 'officer',
    username: `canbo.${p.code}`,
    displayName: `Cán bộ tiếp nhận ${p.code}`,
    agencyCode: p.code,
    // Staff sign in with an OTP: a demo phone per province (read in the development inbox).
    phone: `09010000${p.code}`,
  }));
  if (unit)
    accounts.push({
      label: `unit admin, ${unit.name}`,
      role: 'employer',
      username: 'donvi.demo',
      displayName: 'Lê Văn Đơn',
      unitCode: unit.code,
      unitAdmin: true,
      phone: '0900000003',
    });
  if (school && school.code !== unit?.code)
    accounts.push({
      label: `school admin, ${school.name}`,
      role: 'employer',
      username: 'truonghoc.demo',
      displayName: 'Vũ Thị Trường',
      unitCode: school.code,
      unitAdmin: true,
      phone: '0900000006',
    });
  if (clinic)
    accounts.push({
      label: `clinic, ${clinic.name}`,
      role: 'clinic',
      username: 'kcb.demo',
      displayName: 'Phạm Thị Khám',
      clinicCode: clinic.code,
      phone: '0900000004',
    });
  if (!accounts.length && !provinceOfficers.length) return [];

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const a of [...accounts, ...provinceOfficers])
    await repo.insertAccountIfAbsent(db, {
      role: a.role,
      username: a.username,
      display_name: a.displayName,
      bhxh_code: a.bhxhCode ?? null,
      agency_code: a.agencyCode ?? null,
      unit_code: a.unitCode ?? null,
      unit_admin: a.unitAdmin ?? false,
      clinic_code: a.clinicCode ?? null,
      phone: a.phone,
      password_hash: passwordHash,
      must_change_password: false,
    });
  return [
    `Demo sign-ins (password ${DEMO_PASSWORD}; OTP codes at ${publicUrl}/dev-inbox):`,
    ...accounts.map((a) => `  ${a.label.slice(0, 44).padEnd(44)} ${a.username}`),
    ...(provinceOfficers.length
      ? [`  ${'officer of every other province'.padEnd(44)} canbo.<province code>, e.g. canbo.79`]
      : []),
  ];
}
