// Ansible's `mode`: an integer (YAML 1.1 reads unquoted 0644 as 420, i.e. those bits), an
// octal string ("0644", "644") or symbolic clauses ("u=rw,g=r,o=r", "a+X") applied to the
// current mode. Returns the four-digit octal string stat reports, or an error message.

export type ModeResult = { ok: true; mode: string } | { ok: false; msg: string };

const WHO: Record<string, number> = { u: 0o4700, g: 0o2070, o: 0o1007 };
const PERM: Record<string, number> = { r: 0o444, w: 0o222, x: 0o111, s: 0o6000, t: 0o1000 };

export function resolveMode(mode: string | number, current: string | undefined, isDir: boolean): ModeResult {
  if (typeof mode === 'number') return Number.isInteger(mode) && mode >= 0 && mode <= 0o7777 ? ok(mode) : invalid(mode);
  if (/^[0-7]{1,5}$/.test(mode)) {
    const bits = parseInt(mode, 8);
    return bits <= 0o7777 ? ok(bits) : invalid(mode);
  }
  // A file about to be created starts from what a 022 umask would give it.
  let bits = current !== undefined ? parseInt(current, 8) : isDir ? 0o755 : 0o644;
  for (const clause of mode.split(',')) {
    const applied = applyClause(clause.trim(), bits, isDir);
    if (applied === undefined) return invalid(mode);
    bits = applied;
  }
  return ok(bits);
}

function applyClause(clause: string, bits: number, isDir: boolean): number | undefined {
  const match = /^([ugoa]*)([-+=])([rwxXst]*|[ugo])$/.exec(clause);
  if (!match) return undefined;
  const [, whoText = '', op, permsText = ''] = match;
  const who = (whoText === '' || whoText.includes('a') ? 'ugo' : whoText).split('').reduce((acc, w) => acc | (WHO[w] ?? 0), 0);
  let perms = 0;
  if (/^[ugo]$/.test(permsText)) {
    // Copy another class's bits (g=u): shift them into every class, the mask keeps the wanted ones.
    const shift = { u: 6, g: 3, o: 0 }[permsText as 'u' | 'g' | 'o'];
    const source = (bits >> shift) & 0o7;
    perms = (source << 6) | (source << 3) | source;
  } else {
    for (const p of permsText) {
      if (p === 'X') perms |= isDir || (bits & 0o111) !== 0 ? 0o111 : 0;
      else perms |= PERM[p] ?? 0;
    }
  }
  const masked = perms & who;
  if (op === '+') return bits | masked;
  if (op === '-') return bits & ~masked;
  return (bits & ~who) | masked;
}

function ok(bits: number): ModeResult {
  return { ok: true, mode: bits.toString(8).padStart(4, '0') };
}

function invalid(mode: string | number): ModeResult {
  return { ok: false, msg: `mode must be in octal or symbolic form (got ${JSON.stringify(mode)})` };
}
