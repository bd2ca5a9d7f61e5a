import os from 'node:os';

/**
 * libuv's thread pool runs argon2id (every sign-in), WebCrypto (the card credentials) and zlib. Its
 * default of 4 threads oversubscribes a 2-core machine: measured here, 167 async argon2
 * verifications/s with 4 threads against 201/s with 2, and sign-ins at 50 connections went from
 * 104/s to 124/s. One thread per core unless the operator sets UV_THREADPOOL_SIZE. Imported first by
 * the entry points: the pool starts at its first job, after this has run.
 */
process.env.UV_THREADPOOL_SIZE ??= String(Math.max(2, os.availableParallelism()));
