import * as z from 'zod/mini';
import { BhxhCode, IsoDate } from './common';
import { SUPPORT_GROUPS, VOLUNTARY_PAYMENT_MODES } from '../self-paid';
import { HOUSEHOLD_RELATIONS } from '../service-requests';

/**
 * The forms of the online public services (issue 23; the paid ones, issue #26): one shared schema
 * per service, which the web validates with and the server too. Re-exported by `./services`.
 */

const d = z.describe;
const Text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

// ---- The forms (one shared schema per service: the web validates with it, the server too) ----

/** Changed data on a card or book (TK1-TS fields): only what changes. */
export const ChangedDataSchema = z.object({
  fullName: z.optional(Text(100)),
  dateOfBirth: z.optional(IsoDate),
  gender: z.optional(z.enum(['male', 'female'])),
  addressLine: z.optional(Text(200)),
});

export const CardReissueFormSchema = z.object({
  type: z.literal('bhyt_card_reissue'),
  reason: z.enum(['lost', 'damaged']),
  changes: z.optional(ChangedDataSchema).check(d('Changed data (3 working days); none: the same day')),
});
export const BookReissueFormSchema = z.object({
  type: z.literal('bhxh_book_reissue'),
  reason: z.enum(['lost', 'damaged']),
  changes: z.optional(ChangedDataSchema),
  otherProvinces: z
    ._default(z.boolean(), false)
    .check(d('Periods in other provinces or at other employers must be checked (45 working days)')),
});
export const PaymentChangeFormSchema = z.object({
  type: z.literal('pension_payment_change'),
  method: z.enum(['cash_post_office', 'bank_account']),
  provinceCode: z.optional(z.string().check(z.regex(/^\d{2}$/))),
  communeCode: z.optional(z.string().check(z.regex(/^\d{5}$/))),
  bankName: z.optional(Text(100)),
  accountNumber: z.optional(z.string().check(z.regex(/^\d{6,20}$/))),
  accountHolder: z.optional(Text(100)).check(d('Must be the recipient: an account in their own name')),
});
export const ClinicChangeFormSchema = z.object({
  type: z.literal('initial_clinic_change'),
  clinicCode: z.string().check(z.regex(/^\d{5}$/)),
});

export const PhoneSchema = z.string().check(z.regex(/^0\d{9}$/));
const Phone = PhoneSchema;

/**
 * Adjust one's e-transaction information (Form 01): only what changes, at least one of them. A
 * new phone carries the code of the OTP sent to that new phone (`POST /api/v1/me/e-transactions/phone-otp`).
 */
export const EtxInfoFormSchema = z.object({
  type: z.literal('etx_info_change'),
  phone: z.optional(Phone),
  phoneOtp: z
    .optional(z.object({ challengeId: z.uuid(), code: z.string().check(z.regex(/^\d{6}$/)) }))
    .check(d('Required with a new phone: the code sent to it')),
  email: z.optional(z.email().check(z.maxLength(254))),
  addressLine: z.optional(Text(200)),
});
/** Stop using e-transactions (Form 01): sessions ended, passkeys removed, account closed, records kept. */
export const EtxStopFormSchema = z.object({
  type: z.literal('etx_stop'),
  reasonText: z.optional(Text(500)),
});

/**
 * Voluntary BHXH (602e, issue #26): register, or continue paying for an existing participant (the
 * server tells which from the person's history). The months paid for start with the current month,
 * or the month after the last one paid when that is later.
 */
export const VoluntaryFormSchema = z.object({
  type: z.literal('voluntary_si_register'),
  chosenIncome: z
    .int()
    .check(
      z.minimum(0),
      z.maximum(1_000_000_000),
      d('Monthly income to contribute on, VND (bounds: the quote)'),
    ),
  supportGroup: z
    .enum(SUPPORT_GROUPS)
    .check(d('State support group declared by the person (poor / near-poor household, ethnic minority)')),
  mode: z.enum(VOLUNTARY_PAYMENT_MODES),
  years: z.optional(z.int().check(z.minimum(2), z.maximum(10))).check(d('advance_years: how many years')),
});

/** One household member: a BHXH code or a BHYT card number, checked against the records. */
export const HouseholdMemberSchema = z.object({
  bhxhCode: z.optional(BhxhCode),
  cardNumber: z.optional(
    z
      .string()
      .check(
        z.regex(/^([A-Z]{2}\d{13}|\d{10})$/),
        d('BHYT card number: 15 characters, or the 10 digits of a card since 2021'),
      ),
  ),
  fullName: Text(100),
  dateOfBirth: IsoDate,
  relation: z.enum(HOUSEHOLD_RELATIONS),
});

/** Household BHYT (issue #26): buy or renew for the members, for 3, 6 or 12 months. */
export const HouseholdFormSchema = z.object({
  type: z.literal('household_hi'),
  months: z.int().check(z.minimum(1), z.maximum(12), d('3, 6 or 12')),
  members: z.array(HouseholdMemberSchema).check(z.minLength(1), z.maxLength(20)),
});

export const ServiceFormSchema = z.discriminatedUnion('type', [
  CardReissueFormSchema,
  BookReissueFormSchema,
  PaymentChangeFormSchema,
  ClinicChangeFormSchema,
  EtxInfoFormSchema,
  EtxStopFormSchema,
  VoluntaryFormSchema,
  HouseholdFormSchema,
]);
export type ServiceForm = z.infer<typeof ServiceFormSchema>;
