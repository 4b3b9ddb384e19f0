import { createHash } from 'node:crypto';

// The sha1 copy/template compare with the host's: gather needs it to decide whether the old
// content must be read for the diff, plan needs it for the result. Remembered per buffer so
// the bytes are hashed once per task and host.

const known = new WeakMap<Buffer, string>();

export function sha1Hex(data: Buffer): string {
  let sum = known.get(data);
  if (sum === undefined) {
    sum = createHash('sha1').update(data).digest('hex');
    known.set(data, sum);
  }
  return sum;
}
