import { isMap, isScalar, isSeq, visit, type Node, type Scalar } from 'yaml';
import type { Finding, LintedYaml, LintProject, Rule } from '../types.js';
import { expressionRefs, hasJinja, templateRefs } from '../jinja-refs.js';
import { finding, mapKeys, scalarText } from '../yaml-tree.js';

// Variables referenced but defined nowhere (an error: Ansible fails at run time, late), and
// variables defined in vars files but read nowhere (a warning: dead knobs confuse operators).

const MAGIC = new Set([
  'item', 'hostvars', 'groups', 'group_names', 'inventory_hostname', 'inventory_hostname_short', 'inventory_dir',
  'inventory_file', 'playbook_dir', 'role_path', 'role_name', 'omit', 'play_hosts', 'environment', 'vars',
  'ansible_play_hosts', 'ansible_play_batch', 'ansible_check_mode', 'ansible_diff_mode', 'ansible_loop',
  'ansible_failed_task', 'ansible_failed_result', 'ansible_managed', 'template_path', 'template_fullpath',
  'template_destpath', 'template_run_date', 'template_host', 'template_uid', 'ansible_limit', 'ansible_run_tags',
]);
const BARE_EXPRESSION_KEYS = new Set(['when', 'changed_when', 'failed_when', 'until', 'that']);

interface Ref { name: string; file: string; node?: Node; line?: number; }

function definitions(project: LintProject): Map<string, { y: LintedYaml; node: Node }> {
  const defined = new Map<string, { y: LintedYaml; node: Node }>();
  const add = (name: string, y: LintedYaml, node: Node): void => void (defined.has(name) || defined.set(name, { y, node }));
  for (const y of project.yaml) {
    const root = y.doc.contents as Node | null;
    if (y.role === 'vars' && isMap(root)) for (const pair of root.items) if (isScalar(pair.key)) add(String(pair.key.value), y, pair.key);
    visit(y.doc, {
      Pair(_, pair) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        const value = pair.value as Node | null;
        if ((key === 'vars' || key === 'set_fact' || key === 'ansible.builtin.set_fact') && isMap(value)) {
          for (const inner of value.items) if (isScalar(inner.key)) add(String(inner.key.value), y, inner.key);
        }
        if ((key === 'register' || key === 'loop_var' || key === 'index_var') && isScalar(value)) add(String(value.value), y, value);
        if (y.role === 'inventory' && key === 'hosts' && isMap(value)) {
          for (const host of value.items) if (isMap(host.value)) for (const name of mapKeys(host.value)) add(name, y, host.value);
        }
      },
    });
  }
  return defined;
}

function references(project: LintProject): Ref[] {
  const refs: Ref[] = [];
  for (const y of project.yaml) {
    visit(y.doc, {
      Pair(_, pair) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        const value = pair.value as Node | null;
        if (!BARE_EXPRESSION_KEYS.has(key)) return;
        const expressions = isSeq(value) ? value.items : [value];
        for (const item of expressions) {
          const text = scalarText(item as Node);
          if (text !== undefined && !hasJinja(text)) for (const name of expressionRefs(text)) refs.push({ name, file: y.file, node: item as Node });
        }
      },
      Scalar(_, node: Scalar) {
        if (typeof node.value === 'string' && hasJinja(node.value)) {
          const { refs: names, locals } = templateRefs(node.value);
          for (const name of names) if (!locals.includes(name)) refs.push({ name, file: y.file, node });
        }
      },
    });
  }
  for (const template of project.templates) {
    const { locals } = templateRefs(template.text);
    template.text.split('\n').forEach((line, index) => {
      for (const name of templateRefs(line).refs) if (!locals.includes(name)) refs.push({ name, file: template.file, line: index + 1 });
    });
  }
  return refs;
}

function isImplicit(name: string): boolean {
  return MAGIC.has(name) || name.startsWith('ansible_') || name.startsWith('molecule_');
}

function undefinedVars(project: LintProject): Finding[] {
  const defined = definitions(project);
  const seen = new Set<string>();
  const found: Finding[] = [];
  for (const ref of references(project)) {
    if (defined.has(ref.name) || isImplicit(ref.name)) continue;
    const key = `${ref.file}:${ref.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const y = project.yaml.find((candidate) => candidate.file === ref.file);
    const message = `Variable "${ref.name}" is used but defined nowhere (vars files, role defaults/vars, play/task vars, register, set_fact).`;
    found.push(y && ref.node ? finding(y, ref.node, 'var-undefined', message) : { file: ref.file, line: ref.line ?? 1, col: 1, rule: 'var-undefined', severity: 'error', message });
  }
  return found;
}

function unusedVars(project: LintProject): Finding[] {
  const used = new Set(references(project).map((ref) => ref.name));
  const found: Finding[] = [];
  for (const [name, { y, node }] of definitions(project)) {
    if (y.role !== 'vars' || used.has(name) || isImplicit(name) || y.file.endsWith('.example')) continue;
    found.push(finding(y, node, 'var-unused', `Variable "${name}" is defined but never used.`, 'warning'));
  }
  return found;
}

export const variableRules: Rule[] = [
  { id: 'var-undefined', description: 'variables referenced but never defined', check: undefinedVars },
  { id: 'var-unused', description: 'variables defined but never used', check: unusedVars },
];

