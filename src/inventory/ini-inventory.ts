import { ParseError, type SourcePos } from '../errors.js';
import { unquote } from '../playbook/split-args.js';
import type { Vars } from '../playbook/model.js';
import { expandHostRange } from './host-ranges.js';
import { addChild, addGroup, addHost, type Inventory } from './types.js';

// Ansible's INI inventory: `[group]` host lines with key=value vars, `[group:vars]`,
// `[group:children]`. Values are read like Python literals (numbers, True/False, lists).

type Section = { group: string; kind: 'hosts' | 'vars' | 'children' };

export function readIniInventory(text: string, file: string, inventory: Inventory): void {
  let section: Section = { group: 'ungrouped', kind: 'hosts' };
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = rawLine.trim();
    const where: SourcePos = { file, line: index + 1, col: rawLine.indexOf(line.charAt(0)) + 1 };
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    const header = /^\[([^\]:]+)(?::(vars|children))?\]\s*(?:[#;].*)?$/.exec(line);
    if (header) {
      section = { group: header[1]!, kind: (header[2] as Section['kind'] | undefined) ?? 'hosts' };
      addGroup(inventory, section.group);
      return;
    }
    if (line.startsWith('[')) throw new ParseError('bad-inventory', `invalid section header: ${line}`, { where, hint: 'use [group], [group:vars] or [group:children]' });
    if (section.kind === 'children') addChild(inventory, section.group, line.split(/\s+/)[0]!);
    else if (section.kind === 'vars') groupVar(inventory, section.group, line, where);
    else hostLine(inventory, section.group, line, where);
  });
}

function groupVar(inventory: Inventory, group: string, line: string, where: SourcePos): void {
  const eq = line.indexOf('=');
  if (eq < 1) throw new ParseError('bad-inventory', `expected key=value in [${group}:vars], got: ${line}`, { where });
  const values: Vars = { [line.slice(0, eq).trim()]: literal(line.slice(eq + 1).trim()) };
  addGroup(inventory, group).varSources.push({ origin: `${where.file}:${where.line}`, values });
}

function hostLine(inventory: Inventory, group: string, line: string, where: SourcePos): void {
  const tokens = shlexSplit(line);
  const hostToken = tokens.shift()!;
  const values: Vars = {};
  for (const token of tokens) {
    const eq = token.indexOf('=');
    if (eq < 1) throw new ParseError('bad-inventory', `expected key=value after the host name, got: ${token}`, { where });
    values[token.slice(0, eq)] = literal(token.slice(eq + 1));
  }
  // `host:port`, where the host part may hold ranges (`web[1:3]:2222`) but no other colon.
  const port = /^((?:[^:[\]]|\[[^\]]*\])+):(\d+)$/.exec(hostToken);
  if (port) values.ansible_port = Number(port[2]);
  for (const host of expandHostRange(port ? port[1]! : hostToken, where)) {
    const h = addHost(inventory, host, group);
    if (Object.keys(values).length > 0) h.varSources.push({ origin: `${where.file}:${where.line}`, values: { ...values } });
  }
}

/** Python-literal-like reading of INI values; anything else stays a string. */
function literal(value: string): unknown {
  if (/^(['"]).*\1$/s.test(value)) return unquote(value);
  if (value === 'True') return true;
  if (value === 'False') return false;
  if (value === 'None') return null;
  // Python 3 refuses 0644 as a literal, so it stays a string.
  if (/^[-+]?(0|[1-9]\d*)$/.test(value)) return Number(value);
  if (/^[-+]?\d*\.\d+$/.test(value)) return Number(value);
  if (/^[[{]/.test(value)) {
    try {
      return JSON.parse(value.replace(/'/g, '"'));
    } catch {
      return value;
    }
  }
  return value;
}

/** Python's shlex.split(line, comments=True), as Ansible reads INI host lines: quotes removed. */
export function shlexSplit(line: string): string[] {
  const tokens: string[] = [];
  let current: string | undefined;
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && (line[i + 1] === '"' || line[i + 1] === '\\')) current = (current ?? '') + line[++i]!;
      else current = (current ?? '') + ch;
    } else if (ch === '#' && current === undefined) {
      break;
    } else if (/\s/.test(ch)) {
      if (current !== undefined) tokens.push(current);
      current = undefined;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      current = current ?? '';
    } else {
      current = (current ?? '') + (ch === '\\' && i + 1 < line.length ? line[++i] : ch);
    }
  }
  if (current !== undefined) tokens.push(current);
  return tokens;
}
