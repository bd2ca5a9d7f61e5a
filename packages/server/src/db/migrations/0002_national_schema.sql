-- National schema: catalogs (small reference tables) and person-scoped tables.
-- Rules (architecture.md "Data"): every person-scoped table carries the 10-digit bhxh_code, has
-- it first in its primary key, and foreign keys between person-scoped tables include it, so the
-- schema can be distributed by bhxh_code (Citus) with catalogs as reference tables. Identities
-- are BY DEFAULT so bulk loads (the data generator) can give ids; loaders move the sequences
-- past them afterwards. Codes of
-- administrative units refer to the domain package's data (2025 two-level units; pre-2025
-- three-level units for what was recorded before 2025-07-01); they are not foreign keys.

-- ---------------------------------------------------------------- catalogs

-- BHXH agencies: the national office, provincial offices and local (former district) offices.
CREATE TABLE bhxh_agencies (
  code            text PRIMARY KEY CHECK (code ~ '^[0-9A-Z]{2,8}$'),
  parent_code     text REFERENCES bhxh_agencies (code),
  level           text NOT NULL CHECK (level IN ('central', 'province', 'local')),
  name            text NOT NULL,
  address         text NOT NULL,
  province_code   char(2) NOT NULL,
  commune_code    char(5),
  phone           text,
  email           text,
  latitude        double precision CHECK (latitude BETWEEN -90 AND 90),
  longitude       double precision CHECK (longitude BETWEEN -180 AND 180),
  opening_hours   text
);
CREATE INDEX bhxh_agencies_place_idx ON bhxh_agencies (province_code, commune_code);
CREATE INDEX bhxh_agencies_parent_idx ON bhxh_agencies (parent_code);

-- Clinics (cơ sở KCB): 5-character code, 2-digit province + 3 alphanumerics.
CREATE TABLE clinics (
  code              char(5) PRIMARY KEY CHECK (code ~ '^[0-9]{2}[0-9A-Z]{3}$'),
  name              text NOT NULL,
  level             text NOT NULL CHECK (level IN ('central', 'province', 'district', 'commune')),
  address           text NOT NULL,
  province_code     char(2) NOT NULL,
  commune_code      char(5),
  phone             text,
  latitude          double precision CHECK (latitude BETWEEN -90 AND 90),
  longitude         double precision CHECK (longitude BETWEEN -180 AND 180),
  bhyt_contracted   boolean NOT NULL DEFAULT true,
  issues_sick_leave boolean NOT NULL DEFAULT false
);
CREATE INDEX clinics_place_idx ON clinics (province_code, commune_code, level);

-- Employer units (đơn vị): companies, agencies, schools.
CREATE TABLE employer_units (
  code                text PRIMARY KEY CHECK (code ~ '^[0-9A-Z]{6,10}$'),
  tax_code            text UNIQUE CHECK (tax_code ~ '^[0-9]{10}([0-9]{3})?$'),
  name                text NOT NULL,
  kind                text NOT NULL CHECK (kind IN ('enterprise', 'state_agency', 'school', 'cooperative', 'household_business', 'other')),
  address             text NOT NULL,
  province_code       char(2) NOT NULL,
  commune_code        char(5),
  representative_name text,
  phone               text,
  email               text,
  employee_count      integer NOT NULL DEFAULT 0 CHECK (employee_count >= 0),
  managing_agency     text NOT NULL REFERENCES bhxh_agencies (code)
);
CREATE INDEX employer_units_agency_idx ON employer_units (managing_agency);
CREATE INDEX employer_units_place_idx ON employer_units (province_code, commune_code);

-- Collection agents (đại lý thu) for voluntary BHXH and household BHYT.
CREATE TABLE collection_agents (
  code            text PRIMARY KEY,
  name            text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('post_office', 'commune_agent', 'bank', 'other')),
  address         text NOT NULL,
  province_code   char(2) NOT NULL,
  commune_code    char(5),
  phone           text,
  latitude        double precision CHECK (latitude BETWEEN -90 AND 90),
  longitude       double precision CHECK (longitude BETWEEN -180 AND 180),
  agency_code     text NOT NULL REFERENCES bhxh_agencies (code)
);
CREATE INDEX collection_agents_place_idx ON collection_agents (province_code, commune_code);

