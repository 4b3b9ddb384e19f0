#!/usr/bin/env node
// Writes bench/roles/bench: ~100 tasks in plain Ansible format (both engines run the same
// files). Re-run after changing the mix; the output is committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const role = join(dirname(fileURLToPath(import.meta.url)), 'roles', 'bench');
const pad = (n) => String(n).padStart(2, '0');
const tasks = ['---'];
const add = (lines) => tasks.push(...lines, '');

for (let i = 1; i <= 30; i++) {
  add([`- name: Directory d${pad(i)}`, '  ansible.builtin.file:', `    path: "{{ bench_root }}/d${pad(i)}"`, '    state: directory', `    mode: "${i % 3 === 0 ? '0700' : '0755'}"`]);
}
for (let i = 1; i <= 25; i++) {
  add([
    `- name: Template t${pad(i)}`,
    '  ansible.builtin.template:',
    '    src: small.conf.j2',
    `    dest: "{{ bench_root }}/d${pad(i)}/t${pad(i)}.conf"`,
    '    mode: "0644"',
    '  vars:',
    `    bench_index: ${i}`,
    '  notify: Bench handler',
  ]);
}
for (let i = 1; i <= 20; i++) {
  add([`- name: Copy c${pad(i)}`, '  ansible.builtin.copy:', `    content: "copy ${i} for {{ inventory_hostname }}\\n"`, `    dest: "{{ bench_root }}/d${pad(i)}/c${pad(i)}.txt"`, '    mode: "0640"']);
}
for (let i = 1; i <= 15; i++) {
  add([
    `- name: Line l${pad(i)}`,
    '  ansible.builtin.lineinfile:',
    `    path: "{{ bench_root }}/lines.conf"`,
    `    regexp: "^key${pad(i)}="`,
    `    line: "key${pad(i)}=value-${i}"`,
    '    create: true',
    '    mode: "0644"',
  ]);
}
for (let i = 1; i <= 10; i++) {
  add([`- name: Command m${pad(i)}`, `  ansible.builtin.command: cp /etc/hostname {{ bench_root }}/d${pad(i)}/marker`, '  args:', `    creates: "{{ bench_root }}/d${pad(i)}/marker"`]);
}

const write = (path, text) => {
  mkdirSync(dirname(join(role, path)), { recursive: true });
  writeFileSync(join(role, path), text);
};
write('tasks/main.yml', tasks.join('\n'));
write('handlers/main.yml', ['---', '- name: Bench handler', '  ansible.builtin.command: cp /etc/hostname {{ bench_root }}/handler-ran', '  changed_when: true', ''].join('\n'));
write('defaults/main.yml', ['---', '# Scratch directory per host, so many host aliases of one machine never collide.', 'bench_root: "{{ bench_base }}/{{ inventory_hostname }}"', 'bench_base: /tmp/claw-bench', 'bench_items:', '  - alpha', '  - beta', '  - gamma', ''].join('\n'));
write('templates/small.conf.j2', ['# {{ ansible_managed }}', 'host = {{ inventory_hostname }}', 'index = {{ bench_index }}', '{% for item in bench_items %}', 'item.{{ loop.index }} = {{ item | upper }}', '{% endfor %}', ''].join('\n'));
console.log(`wrote ${tasks.filter((l) => l.startsWith('- name:')).length} tasks to ${role}`);
