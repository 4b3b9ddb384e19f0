import { createCipheriv, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

// VaultAES256 as ansible-core defines it: PBKDF2-HMAC-SHA256 (10000 rounds) derives 80 bytes
// (AES key, HMAC key, CTR counter); the plaintext is PKCS#7-padded even though CTR needs no
// padding, because Ansible does and the bytes must match. The body is hex of
// "hex(salt)\nhex(hmac)\nhex(ciphertext)" — hexlified twice, as the format has always been.

const KEY_LENGTH = 32;
const IV_LENGTH = 16;
const SALT_LENGTH = 32;
const ITERATIONS = 10_000;
const BLOCK = 16;

interface Keys {
  cipherKey: Buffer;
  hmacKey: Buffer;
  iv: Buffer;
}

function deriveKeys(password: Buffer, salt: Buffer): Keys {
  const material = pbkdf2Sync(password, salt, ITERATIONS, 2 * KEY_LENGTH + IV_LENGTH, 'sha256');
  return {
    cipherKey: material.subarray(0, KEY_LENGTH),
    hmacKey: material.subarray(KEY_LENGTH, 2 * KEY_LENGTH),
    iv: material.subarray(2 * KEY_LENGTH),
  };
}

function pad(data: Buffer): Buffer {
  const count = BLOCK - (data.length % BLOCK);
  return Buffer.concat([data, Buffer.alloc(count, count)]);
}

/** Undoes PKCS#7; undefined when the padding is not valid (only possible after a passing HMAC if the writer was broken). */
function unpad(data: Buffer): Buffer | undefined {
  const count = data.at(-1);
  if (count === undefined || count < 1 || count > BLOCK || count > data.length) return undefined;
  for (let i = data.length - count; i < data.length; i++) if (data[i] !== count) return undefined;
  return data.subarray(0, data.length - count);
}

function ctr(keys: Keys, data: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-ctr', keys.cipherKey, keys.iv);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

/** Encrypts to the (unwrapped) vault body: one long hex string. `salt` is for tests only. */
export function encryptBody(plaintext: Buffer, password: Buffer, salt: Buffer = randomBytes(SALT_LENGTH)): string {
  const keys = deriveKeys(password, salt);
  const ciphertext = ctr(keys, pad(plaintext));
  const hmac = createHmac('sha256', keys.hmacKey).update(ciphertext).digest();
  const inner = [salt.toString('hex'), hmac.toString('hex'), ciphertext.toString('hex')].join('\n');
  return Buffer.from(inner, 'ascii').toString('hex');
}

/** The three parts of a body; a string message when the body is malformed. */
export interface BodyParts {
  salt: Buffer;
  hmac: Buffer;
  ciphertext: Buffer;
}

const HEX = /^(?:[0-9a-fA-F]{2})*$/;

export function parseBody(body: string): BodyParts | string {
  if (!HEX.test(body)) return 'the body is not valid hexadecimal (odd length or a non-hex character)';
  const parts = Buffer.from(body, 'hex').toString('latin1').split('\n');
  if (parts.length !== 3) return `expected salt, HMAC and ciphertext, found ${parts.length} part(s) (truncated?)`;
  const [salt = '', hmac = '', ciphertext = ''] = parts;
  if (![salt, hmac, ciphertext].every((part) => HEX.test(part))) return 'salt, HMAC or ciphertext is not valid hexadecimal';
  if (salt.length === 0 || hmac.length !== 64) return 'salt is empty or the HMAC is not 32 bytes (truncated?)';
  if (ciphertext.length === 0 || ciphertext.length % (2 * BLOCK) !== 0) return 'ciphertext length is not a whole number of blocks (truncated?)';
  return { salt: Buffer.from(salt, 'hex'), hmac: Buffer.from(hmac, 'hex'), ciphertext: Buffer.from(ciphertext, 'hex') };
}

/** Decrypts parsed parts; undefined when the HMAC does not match (wrong password or tampering). */
export function decryptParts(parts: BodyParts, password: Buffer): Buffer | undefined {
  const keys = deriveKeys(password, parts.salt);
  const expected = createHmac('sha256', keys.hmacKey).update(parts.ciphertext).digest();
  if (!timingSafeEqual(expected, parts.hmac)) return undefined;
  return unpad(ctr(keys, parts.ciphertext));
}
