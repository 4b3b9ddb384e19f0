import { isScalar, type Node } from 'yaml';
import type { Finding, LintProject, Rule } from '../types.js';
import { commandText, shortName, taskShape } from '../task-shape.js';
import { finding, mapGet, scalarText, taskMaps } from '../yaml-tree.js';

// Rules in the spirit of ansible-lint's production profile, one check per task.

const PREFER_MODULE: Record<string, string> = {
  'apt-get': 'ansible.builtin.apt', apt: 'ansible.builtin.apt', systemctl: 'ansible.builtin.systemd',
  service: 'ansible.builtin.service', chmod: 'ansible.builtin.file (mode)', chown: 'ansible.builtin.file (owner)',
  mkdir: 'ansible.builtin.file (state: directory)', ln: 'ansible.builtin.file (state: link)', rm: 'ansible.builtin.file (state: absent)',
  touch: 'ansible.builtin.file (state: touch)', useradd: 'ansible.builtin.user', usermod: 'ansible.builtin.user',
  crontab: 'ansible.builtin.cron', curl: 'ansible.builtin.get_url or ansible.builtin.uri', wget: 'ansible.builtin.get_url',
  'git clone': 'ansible.builtin.git', sysctl: 'ansible.posix.sysctl', ufw: 'community.general.ufw',
};
const COMMAND_MODULES = new Set(['command', 'shell']);
const FILE_MODULES = new Set(['file', 'copy', 'template', 'lineinfile', 'get_url', 'unarchive', 'assemble', 'replace']);
const SECRET_NAME = /(_key|_token|_password|_secret|_pass)$/;

type TaskCheck = (ctx: { task: import('yaml').YAMLMap; y: import('../types.js').LintedYaml; handler: boolean }) => Finding[];

const checks: Record<string, TaskCheck> = {
  'name-missing': ({ task, y }) => (mapGet(task, 'name') ? [] : [finding(y, task, 'name-missing', 'All tasks should be named.')]),
  fqcn: ({ task, y }) => {
    const shape = taskShape(task);
    if (!shape.module || shape.module.includes('.')) return [];
    return [finding(y, shape.moduleKey, 'fqcn', `Use FQCN for module actions, such as "${fqcnFor(shape.module)}" instead of "${shape.module}".`)];
  },
  'risky-octal': ({ task, y }) => {
    const shape = taskShape(task);
    if (!shape.module || !FILE_MODULES.has(shortName(shape.module))) return [];
    const mode = shape.arg('mode');
    if (isScalar(mode) && typeof mode.value === 'number') return [finding(y, mode, 'risky-octal', 'File modes must be quoted strings such as "0644": an unquoted number is read as an integer.')];
    return [];
  },
  'no-changed-when': ({ task, y }) => {
    const shape = taskShape(task);
    if (!shape.module || !COMMAND_MODULES.has(shortName(shape.module))) return [];
    if (shape.has('changed_when') || shape.arg('creates') || shape.arg('removes') || /\b(creates|removes)=/.test(commandText(shape) ?? '')) return [];
    return [finding(y, shape.moduleKey, 'no-changed-when', 'Commands should not change things if nothing needs doing: add changed_when, creates or removes.')];
  },
  'command-instead-of-module': ({ task, y }) => {
    const shape = taskShape(task);
    if (!shape.module || !COMMAND_MODULES.has(shortName(shape.module))) return [];
    const text = (commandText(shape) ?? '').trim();
    const first = text.split(/\s+/)[0]?.replace(/^.*\//, '') ?? '';
    const preferred = PREFER_MODULE[text.startsWith('git clone') ? 'git clone' : first];
    return preferred ? [finding(y, shape.moduleKey, 'command-instead-of-module', `${first} used in place of the ${preferred} module.`)] : [];
  },
  'risky-shell-pipe': ({ task, y }) => {
    const shape = taskShape(task);
    if (!shape.module || shortName(shape.module) !== 'shell') return [];
    const text = commandText(shape) ?? '';
    const hasPipe = /(^|[^|])\|([^|]|$)/.test(text.replace(/\{\{.*?\}\}|'[^']*'|"[^"]*"/gs, ''));
    return hasPipe && !/set -[a-z]*o pipefail|set -o pipefail/.test(text) ? [finding(y, shape.moduleKey, 'risky-shell-pipe', 'Shells that use pipes should set the pipefail option (set -o pipefail).')] : [];
  },
  'package-latest': ({ task, y }) => {
    const state = taskShape(task).arg('state');
    return scalarText(state) === 'latest' ? [finding(y, state, 'package-latest', 'Package installs should not use state: latest; pin a version or use present.')] : [];
  },
  'no-log-secret': ({ task, y }) => {
    const shape = taskShape(task);
    if (!shape.module || !COMMAND_MODULES.has(shortName(shape.module)) || isTrue(mapGet(task, 'no_log'))) return [];
    const text = commandText(shape) ?? '';
    const secretRef = [...text.matchAll(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)/g)].find((m) => SECRET_NAME.test(m[1] ?? '') || (m[1] ?? '').startsWith('vault_'));
    return secretRef ? [finding(y, shape.moduleKey, 'no-log-secret', `"${secretRef[1]}" is templated into a command line: set no_log: true, or better pass it on stdin or in a file.`)] : [];
  },
};

function isTrue(node: Node | undefined): boolean {
  return isScalar(node) && (node.value === true || node.value === 'true');
}

function fqcnFor(module: string): string {
  const posix = new Set(['authorized_key', 'sysctl', 'mount', 'synchronize', 'acl', 'seboolean']);
  const general = new Set(['ufw', 'npm', 'timezone', 'modprobe']);
  const docker = new Set(['docker_image', 'docker_compose_v2', 'docker_container', 'docker_network']);
  if (posix.has(module)) return `ansible.posix.${module}`;
  if (general.has(module)) return `community.general.${module}`;
  if (docker.has(module)) return `community.docker.${module}`;
  return `ansible.builtin.${module}`;
}

export const taskRules: Rule[] = Object.entries(checks).map(([id, check]) => ({
  id,
  description: id,
  check(project: LintProject): Finding[] {
    return project.yaml.flatMap((y) => taskMaps(y).flatMap(({ task, handler }) => check({ task, y, handler })));
  },
}));