-- ---------------------------------------------------------------- the population registry
-- Stands in for the national population database (identity checks at registration). Reached
-- only through the population-registry adapter, never joined with BHXH data.
CREATE TABLE population_registry (
  cccd            char(12) PRIMARY KEY CHECK (cccd ~ '^[0-9]{12}$'),
  old_cmnd        text CHECK (old_cmnd ~ '^([0-9]{9}|[0-9]{12})$'),
  full_name       text NOT NULL,
  birth_date      date,
  birth_year      smallint NOT NULL,
  gender          text NOT NULL CHECK (gender IN ('male', 'female')),
  address         text NOT NULL
);

-- ---------------------------------------------------------------- person-scoped tables

CREATE TABLE persons (
  bhxh_code          char(10) PRIMARY KEY CHECK (bhxh_code ~ '^[0-9]{10}$'),
  full_name          text NOT NULL,
  -- The date of birth, or only its year when that is all that is known.
  birth_date         date,
  birth_year         smallint NOT NULL CHECK (birth_year BETWEEN 1900 AND 2100),
  gender             text NOT NULL CHECK (gender IN ('male', 'female')),
  cccd               char(12) UNIQUE CHECK (cccd ~ '^[0-9]{12}$'),
  old_cmnd           text CHECK (old_cmnd ~ '^([0-9]{9}|[0-9]{12})$'),
  phone              text CHECK (phone ~ '^0[0-9]{9}$'),
  email              text,
  -- Address: house and street, then either a 2025 unit or the pre-2025 units it was recorded with.
  address_line       text,
  province_code      char(2),
  commune_code       char(5),
  old_province_code  char(2),
  old_district_code  char(3),
  old_commune_code   char(5),
  -- A minor's guardian (parent), who may register and follow the child.
  guardian_bhxh_code char(10) REFERENCES persons (bhxh_code),
  created_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (birth_date IS NULL OR extract(year FROM birth_date) = birth_year)
);
CREATE INDEX persons_guardian_idx ON persons (guardian_bhxh_code) WHERE guardian_bhxh_code IS NOT NULL;
CREATE INDEX persons_phone_idx ON persons (phone) WHERE phone IS NOT NULL;
CREATE INDEX persons_old_cmnd_idx ON persons (old_cmnd) WHERE old_cmnd IS NOT NULL;

