import { isScalar, Scalar, visit } from 'yaml';
import type { Finding, LintedYaml, LintProject, Rule } from '../types.js';
import { finding } from '../yaml-tree.js';

// yamllint-style hygiene: YAML 1.1 reads `yes`/`on`/`0644` in surprising ways, so only
// `true`/`false` and quoted modes are allowed; duplicate keys silently lose a value.

const TRUTHY = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|True|TRUE|False|FALSE)$/;

function truthy(y: LintedYaml): Finding[] {
  const found: Finding[] = [];
  visit(y.doc, {
    Scalar(_, node) {
      if (node.type !== Scalar.PLAIN || !node.range) return;
      const source = y.text.slice(node.range[0], node.range[1]);
      if (TRUTHY.test(source)) found.push(finding(y, node, 'yaml-truthy', `Truthy value should be one of [false, true], not "${source}".`));
    },
  });
  return found;
}

function octal(y: LintedYaml): Finding[] {
  const found: Finding[] = [];
  visit(y.doc, {
    Pair(_, pair) {
      const value = pair.value;
      if (!isScalar(value) || value.type !== Scalar.PLAIN || !value.range) return;
      const source = y.text.slice(value.range[0], value.range[1]);
      if (/^0[0-7]+$/.test(source)) found.push(finding(y, value, 'yaml-octal', `Octal-looking value ${source} must be quoted ("${source}"): unquoted it is read as the integer ${parseInt(source, 8)}.`));
    },
  });
  return found;
}

function duplicateKeys(y: LintedYaml): Finding[] {
  const found: Finding[] = [];
  visit(y.doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (seen.has(key)) found.push(finding(y, pair.key, 'yaml-key-duplicates', `Duplicate key "${key}".`));
        seen.add(key);
      }
    },
  });
  return found;
}

/** Continuation lines of scalars and flow collections ([a, b] / {a: b}) may be indented freely. */
function continuationLines(y: LintedYaml): Set<number> {
  const lines = new Set<number>();
  const cover = (range: [number, number, number] | null | undefined): void => {
    if (!range) return;
    const first = y.lines.linePos(range[0]).line;
    const last = y.lines.linePos(Math.max(range[0], range[1] - 1)).line;
    for (let line = first + 1; line <= last; line++) lines.add(line);
  };
  visit(y.doc, {
    Scalar(_, node) {
      cover(node.range);
    },
    Seq(_, node) {
      if (node.flow) cover(node.range);
    },
    Map(_, node) {
      if (node.flow) cover(node.range);
    },
  });
  return lines;
}

function indentation(y: LintedYaml): Finding[] {
  const skip = continuationLines(y);
  let unit = 0;
  const found: Finding[] = [];
  y.text.split('\n').forEach((text, index) => {
    const line = index + 1;
    if (skip.has(line) || /^\s*(#|$)/.test(text)) return;
    const indent = /^ */.exec(text)![0].length;
    if (text[indent] === '\t') found.push({ file: y.file, line, col: indent + 1, rule: 'yaml-indentation', severity: 'error', message: 'Tabs are not allowed for indentation.' });
    if (indent === 0) return;
    if (unit === 0) unit = indent;
    else if (indent % unit !== 0) found.push({ file: y.file, line, col: 1, rule: 'yaml-indentation', severity: 'error', message: `Wrong indentation: expected a multiple of ${unit} spaces but found ${indent}.` });
  });
  return found;
}

function perFile(id: string, description: string, fn: (y: LintedYaml) => Finding[]): Rule {
  return { id, description, check: (project: LintProject) => project.yaml.flatMap(fn) };
}

export const yamlRules: Rule[] = [
  perFile('yaml-truthy', 'only true/false booleans', truthy),
  perFile('yaml-octal', 'octal-looking values quoted', octal),
  perFile('yaml-key-duplicates', 'no duplicate keys', duplicateKeys),
  perFile('yaml-indentation', 'consistent indentation', indentation),
];

