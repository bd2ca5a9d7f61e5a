import * as z from 'zod/mini';
import { PASSWORD_MAX_LENGTH } from '../password-policy';
import { ChallengeProblemSchema, defineContract, NoContent, problems, proofFields, ROLES } from './contract';

/**
 * Signing in and the session (issue "Sign-in"), under `/api/v1/auth`: password and OTP, passkeys
 * (WebAuthn), VNeID, the session's devices and history, passwords. `web` clients (the default)
 * get the session in HttpOnly cookies; `app` clients get the tokens in the answer.
 */

const d = z.describe;

const Username = z
  .string()
  .check(z.trim(), z.minLength(1), z.maxLength(64), d('BHXH code (insured people) or staff user name'));
const Password = z.string().check(z.minLength(1), z.maxLength(PASSWORD_MAX_LENGTH));
const OtpCode = z.string().check(z.regex(/^\d{6}$/, 'six digits'));
const ChallengeId = z.uuid();
/** `web` (default): the session is put in HttpOnly cookies. `app`: tokens in the answer, for apps and other systems. */
const Client = z._default(z.enum(['web', 'app']), 'web');

export const SessionTokensSchema = z
  .object({ accessToken: z.string(), refreshToken: z.string(), expiresIn: z.int() })
  .check(z.meta({ id: 'SessionTokens' }));
export type SessionTokens = z.infer<typeof SessionTokensSchema>;

export const AccountSchema = z.object({
  id: z.string(),
  role: z.enum(ROLES),
  username: z.string(),
  displayName: z.string(),
  bhxhCode: z.nullable(z.string()),
  agencyCode: z.nullable(z.string()),
  unitCode: z.nullable(z.string()),
  clinicCode: z.nullable(z.string()),
  phoneMasked: z.nullable(z.string()),
  emailMasked: z.nullable(z.string()),
});
export type Account = z.infer<typeof AccountSchema>;

export const SessionSchema = z
  .object({
    account: AccountSchema,
    mustChangePassword: z.boolean(),
    passwordReminder: z.boolean().check(d('The password is over 180 days old')),
    device: z.object({ id: z.string(), label: z.string(), current: z.literal(true) }),
    signedInAt: z.string(),
  })
  .check(z.meta({ id: 'Session' }));
export type Session = z.infer<typeof SessionSchema>;

export const SignedInSchema = z
  .object({
    status: z.literal('signed_in'),
    session: SessionSchema,
    replacedDevice: z.boolean().check(d("Another device's session ended because this one signed in")),
    tokens: z.optional(SessionTokensSchema).check(d('Only for client=app')),
  })
  .check(z.meta({ id: 'SignedIn' }));
export type SignedIn = z.infer<typeof SignedInSchema>;

const otpSentFields = {
  challengeId: z.string(),
  destination: z.nullable(z.string()).check(d('Masked phone or email; null for password reset')),
  expiresAt: z.string(),
  resendAt: z.string(),
};
export const OtpSentSchema = z.object(otpSentFields).check(z.meta({ id: 'OtpSent' }));
export type OtpSent = z.infer<typeof OtpSentSchema>;

/** OtpSent's fields and why a code is needed (not `z.extend`, which would carry OtpSent's OpenAPI id over). */
export const OtpRequiredSchema = z
  .object({
    ...otpSentFields,
    status: z.literal('otp_required'),
    reason: z.enum(['new_device', 'staff_second_factor']),
  })
  .check(z.meta({ id: 'OtpRequired' }));
export type OtpRequired = z.infer<typeof OtpRequiredSchema>;

export const SignInResultSchema = z.union([SignedInSchema, OtpRequiredSchema]);
export type SignInResult = z.infer<typeof SignInResultSchema>;

export const signIn = defineContract({
  method: 'POST',
  path: '/api/v1/auth/sign-in',
  access: 'public',
  scope: 'none',
  tags: ['auth'],
  summary: 'Sign in with user name (BHXH code) and password',
  description:
    'On a device the account has not used (citizens) and for every staff sign-in, answers `otp_required` and sends an OTP. Unknown names and wrong passwords answer the same 401. After failures, 428 `challenge_required` asks for a proof of work (growing with them) and a hard cap per hour answers 429; a device that signed in to the account before is not slowed by others\' failures (README "Sign-in protection").',
  body: z.object({ username: Username, password: Password, client: Client, ...proofFields }),
  responses: {
    200: SignInResultSchema,
    ...problems(400, 401, 403, 429),
    428: ChallengeProblemSchema,
  },
});

