import { createHash, randomInt } from 'node:crypto';
import type { FilterFn } from '../eval/context.js';
import { pyStr } from '../py/repr.js';
import { defined, isNumber, iterate, num } from '../py/values.js';

// Python's random.Random (MT19937 with CPython's seeding), so `60 | random(seed=inventory_hostname)`
// picks the same minute Ansible picks. Without a seed the choice is just random.

class PyRandom {
  private readonly mt = new Uint32Array(624);
  private index = 625;

  constructor(seed: unknown) {
    this.initByArray(seedWords(seed));
  }

  private initGenrand(s: number): void {
    this.mt[0] = s >>> 0;
    for (let i = 1; i < 624; i++) {
      const prev = this.mt[i - 1] ?? 0;
      this.mt[i] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + i) >>> 0;
    }
    this.index = 624;
  }

  private initByArray(key: number[]): void {
    this.initGenrand(19650218);
    const mt = this.mt;
    let i = 1;
    let j = 0;
    for (let k = Math.max(624, key.length); k > 0; k--) {
      const prev = mt[i - 1] ?? 0;
      mt[i] = ((mt[i] ?? 0) ^ Math.imul(prev ^ (prev >>> 30), 1664525)) + (key[j] ?? 0) + j;
      i++;
      j++;
      if (i >= 624) {
        mt[0] = mt[623] ?? 0;
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = 623; k > 0; k--) {
      const prev = mt[i - 1] ?? 0;
      mt[i] = ((mt[i] ?? 0) ^ Math.imul(prev ^ (prev >>> 30), 1566083941)) - i;
      i++;
      if (i >= 624) {
        mt[0] = mt[623] ?? 0;
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  private next32(): number {
    const mt = this.mt;
    if (this.index >= 624) {
      for (let k = 0; k < 624; k++) {
        const y = ((mt[k] ?? 0) & 0x80000000) | ((mt[(k + 1) % 624] ?? 0) & 0x7fffffff);
        mt[k] = (mt[(k + 397) % 624] ?? 0) ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      this.index = 0;
    }
    let y = mt[this.index++] ?? 0;
    y ^= y >>> 11;
    y = (y ^ ((y << 7) & 0x9d2c5680)) >>> 0;
    y = (y ^ ((y << 15) & 0xefc60000)) >>> 0;
    return (y ^ (y >>> 18)) >>> 0;
  }

  /** _randbelow_with_getrandbits (n < 2^32). */
  below(n: number): number {
    const k = n.toString(2).length;
    let r = this.next32() >>> (32 - k);
    while (r >= n) r = this.next32() >>> (32 - k);
    return r;
  }
}

/** CPython seeding: ints by absolute value, str/bytes via their sha512 (seed version 2). */
function seedWords(seed: unknown): number[] {
  let big: bigint;
  if (typeof seed === 'number' && Number.isInteger(seed)) big = BigInt(Math.abs(seed));
  else {
    const bytes = Buffer.from(pyStr(seed), 'utf8');
    const all = Buffer.concat([bytes, createHash('sha512').update(bytes).digest()]);
    big = BigInt(`0x${all.toString('hex') || '0'}`);
  }
  const words: number[] = [];
  while (big > 0n) {
    words.push(Number(big & 0xffffffffn));
    big >>= 32n;
  }
  return words.length ? words : [0];
}

function below(seed: unknown, n: number): number {
  if (n <= 0) throw new RangeError('empty range for randrange()');
  return seed === undefined || seed === null ? randomInt(n) : new PyRandom(seed).below(n);
}

export const randomFilters: Record<string, FilterFn> = {
  random: (_c, value, [start, step], kw) => {
    const seed = kw.seed;
    const v = defined(value);
    if (isNumber(v)) {
      const from = num(kw.start ?? start ?? 0);
      const by = num(kw.step ?? step ?? 1);
      const width = num(v) - from;
      const count = by === 1 ? width : Math.floor((width + by - 1) / by);
      return from + by * below(seed, count);
    }
    const items = iterate(v);
    return items[below(seed, items.length)];
  },
  shuffle: (_c, value, _args, kw) => {
    const items = [...iterate(value)];
    const rng = kw.seed === undefined ? undefined : new PyRandom(kw.seed);
    for (let i = items.length - 1; i > 0; i--) {
      const j = rng ? rng.below(i + 1) : randomInt(i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  },
};
