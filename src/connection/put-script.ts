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
// the temp file (`excl`: never one that exists; umask 077: 0600 from the start), copies,
// fsyncs and reports the byte count that the shell then checks itself. The temp name's
// random part comes from here, which spares a mktemp.

export function putScript(path: string, size: number, options: PutOptions = {}): string {
  const dir = posix.dirname(path);
  const base = posix.basename(path);
  const tmp = `${dir}/.${base}.claw-${randomBytes(8).toString('hex')}`;
  const lines = [
    'set -e',
    `dest=${quote([path])}`,
    ...(options.mode === undefined ? ['um=$(umask)'] : []),
    'umask 077',
    `tmp=${quote([tmp])}`,
    `trap 'rm -f "$tmp"' EXIT`,
    `got=$(LC_ALL=C dd of="$tmp" conv=excl,fsync 2>&1 >/dev/null) || { printf '%s\\n' "$got" >&2; exit 1; }`,
    // dd's last line: "1 byte copied, …", "N bytes copied, …" or "N bytes (1.2 MB, 1.1 MiB) copied, …".
    'got=${got##*records out?}; got=${got%% byte*}',
    `[ "$got" = ${size} ] || { echo "short write: $got of ${size} bytes received" >&2; exit 1; }`,
    ...permissions(options),
    'mv -f "$tmp" "$dest"',
    'trap - EXIT',
  ];
  return lines.join('\n');
}

function permissions(options: PutOptions): string[] {
  const lines: string[] = [];
  if (options.mode !== undefined) {
    lines.push(`chmod ${quote([options.mode])} "$tmp"`);
  } else {
    lines.push(
      'if [ -e "$dest" ]; then chmod --reference="$dest" "$tmp"; chown --reference="$dest" "$tmp" 2>/dev/null || true;',
      `else chmod "$(printf '%o' $((0666 & ~0$um)))" "$tmp"; fi`,
    );
  }
  if (options.owner !== undefined) lines.push(`chown ${quote([options.owner])} "$tmp"`);
  if (options.group !== undefined) lines.push(`chgrp ${quote([options.group])} "$tmp"`);
  return lines;
}
