import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshd, type TestSshd } from '../e2e/harness/sshd.js';
import { applyOptions, runEngine } from '../e2e/playbook-helpers.js';

// Parallel isolation: 50 aliases of one real sshd, forks 50, each with its own scratch dir and
// values. Registered results, set_fact values and handler notifications must stay with their host
// even when tasks interleave (sleeps of different lengths reorder the hosts' replies).

const HOSTS = 50;
let sshd: TestSshd;
let dir: string;

const hostName = (i: number): string => `h${String(i).padStart(2, '0')}`;
const token = (i: number): string => `tok-${(i * 7919) % 10007}-${hostName(i)}`;

const PLAYBOOK = `- hosts: target
  gather_facts: false
  tasks:
    - name: scratch dir
      file: { path: "{{ base }}", state: directory, mode: "0755" }
    - name: register host output
      command: "echo {{ inventory_hostname }}:{{ host_token }}"
      register: out
      changed_when: false
    - name: remember per-host facts
      set_fact:
        doubled: "{{ (host_num | int) * 2 }}"
        echoed: "{{ out.stdout }}"
    - name: slow host-dependent reply
      shell: "sleep 0.{{ (host_num | int) % 4 }}; echo {{ host_token }}"
      register: slow
      changed_when: false
    - name: write what this host saw
      copy:
        content: "{{ inventory_hostname }}|{{ host_token }}|{{ out.stdout }}|{{ doubled }}|{{ echoed }}|{{ slow.stdout }}\\n"
        dest: "{{ base }}/values.txt"
    - name: even hosts notify
      copy: { content: "even\\n", dest: "{{ base }}/parity" }
      when: (host_num | int) % 2 == 0
      notify: even handler
    - name: odd hosts notify
      copy: { content: "odd\\n", dest: "{{ base }}/parity" }
      when: (host_num | int) % 2 == 1
      notify: odd handler
  handlers:
    - name: even handler
      copy: { content: "even {{ inventory_hostname }} {{ echoed }}\\n", dest: "{{ base }}/handler.txt" }
    - name: odd handler
      copy: { content: "odd {{ inventory_hostname }} {{ slow.stdout }}\\n", dest: "{{ base }}/handler.txt" }
`;

beforeAll(async () => {
  sshd = await startSshd();
  dir = await mkdtemp('/tmp/claw-rel-iso-');
  // The login user writes the scratch dirs.
  await chmod(dir, 0o777);
  const lines = ['all:', '  children:', '    target:', '      hosts:'];
  for (let i = 0; i < HOSTS; i++) {
    lines.push(
      `        ${hostName(i)}:`,
      '          ansible_host: 127.0.0.1',
      `          ansible_port: ${sshd.port}`,
      `          ansible_user: ${sshd.user}`,
      `          ansible_ssh_private_key_file: ${sshd.privateKeyFile}`,
      `          ansible_ssh_known_hosts_file: ${sshd.knownHostsFile}`,
      `          base: ${join(dir, hostName(i))}`,
      `          host_num: ${i}`,
      `          host_token: ${token(i)}`,
    );
  }
  await writeFile(join(dir, 'hosts.yml'), `${lines.join('\n')}\n`);
  await writeFile(join(dir, 'site.yml'), PLAYBOOK);
});

afterAll(async () => {
  await sshd?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe(`parallel isolation: ${HOSTS} hosts, forks ${HOSTS}`, () => {
  it('registered results, set_fact values and handler queues stay with their host', { timeout: 240_000 }, async () => {
    const run = await runEngine(applyOptions(join(dir, 'site.yml'), join(dir, 'hosts.yml'), { forks: HOSTS }));
    expect(run.code, run.output.slice(-3000)).toBe(0);
    const wrong: string[] = [];
    for (let i = 0; i < HOSTS; i++) {
      const name = hostName(i);
      const base = join(dir, name);
      const seen = `${name}:${token(i)}`;
      const values = await readFile(join(base, 'values.txt'), 'utf8').catch(() => 'missing');
      if (values !== `${name}|${token(i)}|${seen}|${i * 2}|${seen}|${token(i)}\n`) wrong.push(`${name} values.txt: ${values}`);
      const handler = await readFile(join(base, 'handler.txt'), 'utf8').catch(() => 'missing');
      const expected = i % 2 === 0 ? `even ${name} ${seen}\n` : `odd ${name} ${token(i)}\n`;
      if (handler !== expected) wrong.push(`${name} handler.txt: ${handler}`);
      const registered = run.results.find((r) => r.host === name && r.task === 'register host output');
      if (registered?.result.stdout !== seen) wrong.push(`${name} registered: ${String(registered?.result.stdout)}`);
      const handlerRuns = run.results.filter((r) => r.host === name && /handler$/.test(r.task)).map((r) => r.task);
      if (handlerRuns.join() !== (i % 2 === 0 ? 'even handler' : 'odd handler')) wrong.push(`${name} handlers run: ${handlerRuns.join()}`);
    }
    expect(wrong).toEqual([]);
  });
});
