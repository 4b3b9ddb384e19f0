import { posix } from 'node:path';
import { quote } from 'shell-quote';
import type { PutOptions } from './types.js';

// The remote half of an atomic write. The content arrives on stdin; it goes to a private
// temp file next to the destination (same filesystem, so the final mv is a rename), the
// size is checked (a dropped connection must not install a truncated file), mode and
// owner are set, the data is synced, and only then is the file renamed into place.
// Without an explicit mode an existing file keeps its mode and owner; a new one gets
// 0666 minus the login umask, as cp/Ansible would give it.

export function putScript(path: string, size: number, options: PutOptions = {}): string {
  const dir = posix.dirname(path);
  const base = posix.basename(path);
  const lines = [
    'set -e',
    `dest=${quote([path])}`,
    'um=$(umask)',
    'umask 077',
    `tmp=$(mktemp ${quote([`${dir}/.${base}.claw-XXXXXX`])})`,
    `trap 'rm -f "$tmp"' EXIT`,
    'cat > "$tmp"',
    `got=$(wc -c < "$tmp")`,
    `[ "$got" -eq ${size} ] || { echo "short write: $got of ${size} bytes received" >&2; exit 1; }`,
    ...permissions(options),
    'sync "$tmp" 2>/dev/null || sync',
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
