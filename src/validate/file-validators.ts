import { copyFile, cp, mkdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { execa } from 'execa';
import { parseAllDocuments } from 'yaml';
import { hasTool, runTool } from './external-tool.js';
import type { FileValidator } from './types.js';

// One validator per kind of rendered file, each using the real tool the target will use.

const script: FileValidator[] = [
  {
    name: 'bash -n',
    matches: (path, first) => path.endsWith('.sh') || /^#!.*\b(bash|sh)\b/.test(first),
    run: (file) => runTool('bash', 'bash', ['-n', file]),
  },
  {
    name: 'shellcheck',
    matches: (path, first) => path.endsWith('.sh') || /^#!.*\b(bash|sh)\b/.test(first),
    run: (file) => runTool('shellcheck', 'shellcheck', ['--severity=warning', file]),
  },
];

const sshd: FileValidator = {
  name: 'sshd -t',
  matches: (path) => /(^|\/)sshd_config(\.d\/[^/]+\.conf)?$/.test(path) || /sshd[^/]*\.conf$/.test(path),
  async run(file, scratch) {
    if (!(await hasTool('sshd')) && !(await hasTool('/usr/sbin/sshd'))) return { status: 'skipped', detail: 'skipped: install openssh-server' };
    const key = join(scratch, 'sshd_host_ed25519_key');
    await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key], { reject: false });
    await mkdir('/run/sshd', { recursive: true, mode: 0o755 }).catch(() => undefined);
    return runTool('/usr/sbin/sshd', 'openssh-server', ['-t', '-f', file, '-h', key]);
  },
};

const sudoers: FileValidator = {
  name: 'visudo -c',
  matches: (path) => /(^|\/)sudoers(\.d\/[^/]+)?$/.test(path) || path.includes('sudoers.d/'),
  run: (file) => runTool('visudo', 'sudo', ['-cf', file]),
};

const caddy: FileValidator = {
  name: 'caddy validate',
  matches: (path) => /(^|\/)Caddyfile[^/]*$/.test(path),
  async run(file, scratch) {
    const outcome = await runTool('caddy', 'caddy', ['validate', '--adapter', 'caddyfile', '--config', file], { env: { HOME: scratch, XDG_DATA_HOME: scratch, XDG_CONFIG_HOME: scratch } });
    // An older local caddy (Debian 12 ships 2.6.2) does not know directives of the Caddy the
    // stack pins: that is "cannot validate here", shown as a skip, not a pass and not a failure.
    const unknown = /unrecognized (servers option|directive|subdirective)|unknown (subdirective|directive)/.exec(outcome.detail);
    if (outcome.status === 'failed' && unknown) {
      const { stdout } = await execa('caddy', ['version'], { reject: false });
      return { status: 'skipped', detail: `skipped: the local caddy ${stdout.split(' ')[0] ?? '?'} is older than this Caddyfile's syntax (${unknown[0]}); install a newer caddy to validate it` };
    }
    return outcome;
  },
};

const systemdUnit: FileValidator = {
  name: 'systemd-analyze verify',
  matches: (path) => /\.(service|timer|socket|path|mount)$/.test(path),
  async run(file, scratch) {
    // Verify a copy named as the unit so ExecStart binaries missing on this machine are the only noise we filter.
    const copy = join(scratch, basename(file));
    await copyFile(file, copy);
    const outcome = await runTool('systemd-analyze', 'systemd', ['verify', '--man=no', copy], { strictStderr: true });
    if (outcome.status !== 'failed') return outcome;
    const lines = outcome.detail.split('\n').filter((line) => line.trim() && !/is not executable: No such file|Command .* is not executable|not found|Failed to connect to bus|Unit .* not found/.test(line));
    return lines.length ? { status: 'failed', detail: lines.join('\n') } : { status: 'ok', detail: '' };
  },
};

const fail2ban: FileValidator = {
  name: 'fail2ban-client -t',
  matches: (path) => /(^|\/)jail\.(local|conf)$|jail\.d\/[^/]+\.(conf|local)$/.test(path),
  async run(file, scratch) {
    if (!(await hasTool('fail2ban-client'))) return { status: 'skipped', detail: 'skipped: install fail2ban' };
    // fail2ban tests a whole config dir: the packaged one plus our jail.
    const dir = join(scratch, 'fail2ban');
    await cp('/etc/fail2ban', dir, { recursive: true });
    await copyFile(file, join(dir, 'jail.d', `zz-${basename(file).replace(/\.local$/, '.conf')}`));
    return runTool('fail2ban-client', 'fail2ban', ['-c', dir, '--test']);
  },
};

const json: FileValidator = {
  name: 'JSON parse',
  matches: (path) => path.endsWith('.json'),
  async run(file) {
    try {
      JSON.parse(await readFile(file, 'utf8'));
      return { status: 'ok', detail: '' };
    } catch (error) {
      return { status: 'failed', detail: (error as Error).message };
    }
  },
};

const yamlParse: FileValidator = {
  name: 'YAML parse',
  matches: (path) => /\.ya?ml$/.test(path),
  async run(file) {
    const problems = parseAllDocuments(await readFile(file, 'utf8')).flatMap((doc) => ('errors' in doc ? doc.errors.map((e) => e.message) : []));
    return problems.length ? { status: 'failed', detail: problems.join('\n') } : { status: 'ok', detail: '' };
  },
};

export const FILE_VALIDATORS: FileValidator[] = [...script, sshd, sudoers, caddy, systemdUnit, fail2ban, json, yamlParse];
