import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { startSshd, type TestSshd } from './harness/sshd.js';

// The sshd harness wrapped for the lockout tests: the harness writes one sshd_config whose
// `ListenAddress 127.0.0.1:PORT` line the tests move; the reload is a SIGHUP to its pid
// (sshd -D re-executes itself with the new config and keeps existing sessions).

export interface GuardedSshd {
  sshd: TestSshd;
  configFile: string;
  /** The harness's config as written, for "was it restored" checks. */
  original: string;
  reloadCommand: string;
  /** Lets clients verify the host key on another port as well. */
  trustPort(port: number): Promise<void>;
  /** The original config with its ListenAddress line replaced by `lines`. */
  configWith(lines: string[]): string;
}

export async function startGuardedSshd(): Promise<GuardedSshd> {
  const sshd = await startSshd();
  const configFile = join(sshd.dir, 'sshd_config');
  const original = await readFile(configFile, 'utf8');
  const hostPub = (await readFile(join(sshd.dir, 'host_key.pub'), 'utf8')).trim().split(/\s+/).slice(0, 2).join(' ');
  const listen = `ListenAddress 127.0.0.1:${sshd.port}`;
  if (!original.includes(`${listen}\n`)) throw new Error(`harness config changed shape:\n${original}`);
  return {
    sshd,
    configFile,
    original,
    reloadCommand: `kill -HUP $(cat ${join(sshd.dir, 'sshd.pid')})`,
    trustPort: (port) => appendFile(sshd.knownHostsFile, `[127.0.0.1]:${port} ${hostPub}\n`),
    configWith: (lines) => original.replace(`${listen}\n`, lines.map((line) => `${line}\n`).join('')),
  };
}

/** A TCP listener that accepts and never says a word (a port "another process" holds). */
export async function silentListener(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return {
    port: address.port,
    close: () => {
      sockets.forEach((s) => s.destroy());
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export interface GuardInventory {
  /** Port the inventory's ansible_port follows (ssh_port). */
  sshPort: number;
  /** Port this play's sshd task connects on (task-level ansible_port). */
  bootstrapPort: number;
  revertSeconds: number;
}

/** Host `box`: ansible_port follows ssh_port, the guard pointed at the harness config. */
export async function writeGuardInventory(path: string, g: GuardedSshd, inv: GuardInventory): Promise<string> {
  const { sshd } = g;
  const lines = [
    'all:',
    '  hosts:',
    '    box:',
    '      ansible_host: 127.0.0.1',
    '      ansible_port: "{{ ssh_port }}"',
    `      ssh_port: ${inv.sshPort}`,
    `      bootstrap_port: ${inv.bootstrapPort}`,
    `      ansible_user: ${sshd.user}`,
    `      ansible_ssh_private_key_file: ${sshd.privateKeyFile}`,
    `      ansible_ssh_known_hosts_file: ${sshd.knownHostsFile}`,
    `      ansible_become_password: ${sshd.becomePassword}`,
    '      ansible_timeout: 3',
    `      claw_sshd_config_paths: ['${g.configFile}']`,
    `      claw_sshd_reload_command: '${g.reloadCommand}'`,
    `      claw_lockout_revert_seconds: ${inv.revertSeconds}`,
  ];
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

/** A play whose first task rewrites the sshd config (connecting on bootstrap_port), then runs a command. */
export function movePlaybook(g: GuardedSshd, listen: string[]): string {
  const content = g.configWith(listen).replace(/\n/g, '\n          ');
  return [
    '- hosts: box',
    '  gather_facts: false',
    '  become: true',
    '  tasks:',
    '    - name: move sshd',
    '      ansible.builtin.copy:',
    `        dest: ${g.configFile}`,
    '        mode: "0644"',
    '        content: |',
    `          ${content.trimEnd()}`,
    '      vars:',
    '        ansible_port: "{{ bootstrap_port }}"',
    '    - name: where am I',
    '      ansible.builtin.command: sh -c \'echo "$SSH_CONNECTION"\'',
    '      become: false',
    '',
  ].join('\n');
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const listener = await silentListener();
  await listener.close();
  return listener.port;
}
