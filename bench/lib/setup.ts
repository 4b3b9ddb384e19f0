import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

// Inventories of N host aliases of the one test sshd (each alias gets its own scratch dir
// through bench_root = bench_base/inventory_hostname), and the ansible.cfg matching the
// reference setup: pipelining and SSH ControlPersist on, host keys checked against the
// sshd's own known_hosts file.

export interface Target {
  port: number;
  user: string;
  privateKeyFile: string;
  knownHostsFile: string;
}

export type Engine = 'ansible' | 'claw';

export function hostNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `h${String(i + 1).padStart(3, '0')}`);
}

/** A YAML inventory (valid for both engines) with each engine's way of naming known_hosts. */
export function inventoryText(engine: Engine, count: number, target: Target): string {
  const vars = [
    `ansible_host: 127.0.0.1`,
    `ansible_port: ${target.port}`,
    `ansible_user: ${target.user}`,
    `ansible_ssh_private_key_file: ${target.privateKeyFile}`,
    engine === 'ansible'
      ? `ansible_ssh_common_args: "-o UserKnownHostsFile=${target.knownHostsFile} -o StrictHostKeyChecking=yes"`
      : `ansible_ssh_known_hosts_file: ${target.knownHostsFile}`,
  ];
  const hosts = hostNames(count).map((name) => `    ${name}: {}`);
  return ['all:', '  hosts:', ...hosts, '  vars:', ...vars.map((line) => `    ${line}`), ''].join('\n');
}

export function ansibleCfg(dir: string): string {
  return [
    '[defaults]',
    'interpreter_python = /usr/bin/python3',
    'retry_files_enabled = False',
    'gathering = explicit',
    `local_tmp = ${join(dir, 'ansible-local')}`,
    '',
    '[ssh_connection]',
    'pipelining = True',
    `control_path_dir = ${join(dir, 'cp')}`,
    'ssh_args = -o ControlMaster=auto -o ControlPersist=600s',
    '',
  ].join('\n');
}

/** Writes inventories for every host count and both engines; returns their paths. */
export async function writeInventories(dir: string, counts: number[], target: Target): Promise<Map<string, string>> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'ansible.cfg'), ansibleCfg(dir));
  const paths = new Map<string, string>();
  for (const count of counts) {
    for (const engine of ['ansible', 'claw'] as const) {
      const path = join(dir, `${engine}-${count}.yml`);
      await writeFile(path, inventoryText(engine, count, target));
      paths.set(`${engine}-${count}`, path);
    }
  }
  return paths;
}