export const completeSignIn = defineContract({
  method: 'POST',
  path: '/api/v1/auth/sign-in/otp',
  access: 'public',
  scope: 'none',
  tags: ['auth'],
  summary: 'Finish signing in with the OTP sent to the registered phone',
  body: z.object({ challengeId: ChallengeId, code: OtpCode, client: Client }),
  responses: { 200: SignedInSchema, ...problems(400, 401, 403, 410, 429) },
});

export const resendOtp = defineContract({
  method: 'POST',
  path: '/api/v1/auth/otp/resend',
  access: 'public',
  scope: 'none',
  tags: ['auth'],
  summary: 'Send a new code for a live OTP challenge (after the cooldown)',
  body: z.object({ challengeId: ChallengeId }),
  responses: { 200: OtpSentSchema, ...problems(400, 401, 403, 410, 429) },
});

export const refreshSession = defineContract({
  method: 'POST',
  path: '/api/v1/auth/refresh',
  access: 'public',
  scope: 'none',
  tags: ['auth'],
  summary: 'Rotate the refresh token and get a new access token',
  description:
    'The web app sends nothing (the refresh cookie); apps send `refreshToken`. A refresh token presented twice ends its session.',
  body: z._default(
    z.object({ refreshToken: z.optional(z.string().check(z.minLength(20), z.maxLength(200))) }),
    {},
  ),
  responses: { 200: SessionTokensSchema, 204: NoContent, ...problems(400, 401, 403, 429) },
});

export const readSession = defineContract({
  method: 'GET',
  path: '/api/v1/auth/session',
  access: 'session',
  scope: 'self',
  tags: ['auth'],
  summary: 'The signed-in account and this session',
  responses: { 200: SessionSchema, ...problems(400, 401, 403, 429) },
});

export const signOut = defineContract({
  method: 'POST',
  path: '/api/v1/auth/sign-out',
  access: 'session',
  scope: 'self',
  tags: ['auth'],
  summary: 'End this session',
  responses: { 204: NoContent, ...problems(400, 401, 403, 429) },
});

export const signOutEverywhere = defineContract({
  method: 'POST',
  path: '/api/v1/auth/sign-out-everywhere',
  access: 'session',
  scope: 'self',
  tags: ['auth'],
  summary: 'End every session of the account',
  responses: { 204: NoContent, ...problems(400, 401, 403, 429) },
});

export const DeviceSchema = z.object({
  id: z.string(),
  label: z.string(),
  lastSeenAt: z.string(),
  current: z.boolean(),
  trusted: z.boolean(),
});
export type Device = z.infer<typeof DeviceSchema>;

export const listDevices = defineContract({
  method: 'GET',
  path: '/api/v1/auth/devices',
  access: 'session',
  scope: 'self',
  tags: ['auth'],
  summary: 'Devices the account signed in on',
  responses: { 200: z.object({ devices: z.array(DeviceSchema) }), ...problems(400, 401, 403, 429) },
});

export const SignInEventSchema = z.object({
  at: z.string(),
  outcome: z.enum(['success', 'failure', 'locked', 'otp_failed']),
  method: z.enum(['password', 'otp', 'passkey', 'vneid']),
  ip: z.nullable(z.string()),
  deviceLabel: z.nullable(z.string()),
});
export type SignInEvent = z.infer<typeof SignInEventSchema>;

export const listSignIns = defineContract({
  method: 'GET',
  path: '/api/v1/auth/sign-ins',
  access: 'session',
  scope: 'self',
  tags: ['auth'],
  summary: 'Sign-in history of the account, newest first',
  query: z.object({
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20),
  }),
  responses: { 200: z.object({ events: z.array(SignInEventSchema) }), ...problems(400, 401, 403, 429) },
});

export const setInitialPassword = defineContract({
  method: 'POST',
  path: '/api/v1/auth/password/initial',
  access: 'session',
  scope: 'self',
  tags: ['auth'],
  summary: 'Replace an issued password at the first sign-in',
  body: z.object({ newPassword: Password, client: Client }),
  responses: { 200: SignedInSchema, ...problems(400, 401, 403, 409, 429) },
});

export const startPasswordChange = defineContract({
  method: 'POST',
  path: '/api/v1/auth/password/change/start',
  access: { roles: [] },
  scope: 'self',
  tags: ['auth'],
  summary: 'Change password, step 1: the current password (an OTP is sent)',
  body: z.object({ currentPassword: Password }),
  responses: { 200: OtpSentSchema, ...problems(400, 401, 403, 409, 429) },
});

