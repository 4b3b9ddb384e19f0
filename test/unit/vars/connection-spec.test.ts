import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/errors.js';
import { Secret } from '../../../src/secret.js';
import { becomeFor, becomeVarsFor, connectionSpecFor } from '../../../src/vars/connection-spec.js';

describe('connectionSpecFor', () => {
  it('reads ansible_* connection variables, which win over play/CLI overrides', () => {
    const password = Secret.of('pw-value', 'test');
    const spec = connectionSpecFor(
      'web1',
      { ansible_host: '10.0.0.5', ansible_port: '2222', ansible_user: 'deploy', ansible_ssh_private_key_file: '/k', ansible_password: password, ansible_ssh_known_hosts_file: '/kh', ansible_python_interpreter: '/usr/bin/python3' },
      { user: 'root', port: 22, connection: 'local' },
    );
    expect(spec).toEqual({
      name: 'web1', kind: 'local', address: '10.0.0.5', port: 2222, user: 'deploy', privateKeyFile: '/k',
      password, knownHostsFile: '/kh', hostKeyPolicy: 'strict', connectTimeoutMs: 10_000,
    });
  });

  it('defaults to ssh on port 22 with the host name as address', () => {
    const spec = connectionSpecFor('h', { ansible_connection: 'smart', ansible_host_key_checking: false }, { user: 'u', port: 2200 });
    expect(spec).toMatchObject({ kind: 'ssh', address: 'h', port: 2200, user: 'u', hostKeyPolicy: 'accept-new' });
  });

  it('rejects unsupported connection types and bad ports', () => {
    expect(() => connectionSpecFor('h', { ansible_connection: 'docker' })).toThrow(ParseError);
    expect(() => connectionSpecFor('h', { ansible_port: '{{ ssh_port }}' })).toThrow(/ansible_port must be a number for host h/);
  });

  it('builds Become from task keywords and ansible_become* vars', () => {
    const vars = becomeVarsFor('h', { ansible_become: 'yes', ansible_become_password: 'x' });
    expect(becomeFor(vars, undefined, undefined)).toEqual({ method: 'sudo', user: 'root', password: 'x' });
    expect(becomeFor(vars, false, undefined)).toBeUndefined();
    expect(becomeFor(becomeVarsFor('h', {}), true, 'app')).toEqual({ method: 'sudo', user: 'app', password: undefined });
    expect(() => becomeVarsFor('h', { ansible_become_method: 'su' })).toThrow(/ansible_become_method 'su' is not supported/);
  });
});
