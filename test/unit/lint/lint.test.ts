import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lintProject } from '../../../src/lint/index.js';
import { formatSarif, formatText } from '../../../src/lint/format.js';

let root: string;
function project(files: Record<string, string>): string {
  root = mkdtempSync(join(tmpdir(), 'claw-lint-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function findings(files: Record<string, string>): Promise<string[]> {
  const { findings: list } = await lintProject(project(files));
  return list.map((f) => `${f.file}:${f.line}:${f.col} ${f.rule}`);
}

const clean = `---
- name: Ensure config
  ansible.builtin.template:
    src: app.conf.j2
    dest: /etc/app.conf
    mode: "0644"
  notify: Restart app
`;

describe('lint rules', () => {
  it('accepts a clean role', async () => {
    expect(
      await findings({
        'roles/app/tasks/main.yml': clean,
        'roles/app/handlers/main.yml': '---\n- name: Restart app\n  ansible.builtin.command: /bin/true\n  changed_when: true\n',
        'roles/app/defaults/main.yml': '---\napp_port: 8080\n',
        'roles/app/templates/app.conf.j2': 'port={{ app_port }}\n',
      }),
    ).toEqual([]);
  });

  it('reports YAML hygiene problems with positions', async () => {
    const result = await findings({ 'group_vars/all/vars.yml': '---\nenabled: yes\nmode: 0644\nenabled: false\nlist:\n   - a\n' });
    expect(result).toContain('group_vars/all/vars.yml:2:10 yaml-truthy');
    expect(result).toContain('group_vars/all/vars.yml:3:7 yaml-octal');
    expect(result).toContain('group_vars/all/vars.yml:4:1 yaml-key-duplicates');
  });

  it('reports inconsistent indentation', async () => {
    const result = await findings({ 'roles/a/defaults/main.yml': '---\nouter:\n  inner:\n     deep: 1\n' });
    expect(result).toContain('roles/a/defaults/main.yml:4:1 yaml-indentation');
  });

  it('reports task rules', async () => {
    const tasks = `---
- ansible.builtin.file:
    path: /x
    state: directory
- name: Short name
  file:
    path: /y
    mode: 0755
- name: Run apt-get
  ansible.builtin.command: apt-get install -y curl
- name: Pipe without pipefail
  ansible.builtin.shell: cat /etc/passwd | wc -l
  changed_when: false
- name: Latest package
  ansible.builtin.apt:
    name: curl
    state: latest
- name: Secret on argv
  ansible.builtin.command: "tool --token {{ gateway_token }}"
  changed_when: false
`;
    const result = await findings({ 'roles/a/tasks/main.yml': tasks, 'roles/a/defaults/main.yml': '---\ngateway_token: "{{ vault_gateway_token }}"\nvault_gateway_token: "{{ lookup(\'env\', \'T\') }}"\n' });
    expect(result).toEqual(
      expect.arrayContaining([
        'roles/a/tasks/main.yml:2:3 name-missing',
        'roles/a/tasks/main.yml:6:3 fqcn',
        'roles/a/tasks/main.yml:8:11 risky-octal',
        'roles/a/tasks/main.yml:10:3 no-changed-when',
        'roles/a/tasks/main.yml:10:3 command-instead-of-module',
        'roles/a/tasks/main.yml:12:3 risky-shell-pipe',
        'roles/a/tasks/main.yml:17:12 package-latest',
        'roles/a/tasks/main.yml:19:3 no-log-secret',
      ]),
    );
  });

  it('accepts pipefail, creates and no_log', async () => {
    const tasks = `---
- name: Pipe with pipefail
  ansible.builtin.shell: |
    set -o pipefail
    cat /etc/passwd | wc -l
  args:
    executable: /bin/bash
  changed_when: false
- name: Guarded command
  ansible.builtin.command: /usr/local/bin/setup
  args:
    creates: /etc/setup.done
- name: Secret with no_log
  ansible.builtin.command: "tool --token {{ api_token }}"
  changed_when: false
  no_log: true
`;
    expect(await findings({ 'roles/a/tasks/main.yml': tasks, 'roles/a/defaults/main.yml': '---\napi_token: "{{ vault_api_token }}"\n', 'group_vars/all/vault.yml.example': '---\nvault_api_token: CHANGE_ME\n' })).toEqual([]);
  });

  it('reports plaintext secrets, unpinned images and unused handlers', async () => {
    const result = await findings({
      'group_vars/all/vars.yml': '---\napi_token: "abc123"\nredis_image: "redis"\nproxy_image: "caddy:latest"\nok_image: "caddy:2.8.4"\n',
      'roles/a/templates/compose.yml.j2': 'services:\n  app:\n    image: nginx:latest\n',
      'roles/a/handlers/main.yml': '---\n- name: Never called\n  ansible.builtin.debug:\n    msg: hi\n',
      'playbook.yml': '---\n- name: Play\n  hosts: all\n  tasks:\n    - name: Use vars\n      ansible.builtin.debug:\n        msg: "{{ api_token }} {{ redis_image }} {{ proxy_image }} {{ ok_image }}"\n',
    });
    expect(result).toEqual(
      expect.arrayContaining([
        'group_vars/all/vars.yml:2:12 no-plaintext-secret',
        'group_vars/all/vars.yml:3:14 image-latest',
        'group_vars/all/vars.yml:4:14 image-latest',
        'roles/a/templates/compose.yml.j2:3:5 image-latest',
        'roles/a/handlers/main.yml:2:3 handler-unused',
      ]),
    );
    expect(result.filter((line) => line.includes('image-latest'))).toHaveLength(3);
  });

  it('reports undefined and unused variables', async () => {
    const { findings: list } = await lintProject(
      project({
        'roles/a/defaults/main.yml': '---\nused_var: 1\ndead_var: 2\n',
        'roles/a/tasks/main.yml': '---\n- name: Show\n  ansible.builtin.debug:\n    msg: "{{ used_var }} {{ item | default(typo_var) }}"\n  when: other_missing | bool\n',
        'roles/a/templates/t.j2': '{% for host in groups["all"] %}{{ host }} {{ missing_in_template }}{% endfor %}\n',
      }),
    );
    const text = formatText(list);
    expect(text).toContain('roles/a/tasks/main.yml:4:10 var-undefined Variable "typo_var"');
    expect(text).toContain('roles/a/tasks/main.yml:5:9 var-undefined Variable "other_missing"');
    expect(text).toContain('roles/a/templates/t.j2:1:1 var-undefined Variable "missing_in_template"');
    expect(text).toContain('roles/a/defaults/main.yml:3:1 var-unused (warning) Variable "dead_var"');
    expect(text).not.toContain('"host"');
  });

  it('honours noqa and the config file', async () => {
    const tasks = '---\n- ansible.builtin.command: /bin/true  # noqa name-missing\n  changed_when: false\n- name: Latest\n  ansible.builtin.apt:\n    name: curl\n    state: latest\n';
    const result = await findings({ 'roles/a/tasks/main.yml': tasks, '.claw-lint.yml': 'skip_list: [package-latest]\n' });
    expect(result).toEqual([]);
  });

  it('writes SARIF', async () => {
    const { findings: list, rules } = await lintProject(project({ 'roles/a/tasks/main.yml': '---\n- ansible.builtin.debug:\n    msg: x\n' }));
    const sarif = JSON.parse(formatSarif(list, rules));
    expect(sarif.runs[0].results[0]).toMatchObject({ ruleId: 'name-missing', locations: [{ physicalLocation: { region: { startLine: 2 } } }] });
  });
});

describe('lint variable references', () => {
  it('ignores raw blocks and guarded references', async () => {
    const result = await findings({
      'roles/a/templates/t.j2': '{% raw %}{{ not_a_var }}{% endraw %}\n{{ maybe.attr | default("x") }} {% if other is defined %}{{ other }}{% endif %}\n',
      'roles/a/tasks/main.yml': '---\n- name: Guarded\n  ansible.builtin.debug:\n    msg: "{{ opt_x | d(1) }}"\n  when: flag_y is not defined\n',
    });
    expect(result.filter((line) => line.includes('var-undefined'))).toEqual(['roles/a/templates/t.j2:2:1 var-undefined']);
  });
});
