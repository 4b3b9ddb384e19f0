import { shellQuote } from '../../facts/quote.js';
import type { DiffEntry, Plan, Step, StepOutput } from '../types.js';
import type { AptCacheTime, DpkgPackage } from './facts.js';
import type { AptArgs } from './schema.js';

// ansible.builtin.apt over dpkg's status: the packages whose state differs are installed or
// removed in ONE apt-get call; the cache update runs first when it is stale. A cache update
// alone only counts as a change when no packages were named (Ansible's rule).

export interface AptFacts {
  packages: Record<string, DpkgPackage>;
  /** Candidate versions (not read for state=absent). */
  candidates: Record<string, string>;
  cache?: AptCacheTime;
}

export interface AptRequest {
  name: string;
  version?: string;
}

export function parseRequests(names: string[] | undefined): AptRequest[] {
  return (names ?? [])
    .flatMap((name) => name.split(','))
    .map((name) => name.trim())
    .filter(Boolean)
    .map((spec) => {
      const at = spec.indexOf('=');
      return at < 0 ? { name: spec } : { name: spec.slice(0, at), version: spec.slice(at + 1) };
    });
}

const isInstalled = (pkg: DpkgPackage | undefined): boolean => pkg !== undefined && /^(installed|triggers-awaited|triggers-pending)$/.test(pkg.status);

function versionMatches(installed: string, wanted: string): boolean {
  return wanted.endsWith('*') ? installed.startsWith(wanted.slice(0, -1)) : installed === wanted;
}

export function planApt(args: AptArgs, facts: AptFacts): Plan {
  const requests = parseRequests(args.name);
  const refused = argumentError(args, requests);
  if (refused) return { steps: [], fail: refused };
  const updateCache = needsCacheUpdate(args, facts.cache);
  const install = args.state === 'absent' ? [] : requests.filter((r) => needsInstall(args, r, facts));
  const remove = args.state === 'absent' ? requests.filter((r) => needsRemoval(args, facts.packages[r.name])) : [];
  // After a cache update apt may know packages it does not know yet: apt-get decides then.
  const missing = updateCache ? undefined : install.find((r) => !facts.packages[r.name]?.version && !facts.candidates[r.name]);
  if (missing) return { steps: [], fail: `No package matching '${missing.name}' is available` };
  const steps: Step[] = [];
  if (updateCache) steps.push({ kind: 'exec', command: updateCommand(args) });
  if (install.length > 0) steps.push({ kind: 'exec', command: installCommand(args, install) });
  if (remove.length > 0) steps.push({ kind: 'exec', command: removeCommand(args, remove) });
  // With state=latest after a cache update the candidates may have moved: apt-get decides.
  const recheck = updateCache && args.state === 'latest' && install.length === 0 && requests.length > 0;
  if (recheck) steps.push({ kind: 'exec', command: installCommand(args, requests) });
  const packageChange = install.length > 0 || remove.length > 0;
  const result: Record<string, unknown> = {
    cache_updated: updateCache,
    cache_update_time: facts.cache?.updated ?? 0,
    stdout: simulation(install, remove, args.purge, facts),
  };
  // A cache refresh next to satisfied packages is not a change, in check mode either.
  if (!packageChange && requests.length > 0) result['changed'] = false;
  return {
    steps,
    result,
    ...(packageChange ? { diff: [packageDiff(requests, install, remove, facts)] } : {}),
    collect: (outputs) => collect(outputs, updateCache, packageChange, recheck, requests.length > 0),
  };
}

