import { describe, expect, it } from 'vitest';
import { DEFAULT_SSHD_CONFIG_PATHS, sshdTarget } from '../../../src/guard/sshd-target.js';

describe('sshdTarget', () => {
  it('matches the default sshd config paths, dot files included', () => {
    expect(sshdTarget('ansible.builtin.copy', { dest: '/etc/ssh/sshd_config.d/.hidden' }, DEFAULT_SSHD_CONFIG_PATHS)).toBe('/etc/ssh/sshd_config.d/.hidden');
    expect(sshdTarget('ansible.builtin.copy', { dest: '/etc/ssh/ssh_config' }, DEFAULT_SSHD_CONFIG_PATHS)).toBeUndefined();
  });

  it('answers for the globs it is given, whatever globs an earlier call compiled', () => {
    expect(sshdTarget('ansible.builtin.template', { dest: '/srv/a.conf' }, ['/srv/*'])).toBe('/srv/a.conf');
    expect(sshdTarget('ansible.builtin.template', { dest: '/srv/a.conf' }, ['/opt/*'])).toBeUndefined();
    expect(sshdTarget('ansible.builtin.template', { dest: '/srv/a.conf' }, ['/opt/*', '/srv/*.conf'])).toBe('/srv/a.conf');
    expect(sshdTarget('ansible.builtin.template', { dest: '/srv/a.conf' }, ['/srv/*'])).toBe('/srv/a.conf');
  });
});
