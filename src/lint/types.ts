import type { Document, LineCounter } from 'yaml';

// Lint works on the YAML syntax tree (not the loaded values): it must see how a scalar was
// written (quoted or not, `yes` vs `true`), which the loader rightly forgets.

export type Severity = 'error' | 'warning';

export interface Finding {
  file: string;
  line: number;
  col: number;
  rule: string;
  severity: Severity;
  message: string;
}

export interface LintedYaml {
  /** Path relative to the project root, as printed. */
  file: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** What the file holds, from where it sits (tasks/, handlers/, a playbook...). */
  role: 'playbook' | 'tasks' | 'handlers' | 'vars' | 'meta' | 'inventory' | 'other';
}

export interface LintedTemplate {
  file: string;
  text: string;
}

export interface LintProject {
  root: string;
  yaml: LintedYaml[];
  templates: LintedTemplate[];
}

export interface Rule {
  id: string;
  description: string;
  check(project: LintProject): Finding[];
}