-- Health insurance cards over time: a person has one current card and earlier ones.
CREATE TABLE bhyt_cards (
  bhxh_code               char(10) NOT NULL REFERENCES persons (bhxh_code),
  id                      bigint GENERATED BY DEFAULT AS IDENTITY,
  card_number             text NOT NULL CHECK (card_number ~ '^([A-Z]{2}[1-5][0-9]{2})?[0-9]{10}$'),
  object_code             char(2) NOT NULL,
  benefit_level           smallint NOT NULL CHECK (benefit_level BETWEEN 1 AND 5),
  registered_clinic_code  char(5) NOT NULL REFERENCES clinics (code),
  valid_from              date NOT NULL,
  valid_to                date,
  five_year_date          date,
  issued_on               date NOT NULL,
  issuing_agency_code     text NOT NULL REFERENCES bhxh_agencies (code),
  status                  text NOT NULL CHECK (status IN ('active', 'replaced', 'revoked', 'suspended')),
  replaced_by_id          bigint,
  PRIMARY KEY (bhxh_code, id),
  FOREIGN KEY (bhxh_code, replaced_by_id) REFERENCES bhyt_cards (bhxh_code, id),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX bhyt_cards_person_idx ON bhyt_cards (bhxh_code, valid_from DESC);
CREATE INDEX bhyt_cards_number_idx ON bhyt_cards (card_number);

-- Participation: one row per continuous period of one scheme at one unit and salary.
CREATE TABLE participation_periods (
  bhxh_code        char(10) NOT NULL REFERENCES persons (bhxh_code),
  id               bigint GENERATED BY DEFAULT AS IDENTITY,
  scheme           text NOT NULL CHECK (scheme IN ('bhxh_compulsory', 'bhxh_voluntary', 'bhtn', 'bhtnld_bnn', 'bhyt')),
  from_month       date NOT NULL CHECK (extract(day FROM from_month) = 1),
  to_month         date NOT NULL CHECK (extract(day FROM to_month) = 1),
  unit_code        text REFERENCES employer_units (code),
  position         text,
  -- Salary (compulsory) or chosen income (voluntary) per month, VND.
  salary           bigint NOT NULL CHECK (salary >= 0),
  -- Rates in basis points of the salary (800 = 8 %).
  employee_rate_bp integer NOT NULL DEFAULT 0,
  employer_rate_bp integer NOT NULL DEFAULT 0,
  -- Amounts for the whole period, VND.
  employee_amount  bigint NOT NULL DEFAULT 0,
  employer_amount  bigint NOT NULL DEFAULT 0,
  state_support    bigint NOT NULL DEFAULT 0,
  status           text NOT NULL CHECK (status IN ('paid', 'owed')),
  PRIMARY KEY (bhxh_code, id),
  CHECK (to_month >= from_month)
);
CREATE INDEX participation_person_idx ON participation_periods (bhxh_code, scheme, from_month);
CREATE INDEX participation_owed_unit_idx ON participation_periods (unit_code) WHERE status = 'owed';

-- Benefits received.
CREATE TABLE benefit_payments (
  bhxh_code        char(10) NOT NULL REFERENCES persons (bhxh_code),
  id               bigint GENERATED BY DEFAULT AS IDENTITY,
  kind             text NOT NULL CHECK (kind IN ('one_time', 'sickness', 'maternity', 'pension', 'unemployment', 'tnld_bnn')),
  period_from      date NOT NULL,
  period_to        date NOT NULL,
  amount           bigint NOT NULL CHECK (amount >= 0),
  decision_number  text NOT NULL,
  paid_on          date,
  PRIMARY KEY (bhxh_code, id),
  CHECK (period_to >= period_from)
);
CREATE INDEX benefit_payments_person_idx ON benefit_payments (bhxh_code, period_from DESC);

-- Medical visits: the XML1 summary a clinic sends (QĐ 130/QĐ-BYT, amended by QĐ 4750/QĐ-BYT).
CREATE TABLE medical_visits (
  bhxh_code        char(10) NOT NULL REFERENCES persons (bhxh_code),
  ma_lk            text NOT NULL,                  -- MA_LK: visit id, unique per clinic
  clinic_code      char(5) NOT NULL REFERENCES clinics (code),  -- MA_CSKCB
  card_number      text NOT NULL,                  -- MA_THE_BHYT
  registered_clinic_code char(5),                  -- MA_DKBD
  visit_kind       text NOT NULL CHECK (visit_kind IN ('01', '02', '03', '04', '05', '06', '07', '08', '09')), -- MA_LOAI_KCB
  route            smallint NOT NULL CHECK (route IN (1, 2, 3)), -- LY_DO_VV: 1 correct route, 2 emergency, 3 outside route
  admitted_at      timestamp NOT NULL,             -- NGAY_VAO
  discharged_at    timestamp NOT NULL,             -- NGAY_RA
  treatment_days   integer NOT NULL CHECK (treatment_days >= 0), -- SO_NGAY_DTRI
  diagnosis_in     text,                           -- CHAN_DOAN_VAO
  diagnosis_out    text,                           -- CHAN_DOAN_RV
  icd10_main       text NOT NULL,                  -- MA_BENH_CHINH
  icd10_other      text,                           -- MA_BENH_KT
  outcome          smallint,                       -- KET_QUA_DTRI
  total_cost       bigint NOT NULL CHECK (total_cost >= 0),   -- T_TONGCHI_BV
  covered_cost     bigint NOT NULL CHECK (covered_cost >= 0), -- T_TONGCHI_BH
  co_payment       bigint NOT NULL CHECK (co_payment >= 0),   -- T_BNCCT
  fund_paid        bigint NOT NULL CHECK (fund_paid >= 0),    -- T_BHTT = T_TONGCHI_BH - T_BNCCT
  five_year_date   date,                           -- NAM_NAM_LIEN_TUC
  PRIMARY KEY (bhxh_code, ma_lk),
  CHECK (discharged_at >= admitted_at),
  CHECK (fund_paid = covered_cost - co_payment)
);
CREATE INDEX medical_visits_person_idx ON medical_visits (bhxh_code, admitted_at DESC);

-- Documents of a visit (Circular 56/2017/TT-BYT; XML7, 9, 10, 11, 13, 14).
CREATE TABLE visit_documents (
  bhxh_code        char(10) NOT NULL,
  ma_lk            text NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('discharge', 'birth_certificate', 'pregnancy_rest', 'sick_leave', 'referral', 'revisit')),
  number           text NOT NULL,
  issued_on        date NOT NULL,
  content          jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (bhxh_code, ma_lk, kind),
  FOREIGN KEY (bhxh_code, ma_lk) REFERENCES medical_visits (bhxh_code, ma_lk)
);
