import { shellQuote } from '../../facts/quote.js';
import type { Fact } from '../../facts/types.js';

// What apt knows about the packages a task names: dpkg's status (one dpkg-query for all of
// them), apt's candidate versions (one apt-cache policy) and the age of the package lists.

export interface DpkgPackage {
  /** The status word: installed, config-files, not-installed, half-installed... */
  status: string;
  version: string;
}

export function dpkgStatusFact(names: string[]): Fact<Record<string, DpkgPackage>> {
  const words = names.map(shellQuote).join(' ');
  return {
    key: `dpkg-status:${names.join(',')}`,
    script: `dpkg-query -W -f='\${Package}\\t\${Status}\\t\${Version}\\n' ${words} 2>/dev/null; :`,
    parse: (stdout) => {
      const packages: Record<string, DpkgPackage> = {};
      for (const line of stdout.split('\n')) {
        const [name, status = '', version = ''] = line.split('\t');
        if (!name) continue;
        packages[name] = { status: status.split(' ')[2] ?? '', version };
      }
      return packages;
    },
  };
}

/** Candidate version per package known to apt ("(none)" for purely virtual ones). */
export function aptCandidateFact(names: string[]): Fact<Record<string, string>> {
  return {
    key: `apt-candidate:${names.join(',')}`,
    script: `LANG=C LC_ALL=C apt-cache policy ${names.map(shellQuote).join(' ')} 2>/dev/null; :`,
    parse: (stdout) => {
      const candidates: Record<string, string> = {};
      let current: string | undefined;
      for (const line of stdout.split('\n')) {
        const header = /^(\S+):$/.exec(line);
        if (header) current = header[1];
        const candidate = /^\s+Candidate: (\S+)/.exec(line);
        if (candidate && current !== undefined) candidates[current] = candidate[1] ?? '';
      }
      return candidates;
    },
  };
}

export interface AptCacheTime {
  now: number;
  /** mtime of the update-success stamp, else of /var/lib/apt/lists; 0 when neither exists. */
  updated: number;
}

export const aptCacheTimeFact: Fact<AptCacheTime> = {
  key: 'apt-cache-time',
  script: [
    'u=$(stat -c %Y /var/lib/apt/periodic/update-success-stamp 2>/dev/null || stat -c %Y /var/lib/apt/lists 2>/dev/null || echo 0)',
    'printf \'%s %s\\n\' "$(date +%s)" "$u"',
  ].join('\n'),
  parse: (stdout) => {
    const [now = '0', updated = '0'] = stdout.trim().split(/\s+/);
    return { now: Number(now), updated: Number(updated) };
  },
};
