import { readFileSync } from 'node:fs';
import picomatch from 'picomatch';
import { ClawError, EXIT, OptionsError } from '../errors.js';
import { hostsOfGroup } from './groups.js';
import { addHost, type Inventory } from './types.js';

// Ansible host patterns: names, groups, globs, ~regex, unions (a:b, a,b), intersections
// (a:&b) and exclusions (a:!b), with optional [i] / [i:j] subscripts. As in Ansible,
// plain terms apply first, then intersections, then exclusions.

const LOCALHOST = ['localhost', '127.0.0.1', '::1'];

export function selectHosts(inventory: Inventory, pattern: string, limit?: string): string[] {
  const selected = evaluate(inventory, pattern);
  if (limit === undefined || limit === '') return selected;
  const allowed = new Set(evaluate(inventory, limit.startsWith('@') ? limitFile(limit.slice(1)) : limit));
  return selected.filter((h) => allowed.has(h));
}

/**
 * ansible-playbook's check before any play: a --limit that leaves no host to target is an
 * error (exit 1), not a run of skipped plays. Ansible skips the check when the inventory is
 * empty (a known gap in its code); here the implicit localhost counts as a target instead, so
 * a misspelt --limit fails with or without -i, and `--limit localhost` works with either.
 */
export function assertLimitMatches(inventory: Inventory, limit: string | undefined): void {
  if (limit === undefined || limit === '') return;
  if (evaluate(inventory, limit.startsWith('@') ? limitFile(limit.slice(1)) : limit).length > 0) return;
  const known = [...inventory.hosts.values()].filter((h) => !h.implicit).map((h) => h.name);
  const sample = known.slice(0, 5).join(', ') + (known.length > 5 ? ', …' : '');
  throw new ClawError('no-hosts-matched', 'Specified inventory, host pattern and/or --limit leaves us with no hosts to target.', EXIT.ERROR, {
    where: `--limit '${limit}'`,
    hint: known.length === 0
      ? `${inventory.sources.length === 0 ? 'no inventory was given (-i)' : 'the inventory has no hosts'}: only localhost can be targeted`
      : `the inventory has ${known.length} host${known.length === 1 ? '' : 's'} (${sample}): see them with claw-provision inventory list`,
  });
}

function limitFile(path: string): string {
  try {
    return readFileSync(path, 'utf8').split(/\r?\n/).map((l) => l.trim()).filter(Boolean).join(',');
  } catch {
    throw new OptionsError(`--limit file not found: ${path}`);
  }
}

export function splitPattern(pattern: string): string[] {
  // ':' separates terms unless the pattern uses ',' (then IPv6 addresses and ranges keep theirs).
  const terms = pattern.includes(',') ? pattern.split(',') : pattern.split(/:(?![^[]*\])/);
  return terms.map((t) => t.trim()).filter((t) => t.length > 0);
}

function evaluate(inventory: Inventory, pattern: string): string[] {
  const terms = splitPattern(pattern);
  if (terms.length === 0) throw new OptionsError(`empty host pattern: '${pattern}'`, { hint: "use 'all' for every host" });
  const plain = terms.filter((t) => !t.startsWith('&') && !t.startsWith('!'));
  const ordered = [...(plain.length === 0 ? ['all'] : plain), ...terms.filter((t) => t.startsWith('&')), ...terms.filter((t) => t.startsWith('!'))];
  let result: string[] = [];
  for (const term of ordered) {
    if (term.startsWith('&')) {
      const keep = new Set(matchTerm(inventory, term.slice(1), pattern));
      result = result.filter((h) => keep.has(h));
    } else if (term.startsWith('!')) {
      const drop = new Set(matchTerm(inventory, term.slice(1), pattern));
      result = result.filter((h) => !drop.has(h));
    } else {
      for (const h of matchTerm(inventory, term, pattern)) if (!result.includes(h)) result.push(h);
    }
  }
  return result;
}

function matchTerm(inventory: Inventory, term: string, pattern: string): string[] {
  const sub = /^(.+?)\[(-?\d+)(?::(-?\d*))?\]$/.exec(term);
  const base = sub ? sub[1]! : term;
  if (/[[\]]/.test(base) && !/^~/.test(base) && !/\[[^\]]+\]/.test(base)) {
    throw new OptionsError(`invalid host pattern '${pattern}': unbalanced brackets in '${term}'`);
  }
  const hosts = enumerate(inventory, base, pattern);
  return sub ? subscript(hosts, sub[2]!, sub[3], pattern) : hosts;
}

function enumerate(inventory: Inventory, term: string, pattern: string): string[] {
  const test = matcher(term, pattern);
  const groups = [...inventory.groups.keys()].filter(test);
  const out = groups.flatMap((g) => hostsOfGroup(inventory, g));
  if (groups.length === 0 || term.startsWith('~') || /[.?*[]/.test(term)) {
    out.push(...[...inventory.hosts.values()].filter((h) => !h.implicit && test(h.name)).map((h) => h.name));
  }
  if (out.length === 0 && LOCALHOST.includes(term)) {
    const host = inventory.hosts.get(term) ?? addHost(inventory, term);
    host.implicit = true;
    return [term];
  }
  return [...new Set(out)];
}

function matcher(term: string, pattern: string): (name: string) => boolean {
  if (term.startsWith('~')) {
    try {
      const regex = new RegExp(term.slice(1));
      return (name) => regex.exec(name)?.index === 0;
    } catch (error) {
      throw new OptionsError(`invalid host pattern '${pattern}': bad regular expression '${term}' (${(error as Error).message})`);
    }
  }
  if (!/[*?[]/.test(term)) return (name) => name === term;
  const glob = picomatch(term, { dot: true, nobrace: true, noextglob: true });
  return (name) => glob(name);
}

function subscript(hosts: string[], start: string, end: string | undefined, pattern: string): string[] {
  const index = (text: string): number => {
    const n = Number(text);
    return n < 0 ? hosts.length + n : n;
  };
  if (end === undefined) {
    const host = hosts[index(start)];
    return host === undefined ? [] : [host];
  }
  const to = end === '' ? hosts.length - 1 : index(end);
  if (Number.isNaN(to)) throw new OptionsError(`invalid host pattern '${pattern}': bad subscript`);
  return hosts.slice(index(start), to + 1);
}
