import { execFileSync } from 'node:child_process';
import { cpus, hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { factsAsVars, parseSetup, setupFact } from '../../../src/facts/setup.js';

// The setup script is plain POSIX sh + coreutils: run it for real on this machine and
// check the parsed facts against what Node sees; parse canned Ubuntu output exactly.

describe('setup facts', () => {
  it('runs on this machine and reports what the OS says', () => {
    const stdout = execFileSync('/bin/sh', ['-c', setupFact.script], { encoding: 'utf8', env: { ...process.env, CLAW_FACT_PROBE: 'line1\nline2' } });
    const facts = parseSetup(stdout);
    expect(facts.nodename).toBe(hostname());
    expect(facts.processor_vcpus).toBe(cpus().length);
    expect(facts.user_uid).toBe(process.getuid?.());
    expect(facts.architecture).toBe(execFileSync('uname', ['-m'], { encoding: 'utf8' }).trim());
    expect(Number(facts.memtotal_mb)).toBeGreaterThan(0);
    expect((facts.env as Record<string, string>).CLAW_FACT_PROBE).toBe('line1\nline2');
    expect(facts.os_family).toBe('Debian');
  });

  it('parses Ubuntu 24.04 output into Ansible fact names', () => {
    const facts = parseSetup(
      [
        'os_id=ubuntu', 'os_name=Ubuntu', 'os_version_id=24.04', 'os_codename=noble', 'debian_version=trixie/sid', 'system=Linux',
        'kernel=6.8.0-31-generic', 'machine=x86_64', 'nodename=vps1.example.com', 'fqdn=vps1.example.com', 'user_id=root',
        'user_uid=0', 'memtotal_kb=16384000', 'vcpus=4', 'service_mgr=systemd', 'pkg_mgr=apt-get',
        'route4=1.1.1.1 via 10.0.0.1 dev eth0 src 10.0.0.5 uid 0', `env=${Buffer.from('HOME=/root\0PATH=/usr/bin\0').toString('base64')}`,
      ].join('\n'),
    );
    expect(facts).toMatchObject({
      distribution: 'Ubuntu', distribution_release: 'noble', distribution_version: '24.04', distribution_major_version: '24',
      os_family: 'Debian', architecture: 'x86_64', hostname: 'vps1', fqdn: 'vps1.example.com', nodename: 'vps1.example.com',
      domain: 'example.com', user_id: 'root', memtotal_mb: 16000, processor_vcpus: 4, service_mgr: 'systemd', pkg_mgr: 'apt',
      kernel: '6.8.0-31-generic', default_ipv4: { address: '10.0.0.5', interface: 'eth0', gateway: '10.0.0.1', alias: 'eth0' },
      env: { HOME: '/root', PATH: '/usr/bin' },
    });
  });

  it('takes Debian point releases from /etc/debian_version', () => {
    const facts = parseSetup('os_id=debian\nos_name=Debian GNU/Linux\nos_version_id=12\nos_codename=bookworm\ndebian_version=12.7\n');
    expect(facts).toMatchObject({ distribution: 'Debian', distribution_version: '12.7', distribution_major_version: '12', distribution_release: 'bookworm' });
  });

  it('exposes facts as ansible_* variables and under ansible_facts', () => {
    const vars = factsAsVars({ distribution: 'Ubuntu' });
    expect(vars).toEqual({ ansible_facts: { distribution: 'Ubuntu' }, ansible_distribution: 'Ubuntu' });
  });
});
