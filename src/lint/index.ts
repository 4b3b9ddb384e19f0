import type { Finding, LintProject, Rule } from './types.js';
import { collectProject } from './collect-files.js';
import { loadLintConfig, suppressedOnLine } from './config.js';
import { projectRules } from './rules/project-rules.js';
import { taskRules } from './rules/task-rules.js';
import { variableRules } from './rules/variables.js';
import { yamlRules } from './rules/yaml-hygiene.js';

export const RULES: Rule[] = [...yamlRules, ...taskRules, ...projectRules, ...variableRules];

export interface LintOutcome {
  findings: Finding[];
  rules: Rule[];
}

/** Lints an Ansible-style project: playbooks, inventory, group/host vars, roles and their templates. */
export async function lintProject(root: string): Promise<LintOutcome> {
  const config = await loadLintConfig(root);
  const project = await collectProject(root, config.exclude_paths);
  const rules = RULES.filter((rule) => !config.skip_list.includes(rule.id));
  const findings = rules
    .flatMap((rule) => rule.check(project))
    .filter((f) => !suppressed(project, f))
    .map((f) => (config.warn_list.includes(f.rule) ? { ...f, severity: 'warning' as const } : f))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
  return { findings, rules };
}

function suppressed(project: LintProject, f: Finding): boolean {
  const text = project.yaml.find((y) => y.file === f.file)?.text ?? project.templates.find((t) => t.file === f.file)?.text;
  const line = text?.split('\n')[f.line - 1];
  return line !== undefined && suppressedOnLine(line, f.rule);
}