export const changePassword = defineContract({
  method: 'POST',
  path: '/api/v1/auth/password/change',
  access: { roles: [] },
  scope: 'self',
  tags: ['auth'],
  summary: 'Change password, step 2: OTP and the new password (other sessions end)',
  body: z.object({ challengeId: ChallengeId, code: OtpCode, newPassword: Password }),
  responses: { 204: NoContent, ...problems(400, 401, 403, 410, 429) },
});

export const startPasswordReset = defineContract({
  method: 'POST',
  path: '/api/v1/auth/password/reset/start',
  access: 'public',
  scope: 'none',
  tags: ['auth'],
  summary: 'Forgotten password, step 1: an OTP to the registered phone or email',
  description:
    'Answers the same whether or not the account exists. Past two requests for a user name in an hour, each needs a proof of work (428 `challenge_required`).',
  body: z.object({
    username: Username,
    channel: z._default(z.enum(['sms', 'email']), 'sms'),
    ...proofFields,
  }),
  responses: { 202: OtpSentSchema, ...problems(400, 401, 403, 429), 428: ChallengeProblemSchema },
});

export const resetPassword = defineContract({
  method: 'POST',
  path: '/api/v1/auth/password/reset',
  access: 'public',
  scope: 'none',
  tags: ['auth'],
  summary: 'Forgotten password, step 2: OTP and a new password chosen by the person',
  body: z.object({ challengeId: ChallengeId, code: OtpCode, newPassword: Password }),
  responses: { 204: NoContent, ...problems(400, 401, 403, 410, 429) },
});

/* Passkeys (WebAuthn): the server's auth/passkey-service.ts has the rules. */

const B64Url = z.string().check(z.minLength(1), z.maxLength(8192), z.regex(/^[A-Za-z0-9_-]+$/, 'base64url'));
const Transports = z.optional(z.array(z.string().check(z.maxLength(20))).check(z.maxLength(10)));
const Attachment = z.optional(z.enum(['platform', 'cross-platform']));
const ClientExtensionResults = z._default(z.record(z.string(), z.unknown()), {});

/** `PublicKeyCredential.toJSON()` of `navigator.credentials.create()` (as @simplewebauthn/browser sends it). */
const RegistrationResponse = z.object({
  id: B64Url,
  rawId: B64Url,
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: B64Url,
    attestationObject: B64Url,
    authenticatorData: z.optional(B64Url),
    transports: Transports,
    publicKeyAlgorithm: z.optional(z.int()),
    publicKey: z.optional(B64Url),
  }),
  authenticatorAttachment: Attachment,
  clientExtensionResults: ClientExtensionResults,
});
/** `PublicKeyCredential.toJSON()` of `navigator.credentials.get()`: a sign-in, or a signed submission (employer `signature`). */
export const AuthenticationResponseSchema = z.object({
  id: B64Url,
  rawId: B64Url,
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: B64Url,
    authenticatorData: B64Url,
    signature: B64Url,
    userHandle: z.optional(B64Url),
  }),
  authenticatorAttachment: Attachment,
  clientExtensionResults: ClientExtensionResults,
});

const PasskeyOptions = z
  .looseObject({ challenge: z.string() })
  .check(d('PublicKeyCredential{Creation,Request}OptionsJSON for @simplewebauthn/browser'));
export const PasskeyChallengeSchema = z.object({ challengeId: z.string(), options: PasskeyOptions });
export type PasskeyChallenge = z.infer<typeof PasskeyChallengeSchema>;

export const PasskeySchema = z
  .object({ id: z.string(), name: z.string(), createdAt: z.string(), lastUsedAt: z.nullable(z.string()) })
  .check(z.meta({ id: 'Passkey' }));
export type Passkey = z.infer<typeof PasskeySchema>;

export const passkeyRegistrationOptions = defineContract({
  method: 'POST',
  path: '/api/v1/auth/passkeys/registration/options',
  access: { roles: [] },
  scope: 'self',
  tags: ['auth'],
  summary: 'Add a passkey, step 1: creation options and a challenge (5 minutes, single use)',
  responses: { 200: PasskeyChallengeSchema, ...problems(400, 401, 403, 409, 429) },
});

