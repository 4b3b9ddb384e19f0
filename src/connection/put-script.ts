import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import { quote } from 'shell-quote';
import type { PutOptions } from './types.js';

// The remote half of an atomic write. The content arrives on stdin; it goes to a private
// temp file next to the destination (same filesystem, so the final mv is a rename), the
// size is checked (a dropped connection must not install a truncated file), mode and
// owner are set, the data is synced, and only then is the file renamed into place.
// Without an explicit mode an existing file keeps its mode and owner; a new one gets
// 0666 minus the login umask, as cp/Ansible would give it.
// Every process counts (a write is most of a first apply's host time), so one `dd` creates
// the temp file (`excl`: never one that exists), copies, fsyncs and reports the byte count
// that the shell then checks itself; the temp name's random part comes from here (no
// mktemp). The umask gives the temp file its final mode from the start where that exposes
// nothing the final file will not (no chmod): a plain mode without owner or group, or no
// mode for a new file. Otherwise it starts 0600 and chmod/chown follow.

export function putScript(path: string, size: number, options: PutOptions = {}): string {
  const dir = posix.dirname(path);
  const base = posix.basename(path);
  const tmp = `${dir}/.${base}.claw-${randomBytes(8).toString('hex')}`;
  const { create, finish } = modeLines(options);
  const lines = [
    'set -e',
    `dest=${quote([path])}`,
    `tmp=${quote([tmp])}`,
    ...create,
    `trap 'rm -f "$tmp"' EXIT`,
    `got=$(LC_ALL=C dd of="$tmp" conv=excl,fsync 2>&1 >/dev/null) || { printf '%s\\n' "$got" >&2; exit 1; }`,
    // dd's last line: "1 byte copied, …", "N bytes copied, …" or "N bytes (1.2 MB, 1.1 MiB) copied, …".
    'got=${got##*records out?}; got=${got%% byte*}',
    `[ "$got" = ${size} ] || { echo "short write: $got of ${size} bytes received" >&2; exit 1; }`,
    ...finish,
    'mv -f "$tmp" "$dest"',
    'trap - EXIT',
  ];
  return lines.join('\n');
}

/** The umask the temp file is created under, and the commands that set its mode and owner after. */
function modeLines({ mode, owner, group }: PutOptions): { create: string[]; finish: string[] } {
  const chown = [...(owner !== undefined ? [`chown ${quote([owner])} "$tmp"`] : []), ...(group !== undefined ? [`chgrp ${quote([group])} "$tmp"`] : [])];
  const keepExisting = 'if [ -e "$dest" ]; then chmod --reference="$dest" "$tmp"; chown --reference="$dest" "$tmp" 2>/dev/null || true;';
  if (mode !== undefined) {
    // A numeric mode that file creation can give (no x, setuid, setgid or sticky bit).
    const bits = /^0?[0-7]{3}$/.test(mode) ? parseInt(mode, 8) : undefined;
    if (bits !== undefined && (bits & ~0o666) === 0 && chown.length === 0) return { create: [`umask ${(0o777 & ~bits).toString(8).padStart(4, '0')}`], finish: [] };
    return { create: ['umask 077'], finish: [`chmod ${quote([mode])} "$tmp"`, ...chown] };
  }
  if (chown.length === 0) return { create: ['[ ! -e "$dest" ] || umask 077'], finish: [`${keepExisting} fi`] };
  return { create: ['um=$(umask)', 'umask 077'], finish: [keepExisting, `else chmod "$(printf '%o' $((0666 & ~0$um)))" "$tmp"; fi`, ...chown] };
}
