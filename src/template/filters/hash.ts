import * as crypto from 'node:crypto';
import { createHash, randomBytes } from 'node:crypto';
import type { FilterFn } from '../eval/context.js';
import { pyStr } from '../py/repr.js';

// hash/checksum/md5/sha1, and password_hash producing crypt(3) SHA-512/SHA-256 strings
// (Drepper's "Unix crypt using SHA-256 and SHA-512"), byte-identical to Python's crypt/passlib.

const ITOA64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ORDER512 = [[0, 21, 42], [22, 43, 1], [44, 2, 23], [3, 24, 45], [25, 46, 4], [47, 5, 26], [6, 27, 48], [28, 49, 7], [50, 8, 29], [9, 30, 51], [31, 52, 10], [53, 11, 32], [12, 33, 54], [34, 55, 13], [56, 14, 35], [15, 36, 57], [37, 58, 16], [59, 17, 38], [18, 39, 60], [40, 61, 19], [62, 20, 41]];
const ORDER256 = [[0, 10, 20], [21, 1, 11], [12, 22, 2], [3, 13, 23], [24, 4, 14], [15, 25, 5], [6, 16, 26], [27, 7, 17], [18, 28, 8], [9, 19, 29]];

function b64From24(b2: number, b1: number, b0: number, n: number): string {
  let w = (b2 << 16) | (b1 << 8) | b0;
  let out = '';
  for (let i = 0; i < n; i++) {
    out += ITOA64[w & 0x3f];
    w >>= 6;
  }
  return out;
}

function repeatTo(block: Buffer, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = block[i % block.length] ?? 0;
  return out;
}

export function shaCrypt(password: string, salt: string, rounds: number | undefined, bits: 256 | 512): string {
  const algo = bits === 512 ? 'sha512' : 'sha256';
  const p = Buffer.from(password, 'utf8');
  const s = Buffer.from(salt.slice(0, 16), 'utf8');
  const r = rounds === undefined ? 5000 : Math.min(999999999, Math.max(1000, rounds));
  const digest = (...parts: Buffer[]): Buffer => oneShot(algo, parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts));
  const b = digest(p, s, p);
  const a = createHash(algo).update(p).update(s).update(repeatTo(b, p.length));
  for (let len = p.length; len > 0; len >>= 1) a.update(len & 1 ? b : p);
  let c: Buffer = a.digest();
  const pPrime = repeatTo(digest(...Array.from({ length: p.length }, () => p)), p.length);
  const sPrime = repeatTo(digest(...Array.from({ length: 16 + (c[0] ?? 0) }, () => s)), s.length);
  // The hot loop: one-shot hashing of a reused buffer is several times faster than createHash.
  const buf = Buffer.alloc(bits / 8 + sPrime.length + 2 * pPrime.length);
  for (let i = 0; i < r; i++) {
    let at = (i & 1 ? pPrime : c).copy(buf, 0);
    if (i % 3) at += sPrime.copy(buf, at);
    if (i % 7) at += pPrime.copy(buf, at);
    at += (i & 1 ? c : pPrime).copy(buf, at);
    c = oneShot(algo, buf.subarray(0, at));
  }
  const at = (i: number): number => c[i] ?? 0;
  let encoded = (bits === 512 ? ORDER512 : ORDER256).map(([x, y, z]) => b64From24(at(x ?? 0), at(y ?? 0), at(z ?? 0), 4)).join('');
  encoded += bits === 512 ? b64From24(0, 0, at(63), 2) : b64From24(0, at(31), at(30), 3);
  const roundsPart = rounds === undefined ? '' : `rounds=${r}$`;
  return `$${bits === 512 ? 6 : 5}$${roundsPart}${s.toString('utf8')}$${encoded}`;
}

type OneShot = (algorithm: string, data: Buffer, encoding: 'buffer') => Buffer;
const hashOnce = (crypto as unknown as { hash?: OneShot }).hash;

function oneShot(algo: string, data: Buffer): Buffer {
  return hashOnce ? hashOnce(algo, data, 'buffer') : createHash(algo).update(data).digest();
}

function randomSalt(length: number): string {
  return [...randomBytes(length)].map((x) => ITOA64[x % 64]).join('');
}

function passwordHash(password: string, hashtype: string, salt: unknown, rounds: unknown): string {
  const bits = hashtype === 'sha512' || hashtype === 'sha512_crypt' ? 512 : hashtype === 'sha256' || hashtype === 'sha256_crypt' ? 256 : undefined;
  if (!bits) throw new Error(`password_hash: unsupported hash type '${hashtype}' (supported: sha512, sha256)`);
  const s = salt === undefined || salt === null ? randomSalt(16) : pyStr(salt);
  if (!/^[./0-9A-Za-z]*$/.test(s)) throw new Error('invalid characters in salt');
  // Without rounds, ansible-core uses Python's crypt (5000 implicit rounds, not written into the
  // string) unless passlib is installed, which writes its own default (656000 for sha512) into
  // it. Both verify the same password; we follow crypt, the dependency-free setup. With explicit
  // rounds both write `rounds=N$`, and so do we.
  const r = rounds === undefined || rounds === null ? undefined : Number(rounds);
  return shaCrypt(password, s, r, bits);
}

const digest = (algo: string, value: unknown): string => createHash(algo).update(pyStr(value), 'utf8').digest('hex');

export const hashFilters: Record<string, FilterFn> = {
  hash: (_c, v, [algo = 'sha1']) => digest(pyStr(algo), v),
  checksum: (_c, v) => digest('sha1', v),
  sha1: (_c, v) => digest('sha1', v),
  md5: (_c, v) => digest('md5', v),
  password_hash: (_c, v, [hashtype = 'sha512', salt, rounds], kw) => passwordHash(pyStr(v), pyStr(kw.hashtype ?? hashtype), kw.salt ?? salt, kw.rounds ?? rounds),
};