export const registerPasskey = defineContract({
  method: 'POST',
  path: '/api/v1/auth/passkeys/registration',
  access: { roles: [] },
  scope: 'self',
  tags: ['auth'],
  summary: "Add a passkey, step 2: the authenticator's answer (user verification required)",
  description:
    'Staff may only add device-bound passkeys (`passkey_staff_device_bound`): a synced one is not a second factor.',
  body: z.object({
    challengeId: ChallengeId,
    response: RegistrationResponse,
    name: z
      .optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(60)))
      .check(d('Default: the device label')),
  }),
  responses: { 201: PasskeySchema, ...problems(400, 401, 403, 409, 410, 429) },
});

export const listPasskeys = defineContract({
  method: 'GET',
  path: '/api/v1/auth/passkeys',
  access: { roles: [] },
  scope: 'self',
  tags: ['auth'],
  summary: "The account's passkeys",
  responses: { 200: z.object({ passkeys: z.array(PasskeySchema) }), ...problems(400, 401, 403, 429) },
});

export const removePasskey = defineContract({
  method: 'DELETE',
  path: '/api/v1/auth/passkeys/:id',
  access: { roles: [] },
  scope: 'self',
  tags: ['auth'],
  summary: 'Remove one of my passkeys',
  params: z.object({ id: B64Url.check(z.maxLength(1400)) }),
  responses: { 204: NoContent, ...problems(400, 401, 403, 404, 429) },
});

export const passkeyAuthenticationOptions = defineContract({
  method: 'POST',
  path: '/api/v1/auth/passkeys/authentication/options',
  access: 'public',
  scope: 'none',
  tags: ['auth'],
  summary: 'Sign in with a passkey, step 1: request options and a challenge',
  description:
    'Without `username` the authenticator offers its discoverable passkeys; an unknown user name answers the same way.',
  body: z._default(z.object({ username: z.optional(z.string().check(z.trim(), z.maxLength(64))) }), {}),
  responses: { 200: PasskeyChallengeSchema, ...problems(400, 401, 403, 429) },
});

export const authenticateWithPasskey = defineContract({
  method: 'POST',
  path: '/api/v1/auth/passkeys/authentication',
  access: 'public',
  scope: 'none',
  tags: ['auth'],
  summary: 'Sign in with a passkey, step 2: the signed challenge (no OTP needed)',
  description:
    "Citizens: this device becomes the account's current device and the other device's session ends.",
  body: z.object({ challengeId: ChallengeId, response: AuthenticationResponseSchema, client: Client }),
  responses: { 200: SignedInSchema, ...problems(400, 401, 403, 410, 429) },
});

/* "Đăng nhập bằng VNeID": OpenID Connect against the configured provider (the server's vneid module). */

/** Web app pages the VNeID callback sends the browser to when it cannot sign in. */
export const VNEID_PAGES = { noAccount: '/vneid/no-account', failed: '/vneid/failed' } as const;

export const vneidStatus = defineContract({
  method: 'GET',
  path: '/api/v1/auth/vneid',
  access: 'public',
  scope: 'none',
  tags: ['auth'],
  summary: 'Whether "Sign in with VNeID" is available here',
  responses: { 200: z.object({ enabled: z.boolean(), standIn: z.boolean() }) },
});

export const startVneidSignIn = defineContract({
  method: 'GET',
  path: '/api/v1/auth/vneid/start',
  access: 'public',
  scope: 'none',
  tags: ['auth'],
  summary: 'Sign in with VNeID: sends the browser to the provider (code flow, PKCE, state, nonce)',
  query: z.object({
    next: z.optional(z.string().check(z.maxLength(500))).check(d('Path in this app to come back to')),
  }),
  responses: { 302: { kind: 'redirect' }, ...problems(404, 429) },
});

export const finishVneidSignIn = defineContract({
  method: 'GET',
  path: '/api/v1/auth/vneid/callback',
  access: 'public',
  scope: 'none',
  tags: ['auth'],
  summary: 'Where VNeID sends the browser back: links the CCCD to the account and signs in',
  description: `Redirects into the app: to the \`next\` path when signed in, to ${VNEID_PAGES.noAccount} when no account has this CCCD, to ${VNEID_PAGES.failed}?reason= otherwise.`,
  query: z.object({
    code: z.optional(z.string().check(z.maxLength(2000))),
    state: z.optional(z.string().check(z.maxLength(500))),
    error: z.optional(z.string().check(z.maxLength(200))),
    error_description: z.optional(z.string().check(z.maxLength(1000))),
    iss: z.optional(z.string().check(z.maxLength(500))),
  }),
  responses: { 302: { kind: 'redirect' }, ...problems(404, 429) },
});
