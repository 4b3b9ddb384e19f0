import { posix } from 'node:path';
import type { StatValue } from '../../facts/stat.js';
import { planAttributes } from '../common/attrs.js';
import { resolveMode } from '../common/mode.js';
import type { Plan, StepOutput } from '../types.js';
import { downloadStep } from './download.js';
import type { GetUrlArgs } from './schema.js';

// ansible.builtin.get_url: an existing dest is left alone unless force, or a checksum that it
// does not match; otherwise the host downloads, verifies and swaps the file in.

export interface GetUrlFacts {
  /** dest itself (to tell a directory). */
  dest: StatValue;
  /** The file written: dest, or dest/<last part of the URL path>. */
  target: StatValue;
  /** Digest of target in the checksum's algorithm (sha1 without one). */
  targetSum: string | null;
  tool: 'curl' | 'wget' | null;
}

const ALGORITHMS = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'];

export function urlFilename(url: string): string {
  const path = url.replace(/^[a-z]+:\/\/[^/]*/i, '').split(/[?#]/)[0] ?? '';
  return decodeURIComponent(posix.basename(path)) || 'index.html';
}

export function targetPath(args: GetUrlArgs, destIsDir: boolean): string {
  return destIsDir ? posix.join(args.dest, urlFilename(args.url)) : args.dest;
}

export function parseChecksum(checksum: string): { algorithm: string; hex: string } | string | undefined {
  if (checksum === '') return undefined;
  const at = checksum.indexOf(':');
  if (at < 0) return 'The checksum parameter has to be in format <algorithm>:<checksum>';
  const algorithm = checksum.slice(0, at).toLowerCase();
  const hex = checksum.slice(at + 1).trim().toLowerCase();
  if (!ALGORITHMS.includes(algorithm)) return `Unsupported hash algorithm ${algorithm}; use one of ${ALGORITHMS.join(', ')}`;
  if (!/^[0-9a-f]+$/.test(hex)) return `The checksum format is invalid (a checksum URL is not supported): ${checksum}`;
  return { algorithm, hex };
}

export function planGetUrl(args: GetUrlArgs, facts: GetUrlFacts): Plan {
  if (args.attributes) return { steps: [], fail: 'attributes (chattr) are not supported by claw-provision' };
  const checksum = parseChecksum(args.checksum);
  if (typeof checksum === 'string') return { steps: [], fail: checksum };
  const target = targetPath(args, facts.dest.isdir === true);
  const base = { dest: target, url: args.url };
  const exists = facts.target.exists && facts.target.isdir !== true;
  if (exists && !args.force && (!checksum || facts.targetSum === checksum.hex)) {
    const attrs = planAttributes(target, facts.target, args);
    if (attrs.error) return { steps: [], fail: attrs.error };
    const msg = attrs.steps.length > 0 ? 'file already exists but file attributes changed' : 'file already exists';
    return { steps: attrs.steps, result: { ...base, msg, ...(checksum ? { checksum_dest: facts.targetSum } : {}) } };
  }
  if (!facts.tool) return { steps: [], fail: 'get_url needs curl or wget on the host; install curl first' };
  let mode: string | undefined;
  if (args.mode !== undefined) {
    const resolved = resolveMode(args.mode, facts.target.mode, false);
    if (!resolved.ok) return { steps: [], fail: resolved.msg };
    mode = resolved.mode;
  }
  const step = downloadStep(args, { target, tool: facts.tool, ...(checksum ? { checksum } : {}), ...(mode ? { mode } : {}) });
  const result = { ...base, ...(exists && !checksum ? { checksum_dest: facts.targetSum } : {}) };
  const attrsChange = !exists || planAttributes(target, facts.target, { ...args, ...(mode ? { mode } : {}) }).steps.length > 0;
  return { steps: [step], result, collect: (outputs) => collect(outputs[0], args, checksum, attrsChange) };
}

function collect(output: StepOutput | undefined, args: GetUrlArgs, checksum: { hex: string } | undefined, attrsChange: boolean): Record<string, unknown> {
  const text = output?.stdout ?? '';
  const field = (name: string): string | undefined => new RegExp(`^claw-${name} (.*)$`, 'm').exec(text)?.[1];
  const status = Number(field('http') ?? 0);
  if (output && output.rc !== 0) {
    const got = field('checksum');
    // The temp file is gone and dest untouched: a failed download changed nothing.
    if (got !== undefined) return { changed: false, msg: `The checksum for ${args.dest} did not match ${checksum?.hex}; it was ${got}.`, status_code: status };
    const reason = output.stderr.replace(/^curl: \(\d+\) /, '').trim();
    if (field('http') === undefined) return { changed: false, msg: reason };
    return { changed: false, msg: status >= 400 ? `Request failed: HTTP Error ${status}` : `Request failed: ${reason}`, status_code: status, response: reason };
  }
  const size = Number(field('size') ?? 0);
  const same = /^claw-same$/m.test(text);
  return {
    msg: `OK (${size} bytes)`,
    status_code: status,
    size,
    checksum_src: field('sha1'),
    // The same bytes again: a forced download changes nothing (attributes were applied).
    ...(same ? { changed: attrsChange } : {}),
  };
}
