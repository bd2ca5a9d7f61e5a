/**
 * Password hashing parameters: argon2id with OWASP's minimum recommendation (2023): 19 MiB of
 * memory, 2 passes, 1 lane. Shared by sign-in and by the benchmark that measures the raw rate,
 * so both use the production cost.
 */
export const PASSWORD_HASH_OPTIONS = {
  /** Argon2id in @node-rs/argon2's `Algorithm` enum. */
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;
