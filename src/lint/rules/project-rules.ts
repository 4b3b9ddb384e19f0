import { isScalar, isSeq, visit, type Node } from 'yaml';
import type { Finding, LintProject, Rule } from '../types.js';
import { hasJinja } from '../jinja-refs.js';
import { finding, mapGet, scalarText, taskMaps } from '../yaml-tree.js';

// Rules that need the whole project: secrets in plaintext vars, images without a pinned tag,
// handlers nobody notifies.

const SECRET_NAME = /(_key|_token|_password|_secret|_passwd|_pass)$/;

function plaintextSecrets(project: LintProject): Finding[] {
  const found: Finding[] = [];
  for (const y of project.yaml) {
    if (y.role !== 'vars' && y.role !== 'inventory' && y.role !== 'playbook') continue;
    if (y.file.endsWith('.example')) continue;
    visit(y.doc, {
      Pair(_, pair) {
        if (!isScalar(pair.key) || !isScalar(pair.value)) return;
        const name = String(pair.key.value);
        const value = pair.value;
        if (!SECRET_NAME.test(name) || /public/.test(name) || value.tag === '!vault') return;
        const text = scalarText(value) ?? '';
        if (text === '' || hasJinja(text)) return;
        found.push(finding(y, value, 'no-plaintext-secret', `"${name}" looks like a secret but has a plaintext value: move it to the vault (vault.yml encrypted, or !vault) and reference it.`));
      },
    });
  }
  return found;
}

function imageProblem(image: string): string | undefined {
  if (hasJinja(image) || image.includes('@sha256:')) return undefined;
  const last = image.split('/').pop() ?? image;
  if (!last.includes(':')) return `Container image "${image}" has no tag: pin a version.`;
  if (/:latest$/.test(last)) return `Container image "${image}" uses the "latest" tag: pin a version.`;
  return undefined;
}

function imageTags(project: LintProject): Finding[] {
  const found: Finding[] = [];
  for (const y of project.yaml) {
    visit(y.doc, {
      Pair(_, pair) {
        if (!isScalar(pair.key) || !isScalar(pair.value)) return;
        const key = String(pair.key.value);
        if (key !== 'image' && !key.endsWith('_image')) return;
        const problem = imageProblem(scalarText(pair.value) ?? '');
        if (problem) found.push(finding(y, pair.value, 'image-latest', problem));
      },
    });
  }
  for (const template of project.templates) {
    template.text.split('\n').forEach((line, index) => {
      const match = /^\s*image:\s*["']?([^"'\s#]+)/.exec(line);
      const problem = match ? imageProblem(match[1]!) : undefined;
      if (problem) found.push({ file: template.file, line: index + 1, col: line.indexOf('image') + 1, rule: 'image-latest', severity: 'error', message: problem });
    });
  }
  return found;
}

function unusedHandlers(project: LintProject): Finding[] {
  const notified = new Set<string>();
  const handlers: Array<{ names: string[]; node: Node; y: (typeof project.yaml)[number] }> = [];
  for (const y of project.yaml) {
    for (const { task, handler } of taskMaps(y)) {
      const notify = mapGet(task, 'notify');
      for (const item of isSeq(notify) ? notify.items : [notify]) {
        const text = scalarText(item as Node);
        if (text) notified.add(text);
      }
      if (!handler) continue;
      const listen = mapGet(task, 'listen');
      const names = [scalarText(mapGet(task, 'name')), ...(isSeq(listen) ? listen.items.map((n) => scalarText(n as Node)) : [scalarText(listen)])];
      handlers.push({ names: names.filter((n): n is string => Boolean(n)), node: task, y });
    }
  }
  return handlers
    .filter((h) => !h.names.some((name) => notified.has(name)))
    .map((h) => finding(h.y, h.node, 'handler-unused', `Handler "${h.names[0] ?? '(unnamed)'}" is never notified.`));
}

export const projectRules: Rule[] = [
  { id: 'no-plaintext-secret', description: 'secret-looking variables only from the vault', check: plaintextSecrets },
  { id: 'image-latest', description: 'container images pinned', check: imageTags },
  { id: 'handler-unused', description: 'handlers are notified', check: unusedHandlers },
];

