import { posix } from 'node:path';
import { shellQuote } from '../../facts/quote.js';
import type { Step } from '../types.js';
import type { GetUrlArgs } from './schema.js';

// The download runs on the host: into a private temp file beside dest, checksum verified
// there, then mode/owner set and renamed into place — or dropped when dest already holds the
// same bytes. URL, credentials and headers travel on stdin as a curl (or wgetrc) config.

export interface DownloadSpec {
  target: string;
  tool: 'curl' | 'wget';
  checksum?: { algorithm: string; hex: string };
  /** Resolved octal mode for the new file, when `mode` was given. */
  mode?: string;
}

export function downloadStep(args: GetUrlArgs, spec: DownloadSpec): Step {
  const dir = posix.dirname(spec.target);
  const base = posix.basename(spec.target);
  const fetch = spec.tool === 'curl' ? `code=$(curl -K - -o "$tmp") || { rc=$?; printf 'claw-http %s\\n' "$code"; exit $rc; }` : `wget --config=/dev/stdin -q -O "$tmp" -- ${shellQuote(args.url)} || exit $?; code=200`;
  const lines = [
    'set -e',
    `dest=${shellQuote(spec.target)}`,
    `[ -d ${shellQuote(dir)} ] || { echo ${shellQuote(`Destination ${dir} does not exist`)} >&2; exit 1; }`,
    'um=$(umask); umask 077',
    `tmp=$(mktemp ${shellQuote(`${dir}/.${base}.claw-get-XXXXXX`)})`,
    `trap 'rm -f "$tmp"' EXIT`,
    fetch,
    `printf 'claw-http %s\\n' "$code"`,
    ...verify(spec.checksum),
    `printf 'claw-size %s\\nclaw-sha1 %s\\n' "$(wc -c < "$tmp")" "$(sha1sum < "$tmp" | cut -d' ' -f1)"`,
    `if [ -f "$dest" ] && cmp -s "$tmp" "$dest"; then echo claw-same; ${attributes(args, spec, '"$dest"')} exit 0; fi`,
    spec.mode ? `chmod ${spec.mode} "$tmp"` : `if [ -e "$dest" ]; then chmod --reference="$dest" "$tmp"; else chmod "$(printf '%o' $((0666 & ~0$um)))" "$tmp"; fi`,
    attributes({ ...args, mode: undefined }, {}, '"$tmp"'),
    'mv -f "$tmp" "$dest"',
    'trap - EXIT',
  ];
  return { kind: 'exec', command: lines.filter(Boolean).join('\n'), stdin: spec.tool === 'curl' ? curlConfig(args) : wgetConfig(args) };
}

function verify(checksum: DownloadSpec['checksum']): string[] {
  if (!checksum) return [];
  const sum = `${checksum.algorithm}sum`;
  return [`got=$(${sum} < "$tmp" | cut -d' ' -f1)`, `[ "$got" = ${shellQuote(checksum.hex)} ] || { printf 'claw-checksum %s\\n' "$got"; exit 65; }`];
}

function attributes(args: Pick<GetUrlArgs, 'owner' | 'group'> & { mode?: unknown }, spec: { mode?: string }, path: string): string {
  const parts = [
    ...(spec.mode ? [`chmod ${spec.mode} ${path};`] : []),
    ...(args.owner !== undefined ? [`chown ${shellQuote(args.owner)} ${path};`] : []),
    ...(args.group !== undefined ? [`chgrp ${shellQuote(args.group)} ${path};`] : []),
  ];
  return parts.join(' ');
}

/** curl's config syntax: "quoted" values with \\ and \" escaped. */
function curlConfig(args: GetUrlArgs): string {
  const q = (value: string): string => `"${value.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
  const lines = [
    `url = ${q(args.url)}`,
    'silent', 'show-error', 'location', 'fail',
    `connect-timeout = ${args.timeout}`,
    `speed-time = ${args.timeout}`, 'speed-limit = 1',
    `user-agent = ${q(args.http_agent)}`,
    'write-out = "%{http_code}"',
    ...(args.validate_certs ? [] : ['insecure']),
    ...(args.url_username !== undefined ? [`user = ${q(`${args.url_username}:${args.url_password ?? ''}`)}`] : []),
    ...Object.entries(args.headers ?? {}).map(([name, value]) => `header = ${q(`${name}: ${String(value)}`)}`),
  ];
  return `${lines.join('\n')}\n`;
}

function wgetConfig(args: GetUrlArgs): string {
  const line = (value: string): string => value.replace(/[\r\n]/g, ' ');
  const lines = [
    `timeout = ${args.timeout}`,
    `user_agent = ${line(args.http_agent)}`,
    ...(args.validate_certs ? [] : ['check_certificate = off']),
    ...(args.url_username !== undefined ? [`user = ${line(args.url_username)}`, `password = ${line(args.url_password ?? '')}`] : []),
    ...Object.entries(args.headers ?? {}).map(([name, value]) => `header = ${line(`${name}: ${String(value)}`)}`),
  ];
  return `${lines.join('\n')}\n`;
}
