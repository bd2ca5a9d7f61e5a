import os from 'node:os';

/**
 * libuv's thread pool runs argon2id (every sign-in and password change), ECDSA and DEFLATE (the
 * card credentials), zlib and file reads. argon2 jobs get at most one thread per core (see
 * `argon2Slots`, auth/argon2-slots.ts): more oversubscribes the cores (measured on 2 cores, 167
 * async verifications/s with 4 at once against 201/s with 2). The pool has two threads more, so
 * the short jobs never wait behind a queue of sign-ins. The operator may set UV_THREADPOOL_SIZE.
 * Imported first by the entry points: the pool starts at its first job, after this has run.
 */
process.env.UV_THREADPOOL_SIZE ??= String(Math.max(2, os.availableParallelism()) + 2);