function argumentError(args: AptArgs, requests: AptRequest[]): string | undefined {
  if (requests.length === 0 && !args.update_cache && args.cache_valid_time === 0) return 'one of the following is required: name, package, update_cache';
  const wildcard = requests.find((r) => /[*?[]/.test(r.name));
  if (wildcard) return `wildcard package names are not supported: ${wildcard.name}; name the packages`;
  if (args.state === 'latest' && requests.some((r) => r.version !== undefined)) return 'version number inconsistent with state=latest';
  return undefined;
}

function needsCacheUpdate(args: AptArgs, cache: AptCacheTime | undefined): boolean {
  if (!args.update_cache && args.cache_valid_time === 0) return false;
  if (!cache || args.cache_valid_time === 0) return true;
  return cache.updated + args.cache_valid_time < cache.now;
}

function needsInstall(args: AptArgs, request: AptRequest, facts: AptFacts): boolean {
  const pkg = facts.packages[request.name];
  if (!isInstalled(pkg) || !pkg) return true;
  if (request.version !== undefined) return !versionMatches(pkg.version, request.version);
  if (args.state === 'latest') {
    const candidate = facts.candidates[request.name];
    return candidate !== undefined && candidate !== '(none)' && candidate !== pkg.version;
  }
  return false;
}

function needsRemoval(args: AptArgs, pkg: DpkgPackage | undefined): boolean {
  if (!pkg) return false;
  return isInstalled(pkg) || (args.purge && pkg.status !== 'not-installed' && pkg.status !== '');
}

const LOCK = (args: AptArgs): string => `-o DPkg::Lock::Timeout=${args.lock_timeout}`;

function updateCommand(args: AptArgs): string {
  // The stamp is what cache_valid_time reads next time (Ubuntu's apt hook touches it too).
  return `apt-get -q ${LOCK(args)} update && mkdir -p /var/lib/apt/periodic && touch /var/lib/apt/periodic/update-success-stamp`;
}

function aptGet(args: AptArgs): string {
  const dpkg = args.dpkg_options.split(',').map((o) => o.trim()).filter(Boolean).map((o) => `-o Dpkg::Options::=--${o}`);
  return ['DEBIAN_FRONTEND=noninteractive apt-get -y -q', LOCK(args), ...dpkg].join(' ');
}

function installCommand(args: AptArgs, requests: AptRequest[]): string {
  const recommends = args.install_recommends === undefined ? [] : [args.install_recommends ? '-o APT::Install-Recommends=yes' : '--no-install-recommends'];
  const words = requests.map((r) => shellQuote(r.version === undefined ? r.name : `${r.name}=${r.version}`));
  return [aptGet(args), ...recommends, 'install', ...words].join(' ');
}

function removeCommand(args: AptArgs, requests: AptRequest[]): string {
  const flags = [...(args.purge ? ['--purge'] : []), ...(args.autoremove ? ['--auto-remove'] : [])];
  return [aptGet(args), ...flags, 'remove', ...requests.map((r) => shellQuote(r.name))].join(' ');
}

/** What `apt-get --simulate` would list for the named packages (check mode shows it). */
function simulation(install: AptRequest[], remove: AptRequest[], purge: boolean, facts: AptFacts): string {
  const lines = [
    ...install.map((r) => `Inst ${r.name} (${r.version ?? facts.candidates[r.name] ?? 'candidate'})`),
    ...remove.map((r) => `${purge ? 'Purg' : 'Remv'} ${r.name} [${facts.packages[r.name]?.version ?? ''}]`),
  ];
  return lines.map((line) => `${line}\n`).join('');
}

function packageDiff(requests: AptRequest[], install: AptRequest[], remove: AptRequest[], facts: AptFacts): DiffEntry {
  const line = (name: string, version: string | undefined): string => (version ? `${name} ${version}\n` : '');
  const before = requests.map((r) => line(r.name, isInstalled(facts.packages[r.name]) ? facts.packages[r.name]?.version : undefined)).join('');
  const after = requests
    .map((r) => {
      if (remove.includes(r)) return '';
      if (install.includes(r)) return line(r.name, r.version ?? facts.candidates[r.name] ?? 'candidate');
      return line(r.name, facts.packages[r.name]?.version);
    })
    .join('');
  return { before, after, before_header: 'installed packages', after_header: 'installed packages' };
}

const NOTHING_DONE = /^0 upgraded, 0 newly installed, 0 to remove/m;

function collect(outputs: StepOutput[], updated: boolean, packageChange: boolean, recheck: boolean, named: boolean): Record<string, unknown> {
  const last = outputs[outputs.length - 1];
  const failed = outputs.find((o) => o.rc !== 0);
  if (failed) return { msg: `'${updated && outputs[0] === failed ? 'apt-get update' : 'apt-get'}' failed: ${failed.stderr.trim()}`, stdout: failed.stdout, stderr: failed.stderr };
  const stdio = last && (packageChange || recheck) ? { stdout: last.stdout, stderr: last.stderr } : {};
  if (recheck) return { ...stdio, changed: !NOTHING_DONE.test(last?.stdout ?? '') };
  return { ...stdio, changed: packageChange || (updated && !named) };
}
