import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunEvent } from '../../src/report/events.js';
import type { ApplyOptions } from '../../src/runner/apply-options.js';
import { applyCommand } from '../../src/runner/apply-command.js';
import type { TestSshd } from './harness/sshd.js';

// Shared pieces of the e2e playbook tests: an inventory for the test sshd, the engine run
// in-process with its events collected, and a hash of a target tree.

export const FIXTURE = join(import.meta.dirname, 'fixtures', 'playbook', 'playbook.yml');

export type HostResult = Extract<RunEvent, { type: 'host-result' }>;

export interface TargetHost {
  name: string;
  base: string;
  /** Overrides the port (an unreachable host). */
  port?: number;
}

export async function writeInventory(path: string, sshd: TestSshd, hosts: TargetHost[]): Promise<string> {
  const lines = ['all:', '  hosts:'];
  for (const host of hosts) {
    lines.push(
      `    ${host.name}:`,
      '      ansible_host: 127.0.0.1',
      `      ansible_port: ${host.port ?? sshd.port}`,
      `      ansible_user: ${sshd.user}`,
      `      ansible_ssh_private_key_file: ${sshd.privateKeyFile}`,
      `      ansible_ssh_known_hosts_file: ${sshd.knownHostsFile}`,
      `      ansible_ssh_common_args: "-o UserKnownHostsFile=${sshd.knownHostsFile} -o StrictHostKeyChecking=yes"`,
      `      ansible_become_password: ${sshd.becomePassword}`,
      '      ansible_python_interpreter: /usr/bin/python3',
      `      base: ${host.base}`,
    );
  }
  lines.push('  children:', '    target:', '      hosts:', ...hosts.map((h) => `        ${h.name}: {}`));
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

export function applyOptions(playbook: string, inventory: string, extra: Partial<ApplyOptions> = {}): ApplyOptions {
  return {
    playbook, inventories: [inventory], tags: [], skipTags: [], check: false, diff: false, extraVars: [], forks: 10,
    askPass: false, askBecomePass: false, vaultPasswordFiles: [], vaultIds: [], askVaultPass: false, step: false,
    syntaxCheck: false, forceHandlers: false, detailedExitcode: false, verbosity: 0, hostKeyPolicy: 'strict', ...extra,
  };
}

export interface EngineRun {
  code: number;
  events: RunEvent[];
  /** Final host results (not loop items), in order. */
  results: HostResult[];
  output: string;
}

export async function runEngine(options: ApplyOptions): Promise<EngineRun> {
  const events: RunEvent[] = [];
  let output = '';
  const code = await applyCommand(options, {
    reporter: { emit: (event) => void events.push(event), close: async () => undefined },
    write: (text) => void (output += text),
  });
  const results = events.filter((e): e is HostResult => e.type === 'host-result' && e.item === undefined);
  return { code, events, results, output };
}

/** Every entry under `root`: relative path, type, mode, owner, link target, content hash. */
export async function treeHash(root: string, normalize: (text: string) => string = (t) => t): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, rel: string): Promise<void> => {
    let names: string[];
    try {
      names = (await readdir(dir)).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      const relPath = rel ? `${rel}/${name}` : name;
      const info = await lstat(path);
      const mode = (info.mode & 0o7777).toString(8).padStart(4, '0');
      if (info.isSymbolicLink()) out.push(`${relPath} link ${normalize(await readlink(path))}`);
      else if (info.isDirectory()) {
        out.push(`${relPath} dir ${mode} ${info.uid}:${info.gid}`);
        await walk(path, relPath);
      } else {
        const sha = createHash('sha1').update(normalize((await readFile(path)).toString('latin1'))).digest('hex');
        out.push(`${relPath} file ${mode} ${info.uid}:${info.gid} ${sha}`);
      }
    }
  };
  await walk(root, '');
  return out;
}
