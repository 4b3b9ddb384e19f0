import { posix } from 'node:path';
import type { StatValue } from '../../facts/stat.js';
import { shellQuote } from '../../facts/quote.js';
import type { PasswdEntry } from '../user/facts.js';
import type { Plan, Step } from '../types.js';
import { parseKey, parseKeyFile, parseOptions, sameKey, serializeKeys, type ParsedKey } from './keys.js';
import type { AuthorizedKeyArgs } from './schema.js';

// ansible.posix.authorized_key: the same key-by-blob merge as Ansible's enforce_state, then
// one atomic write of the whole file (0600, owned by the user), the directory made 0700.

export interface AuthorizedKeyFacts {
  user: PasswdEntry | null;
  /** File text; undefined when there is no file. */
  content: string | undefined;
  /** The directory holding the file. */
  dir: StatValue;
}

export function keyFilePath(args: AuthorizedKeyArgs, user: PasswdEntry): string {
  return args.path ?? posix.join(user.home, '.ssh', 'authorized_keys');
}

export function planAuthorizedKey(args: AuthorizedKeyArgs, facts: AuthorizedKeyFacts): Plan {
  if (!facts.user) return { steps: [], fail: `Failed to lookup user ${args.user}: getpwnam(): name not found: '${args.user}'` };
  if (/^https?:/.test(args.key)) return { steps: [], fail: `Error getting key from: ${args.key} (keys from URLs are not supported: fetch them with get_url)` };
  const keyfile = keyFilePath(args, facts.user);
  const result = {
    user: args.user, key: args.key, key_options: args.key_options ?? null, keyfile, path: args.path ?? null,
    manage_dir: args.manage_dir, exclusive: args.exclusive, comment: args.comment ?? null, follow: args.follow, validate_certs: args.validate_certs,
  };
  const before = facts.content ?? '';
  const edit = enforce(args, parseKeyFile(before));
  if ('fail' in edit) return { steps: [], fail: edit.fail };
  if (!edit.write) return { steps: [], result };
  const after = serializeKeys(edit.keys);
  const steps = [...dirSteps(args, facts, keyfile), writeStep(keyfile, after, facts.user)];
  return { steps, result, diff: [{ before, after, before_header: keyfile, after_header: keyfile }] };
}

function enforce(args: AuthorizedKeyArgs, existing: Map<string, ParsedKey>): { keys: Map<string, ParsedKey>; write: boolean } | { fail: string } {
  const lines = args.key.split(/\r\n|\n|\r/).filter((line) => line && !line.startsWith('#'));
  const keep: string[] = [];
  const maxRank = existing.size;
  let write = false;
  for (const [index, line] of lines.entries()) {
    const parsed = parseKey(line, index);
    if (!parsed || parsed.type === null) return { fail: `invalid key specified: ${line}` };
    const key: ParsedKey = {
      ...parsed,
      ...(args.key_options !== undefined ? { options: parseOptions(args.key_options) } : {}),
      ...(args.comment !== undefined ? { comment: args.comment } : {}),
    };
    const current = existing.get(key.id);
    const matched = current !== undefined && (args.state === 'absent' || sameKey(current, key));
    if (args.state === 'absent') {
      if (matched) write = existing.delete(key.id);
      continue;
    }
    keep.push(key.id);
    if (current && !matched) write = existing.delete(key.id);
    if (!matched) {
      existing.set(key.id, { ...key, rank: maxRank + index });
      write = true;
    }
  }
  if (args.state === 'present' && args.exclusive) {
    for (const id of [...existing.keys()]) if (!keep.includes(id)) write = existing.delete(id);
  }
  return { keys: existing, write };
}

function dirSteps(args: AuthorizedKeyArgs, facts: AuthorizedKeyFacts, keyfile: string): Step[] {
  const user = facts.user as PasswdEntry;
  const dir = posix.dirname(keyfile);
  const q = shellQuote(dir);
  if (!args.manage_dir) return facts.dir.exists ? [] : [{ kind: 'exec', command: `mkdir -p -- ${q}` }];
  const right = facts.dir.exists && facts.dir.mode === '0700' && facts.dir.uid === user.uid && facts.dir.gid === user.gid;
  if (right) return [];
  return [{ kind: 'exec', command: `mkdir -p -- ${q} && chown ${user.uid}:${user.gid} ${q} && chmod 0700 ${q}` }];
}

function writeStep(keyfile: string, text: string, user: PasswdEntry): Step {
  return { kind: 'put', path: keyfile, content: Buffer.from(text, 'utf8'), mode: '0600', owner: String(user.uid), group: String(user.gid) };
}
