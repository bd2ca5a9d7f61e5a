/**
 * The look-ups' proof-of-work challenge (self-hosted, no third-party CAPTCHA): the server issues a
 * random `salt` and a difficulty of `bits`; the client finds a `nonce` (a decimal number) such
 * that SHA-256 of the ASCII text `salt + nonce` starts with `bits` zero bits. Finding one takes
 * 2^bits hashes on average; checking it takes one. The server checks with node:crypto; this
 * file gives the same hash in plain TypeScript for browsers (a Web Worker hashes about a million
 * short messages a second on a laptop, a few hundred thousand on a cheap phone: `crypto.subtle`
 * is asynchronous per call and much slower for millions of tiny inputs).
 */

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);
const H0 = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

/** One SHA-256 compression of the 16 words at `w[0..15]` (w has 64 slots) into state `h`. */
function compress(h: Uint32Array, w: Uint32Array): void {
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15] ?? 0;
    const b = w[i - 2] ?? 0;
    const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3);
    const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10);
    w[i] = ((w[i - 16] ?? 0) + s0 + (w[i - 7] ?? 0) + s1) | 0;
  }
  let a = h[0] ?? 0;
  let b = h[1] ?? 0;
  let c = h[2] ?? 0;
  let d = h[3] ?? 0;
  let e = h[4] ?? 0;
  let f = h[5] ?? 0;
  let g = h[6] ?? 0;
  let hh = h[7] ?? 0;
  for (let i = 0; i < 64; i++) {
    const S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
    const ch = (e & f) ^ (~e & g);
    const t1 = (hh + S1 + ch + (K[i] ?? 0) + (w[i] ?? 0)) | 0;
    const S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (S0 + maj) | 0;
    hh = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  h[0] = ((h[0] ?? 0) + a) | 0;
  h[1] = ((h[1] ?? 0) + b) | 0;
  h[2] = ((h[2] ?? 0) + c) | 0;
  h[3] = ((h[3] ?? 0) + d) | 0;
  h[4] = ((h[4] ?? 0) + e) | 0;
  h[5] = ((h[5] ?? 0) + f) | 0;
  h[6] = ((h[6] ?? 0) + g) | 0;
  h[7] = ((h[7] ?? 0) + hh) | 0;
}

/** SHA-256 (FIPS 180-4) of bytes. */
export function sha256(bytes: Uint8Array): Uint8Array {
  const blocks = Math.ceil((bytes.length + 9) / 64);
  const padded = new Uint8Array(blocks * 64);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const bitLength = bytes.length * 8;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bitLength / 2 ** 32));
  view.setUint32(padded.length - 4, bitLength >>> 0);
  const h = new Uint32Array(H0);
  const w = new Uint32Array(64);
  for (let block = 0; block < blocks; block++) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(block * 64 + i * 4);
    compress(h, w);
  }
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) outView.setUint32(i * 4, h[i] ?? 0);
  return out;
}

/** How many zero bits the digest starts with. */
export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** The text that is hashed: the salt, then the nonce in decimal. */
export function proofText(salt: string, nonce: number | string): string {
  return `${salt}${nonce}`;
}

/** True when SHA-256(`salt` + `nonce`) starts with at least `bits` zero bits. */
export function checkProofOfWork(salt: string, nonce: number | string, bits: number): boolean {
  return leadingZeroBits(sha256(new TextEncoder().encode(proofText(salt, nonce)))) >= bits;
}

export const MAX_POW_BITS = 32;

/**
 * Finds the smallest nonce ≥ `start` whose proof has `bits` leading zero bits, trying at most
 * `tries` nonces (to work in slices and stay responsive); undefined when none is found among
 * them. The salt must be ASCII and short (the proof text fits one 55-byte block: salt of at most
 * 39 characters with nonces below 10^16), which the server's salts are (32 hexadecimal digits).
 */
export function solveProofOfWork(
  salt: string,
  bits: number,
  start = 0,
  tries = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (!/^[\x20-\x7e]{0,39}$/.test(salt)) throw new Error('the salt must be short ASCII text');
  if (!Number.isInteger(bits) || bits < 0 || bits > MAX_POW_BITS) throw new Error('bits must be 0..32');
  const block = new Uint8Array(64);
  for (let i = 0; i < salt.length; i++) block[i] = salt.charCodeAt(i);
  const view = new DataView(block.buffer);
  const w = new Uint32Array(64);
  const h = new Uint32Array(8);
  // Mask of the first word that must be zero (bits ≤ 32: the first word is enough).
  const mask = bits === 0 ? 0 : bits === 32 ? 0xffffffff : ~(0xffffffff >>> bits) >>> 0;
  const end = Math.min(start + tries, 1e16);
  for (let nonce = start; nonce < end; nonce++) {
    const digits = String(nonce);
    let p = salt.length;
    for (let i = 0; i < digits.length; i++) block[p++] = digits.charCodeAt(i);
    block[p] = 0x80;
    block.fill(0, p + 1, 56);
    view.setUint32(56, 0);
    view.setUint32(60, p * 8);
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(i * 4);
    h.set(H0);
    compress(h, w);
    if (((h[0] ?? 0) & mask) >>> 0 === 0) return nonce;
  }
  return undefined;
}
