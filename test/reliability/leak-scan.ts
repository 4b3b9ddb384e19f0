import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

// Finds secret values in bytes: the raw text, its base64 at every alignment, URL-encoding and
// hex, so an encoded copy (a JSON-escaped diff, a base64 transfer, a query string) is caught too.

/** Every form of `secret` worth grepping for. */
export function secretForms(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret), Buffer.from(secret).toString('hex'), JSON.stringify(secret).slice(1, -1)]);
  for (let shift = 0; shift < 3; shift++) {
    // Base64 of the secret inside a larger blob: drop the characters that depend on neighbours.
    const b64 = Buffer.concat([Buffer.alloc(shift, 0x41), Buffer.from(secret)]).toString('base64');
    const skip = shift === 0 ? 0 : Math.ceil((shift * 4) / 3);
    forms.add(b64.slice(skip, b64.length - 4));
  }
  return [...forms].filter((f) => f.length >= 8);
}

export interface Leak {
  where: string;
  secret: string;
  form: string;
  /** The text around the leak, secret masked, to find who leaked it. */
  context: string;
}

/** Leaks of any secret (in any form) in `text`, labelled `where`. */
export function findLeaks(where: string, text: string | Buffer, secrets: readonly string[]): Leak[] {
  const hay = typeof text === 'string' ? text : text.toString('latin1');
  const leaks: Leak[] = [];
  for (const secret of secrets) {
    for (const form of secretForms(secret)) {
      const at = hay.indexOf(form);
      if (at < 0) continue;
      const context = hay.slice(Math.max(0, at - 80), at + form.length + 40).replaceAll(form, '<SECRET>');
      leaks.push({ where, secret, form, context });
    }
  }
  return leaks;
}

/** Regular files under `root` (recursively; symlinks not followed), skipping `exclude(path)`. */
export async function filesUnder(root: string, exclude: (path: string) => boolean = () => false): Promise<string[]> {
  const out: string[] = [];
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return out;
  }
  for (const name of names) {
    const path = join(root, name);
    if (exclude(path)) continue;
    const info = await lstat(path).catch(() => undefined);
    if (info?.isDirectory()) out.push(...(await filesUnder(path, exclude)));
    else if (info?.isFile() && info.size < 4_000_000) out.push(path);
  }
  return out;
}

/** Leaks in every regular file under `root`. */
export async function scanTree(root: string, secrets: readonly string[], exclude?: (path: string) => boolean): Promise<Leak[]> {
  const leaks: Leak[] = [];
  for (const file of await filesUnder(root, exclude)) {
    const bytes = await readFile(file).catch(() => Buffer.alloc(0));
    leaks.push(...findLeaks(file, bytes, secrets));
  }
  return leaks;
}
