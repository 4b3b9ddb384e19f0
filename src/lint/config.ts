import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ParseError } from '../errors.js';

// `.claw-lint.yml` at the project root: rules to skip, rules that only warn, paths to leave out.

export interface LintConfig {
  skip_list: string[];
  warn_list: string[];
  exclude_paths: string[];
}

export const CONFIG_FILE = '.claw-lint.yml';

export async function loadLintConfig(root: string): Promise<LintConfig> {
  const path = join(root, CONFIG_FILE);
  const text = await readFile(path, 'utf8').catch(() => undefined);
  const config: LintConfig = { skip_list: [], warn_list: [], exclude_paths: [] };
  if (text === undefined) return config;
  const raw = (parse(text) ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!(key in config)) throw new ParseError('lint-config', `unknown key "${key}" in ${CONFIG_FILE}`, { where: path, hint: 'allowed: skip_list, warn_list, exclude_paths' });
    const value = raw[key];
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new ParseError('lint-config', `"${key}" must be a list of strings`, { where: path });
    config[key as keyof LintConfig] = value;
  }
  return config;
}

/** `# noqa rule-id` (YAML) or `{# noqa rule-id #}` (templates) on the finding's line. */
export function suppressedOnLine(lineText: string, rule: string): boolean {
  const match = /(?:#|\{#)\s*noqa(?::|\s)\s*([\w\s,-]*)/.exec(lineText);
  if (!match) return false;
  const rules = (match[1] ?? '').split(/[\s,]+/).filter(Boolean);
  return rules.length === 0 || rules.includes(rule);
}
