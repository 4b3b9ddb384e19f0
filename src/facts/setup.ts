import type { Fact } from './types.js';

// The `setup` facts (gather_facts): ONE POSIX sh script printing `key=value` lines, parsed
// into Ansible's ansible_* facts. No Python on the target: only sh, coreutils, uname, ip.
// The environment is sent base64-encoded (env -0) so multi-line values survive.

const SCRIPT = String.raw`
. /etc/os-release 2>/dev/null
echo "os_id=$ID"
echo "os_name=$NAME"
echo "os_version_id=$VERSION_ID"
echo "os_codename=\${VERSION_CODENAME:-\${UBUNTU_CODENAME:-}}"
echo "debian_version=$(cat /etc/debian_version 2>/dev/null)"
echo "system=$(uname -s)"
echo "kernel=$(uname -r)"
echo "kernel_version=$(uname -v)"
echo "machine=$(uname -m)"
echo "nodename=$(uname -n)"
echo "fqdn=$(hostname -f 2>/dev/null || uname -n)"
echo "user_id=$(id -un)"
echo "user_uid=$(id -u)"
echo "user_gid=$(id -g)"
echo "user_dir=$HOME"
echo "user_shell=$(getent passwd "$(id -un)" 2>/dev/null | cut -d: -f7)"
echo "memtotal_kb=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo 2>/dev/null)"
echo "memfree_kb=$(awk '/^MemFree:/ {print $2}' /proc/meminfo 2>/dev/null)"
echo "swaptotal_kb=$(awk '/^SwapTotal:/ {print $2}' /proc/meminfo 2>/dev/null)"
echo "vcpus=$(nproc --all 2>/dev/null || getconf _NPROCESSORS_ONLN)"
if [ -d /run/systemd/system ]; then echo "service_mgr=systemd"; else echo "service_mgr=$(cat /proc/1/comm 2>/dev/null)"; fi
for m in apt-get dnf yum apk pacman zypper; do
  if command -v "$m" >/dev/null 2>&1; then echo "pkg_mgr=$m"; break; fi
done
route=$(ip -4 route get 1.1.1.1 2>/dev/null | head -n 1)
echo "route4=$route"
echo "env=$(env -0 | base64 | tr -d '\n')"
`;

const FAMILY: Record<string, string> = {
  ubuntu: 'Debian', debian: 'Debian', linuxmint: 'Debian', kali: 'Debian', raspbian: 'Debian', pop: 'Debian',
  rhel: 'RedHat', centos: 'RedHat', fedora: 'RedHat', rocky: 'RedHat', almalinux: 'RedHat', ol: 'RedHat', amzn: 'RedHat',
  alpine: 'Alpine', arch: 'Archlinux', opensuse: 'Suse', 'opensuse-leap': 'Suse', sles: 'Suse', gentoo: 'Gentoo',
};

const DISTRIBUTION: Record<string, string> = {
  ubuntu: 'Ubuntu', debian: 'Debian', linuxmint: 'Linux Mint', rhel: 'RedHat', centos: 'CentOS', fedora: 'Fedora',
  rocky: 'Rocky', almalinux: 'AlmaLinux', ol: 'OracleLinux', amzn: 'Amazon', alpine: 'Alpine', arch: 'Archlinux',
  'opensuse-leap': 'openSUSE Leap', sles: 'SLES', gentoo: 'Gentoo', kali: 'Kali',
};

const PKG_MGR: Record<string, string> = { 'apt-get': 'apt', dnf: 'dnf', yum: 'yum', apk: 'apk', pacman: 'pacman', zypper: 'zypper' };

export type SetupFacts = Record<string, unknown>;

export const setupFact: Fact<SetupFacts> = {
  key: 'setup',
  script: SCRIPT,
  parse: parseSetup,
};

export function parseSetup(stdout: string): SetupFacts {
  const raw = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) raw.set(line.slice(0, eq), line.slice(eq + 1));
  }
  const get = (key: string): string => raw.get(key) ?? '';
  const id = get('os_id');
  const nodename = get('nodename');
  return {
    ...distributionFacts(id, get),
    system: get('system') || 'Linux',
    kernel: get('kernel'),
    kernel_version: get('kernel_version'),
    architecture: get('machine'),
    machine: get('machine'),
    nodename,
    hostname: nodename.split('.')[0],
    fqdn: get('fqdn') || nodename,
    domain: domainOf(get('fqdn')),
    user_id: get('user_id'),
    user_uid: toInt(get('user_uid')),
    user_gid: toInt(get('user_gid')),
    user_dir: get('user_dir'),
    user_shell: get('user_shell'),
    memtotal_mb: Math.floor(toInt(get('memtotal_kb')) / 1024),
    memfree_mb: Math.floor(toInt(get('memfree_kb')) / 1024),
    swaptotal_mb: Math.floor(toInt(get('swaptotal_kb')) / 1024),
    processor_vcpus: toInt(get('vcpus')),
    processor_nproc: toInt(get('vcpus')),
    service_mgr: get('service_mgr') || 'service',
    pkg_mgr: PKG_MGR[get('pkg_mgr')] ?? 'unknown',
    default_ipv4: parseRoute(get('route4')),
    env: parseEnv(get('env')),
  };
}

function distributionFacts(id: string, get: (key: string) => string): SetupFacts {
  const versionId = get('os_version_id');
  // Debian's point release lives in /etc/debian_version ("12.5"); os-release only says "12".
  const debianVersion = get('debian_version');
  const version = id === 'debian' && /^\d+(\.\d+)*$/.test(debianVersion) ? debianVersion : versionId;
  return {
    distribution: DISTRIBUTION[id] ?? (get('os_name').split(' ')[0] || 'Linux'),
    distribution_release: get('os_codename') || 'NA',
    distribution_version: version || 'NA',
    distribution_major_version: version ? (version.split('.')[0] ?? version) : 'NA',
    os_family: FAMILY[id] ?? (DISTRIBUTION[id] ?? 'Linux'),
  };
}

function parseRoute(line: string): Record<string, string> {
  const word = (name: string): string | undefined => {
    const match = new RegExp(`\\b${name} (\\S+)`).exec(line);
    return match?.[1];
  };
  const out: Record<string, string> = {};
  const address = word('src');
  if (address) out.address = address;
  const iface = word('dev');
  if (iface) {
    out.interface = iface;
    out.alias = iface;
  }
  const gateway = word('via');
  if (gateway) out.gateway = gateway;
  return out;
}

function parseEnv(encoded: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of Buffer.from(encoded, 'base64').toString('utf8').split('\0')) {
    const eq = entry.indexOf('=');
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return env;
}

function domainOf(fqdn: string): string {
  const dot = fqdn.indexOf('.');
  return dot < 0 ? '' : fqdn.slice(dot + 1);
}

function toInt(text: string): number {
  const value = Number.parseInt(text, 10);
  return Number.isFinite(value) ? value : 0;
}

/** Facts as task variables: each as `ansible_<name>` and all under `ansible_facts`. */
export function factsAsVars(facts: SetupFacts): Record<string, unknown> {
  const vars: Record<string, unknown> = { ansible_facts: facts };
  for (const [key, value] of Object.entries(facts)) vars[`ansible_${key}`] = value;
  return vars;
}
