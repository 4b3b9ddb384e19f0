import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { LocalConnection } from '../../../src/connection/local.js';
import { createFactReader } from '../../../src/facts/reader.js';
import { loadCatalog } from '../../../src/modules/catalog.js';
import { findModule } from '../../../src/modules/registry.js';
import { runModule } from '../../../src/modules/run-module.js';
import type { ModuleResult } from '../../../src/modules/types.js';

// Differential test against ansible-core (installed in CI): the same task on two copies of the
// same file, once through ansible-playbook, once through our module. File bytes, mode,
// `changed`, `msg` and the diff text must agree.

interface Case {
  name: string;
  module: string;
  args: Record<string, unknown>;
  /** Initial content of DIR/f (absent: no file). */
  initial?: string;
  check?: boolean;
  /** Result fields to compare besides changed. */
  compare?: string[];
}

const CASES: Case[] = [
  { name: 'regexp replace', module: 'lineinfile', args: { path: 'F', regexp: '^#?Port ', line: 'Port 2222' }, initial: 'A 1\n#Port 22\nB 2\n', compare: ['msg'] },
  { name: 'append no final newline', module: 'lineinfile', args: { path: 'F', line: 'Z 9' }, initial: 'A 1', compare: ['msg'] },
  { name: 'exact present', module: 'lineinfile', args: { path: 'F', line: 'A 1' }, initial: 'A 1\n', compare: ['msg'] },
  { name: 'insertafter last match', module: 'lineinfile', args: { path: 'F', line: 'N', insertafter: '^A' }, initial: 'A\nA\nB\n', compare: ['msg'] },
  { name: 'insertafter firstmatch', module: 'lineinfile', args: { path: 'F', line: 'N', insertafter: '^A', firstmatch: true }, initial: 'A\nA\nB\n', compare: ['msg'] },
  { name: 'insertbefore', module: 'lineinfile', args: { path: 'F', line: 'N', insertbefore: '^B' }, initial: 'A\nB\nB\n', compare: ['msg'] },
  { name: 'insertbefore BOF', module: 'lineinfile', args: { path: 'F', line: 'N', insertbefore: 'BOF' }, initial: 'A\n', compare: ['msg'] },
  { name: 'backrefs', module: 'lineinfile', args: { path: 'F', regexp: '^(X=")(.*)"$', line: '\\1\\2 more"', backrefs: true }, initial: 'X="a b"\n', compare: ['msg'] },
  { name: 'backrefs no match', module: 'lineinfile', args: { path: 'F', regexp: '^Y=(.*)$', line: 'Y=\\1', backrefs: true }, initial: 'X=1\n', compare: ['msg'] },
  { name: 'search_string', module: 'lineinfile', args: { path: 'F', search_string: 'b.c', line: 'new' }, initial: 'abc\nb.c here\n', compare: ['msg'] },
  { name: 'absent regexp', module: 'lineinfile', args: { path: 'F', regexp: '^#', state: 'absent' }, initial: '#a\nb\n#c\n', compare: ['msg', 'found'] },
  { name: 'create with mode', module: 'lineinfile', args: { path: 'F', line: 'x', create: true, mode: '0600' }, compare: ['msg'] },
  { name: 'attrs only', module: 'lineinfile', args: { path: 'F', line: 'x', mode: 'u=rw,go=' }, initial: 'x\n', compare: ['msg'] },
  { name: 'check mode', module: 'lineinfile', args: { path: 'F', line: 'y' }, initial: 'x\n', check: true, compare: ['msg'] },
  { name: 'copy new', module: 'copy', args: { dest: 'F', content: 'hello\n', mode: '0640' }, compare: ['checksum'] },
  { name: 'copy same', module: 'copy', args: { dest: 'F', content: 'hello\n' }, initial: 'hello\n', compare: ['checksum'] },
  { name: 'copy force no', module: 'copy', args: { dest: 'F', content: 'new\n', force: false }, initial: 'old\n' },
  { name: 'file symbolic mode', module: 'file', args: { path: 'F', mode: 'g+w,o-r' }, initial: 'x' },
  { name: 'file touch existing', module: 'file', args: { path: 'F', state: 'touch' }, initial: 'x' },
  { name: 'file absent', module: 'file', args: { path: 'F', state: 'absent' }, initial: 'x', compare: ['state'] },
  { name: 'command creates', module: 'command', args: { cmd: 'touch F', creates: 'F' }, initial: 'x', compare: ['msg', 'stdout', 'rc'] },
  { name: 'command check', module: 'command', args: { cmd: 'touch F' }, check: true, compare: ['msg', 'skipped'] },
  { name: 'shell rc', module: 'shell', args: { cmd: 'echo out; echo err >&2; exit 3' }, compare: ['msg', 'rc', 'stdout', 'stderr', 'failed'] },
  { name: 'regexp with $ and dedupe', module: 'lineinfile', args: { path: 'F', regexp: '^K=.*$', line: 'K=2' }, initial: 'K=1\nx\nK=3\n', compare: ['msg'] },
  { name: 'absent by line', module: 'lineinfile', args: { path: 'F', line: 'b', state: 'absent' }, initial: 'a\nb\nb\n', compare: ['msg', 'found'] },
  { name: 'absent missing file', module: 'lineinfile', args: { path: 'F', line: 'b', state: 'absent' }, compare: ['msg'] },
  { name: 'missing file no create', module: 'lineinfile', args: { path: 'F', line: 'b' }, compare: ['msg', 'failed', 'rc'] },
  { name: 'copy mode only', module: 'copy', args: { dest: 'F', content: 'x', mode: '0600' }, initial: 'x' },
  { name: 'copy validate fails', module: 'copy', args: { dest: 'F', content: 'bad', validate: 'grep -q good %s' }, initial: 'old', compare: ['failed', 'msg'] },
  { name: 'copy check', module: 'copy', args: { dest: 'F', content: 'new' }, initial: 'old', check: true },
  { name: 'file directory', module: 'file', args: { path: 'F/a/b', state: 'directory', mode: '0700' }, compare: ['state', 'mode'] },
  { name: 'file link', module: 'file', args: { path: 'F', src: '/etc/hostname', state: 'link' }, compare: ['state'] },
  { name: 'file on missing', module: 'file', args: { path: 'F' }, compare: ['msg', 'failed'] },
  { name: 'stat', module: 'stat', args: { path: 'F' }, initial: 'abc', compare: ['stat.exists', 'stat.mode', 'stat.isreg', 'stat.size', 'stat.checksum', 'stat.pw_name', 'stat.uid', 'stat.lnk_target'] },
  { name: 'slurp', module: 'slurp', args: { src: 'F' }, initial: 'abc', compare: ['content', 'encoding'] },
  { name: 'file touch new with mode', module: 'file', args: { path: 'F', state: 'touch', mode: '0600' } },
  { name: 'file link retarget', module: 'file', args: { path: 'F', src: '/etc/passwd', state: 'link', force: true }, initial: 'x', compare: ['msg'] },
  { name: 'file hard link', module: 'file', args: { path: 'F', src: '/etc/hostname', state: 'hard' }, compare: ['state'] },
  { name: 'file absent directory', module: 'file', args: { path: 'F/..', state: 'absent' } },
  { name: 'file directory on a file', module: 'file', args: { path: 'F', state: 'directory' }, initial: 'x', compare: ['msg', 'failed'] },
  { name: 'command argv quoting', module: 'command', args: { argv: ['printf', '%s|', 'a b', '$HOME', "it's"] }, compare: ['stdout', 'cmd'] },
  { name: 'command free form quoting', module: 'command', args: { cmd: `printf "%s|" 'a b' "$HOME" it\\'s ~ ~/x '~' \${HOME}x $NOPE_CLAW` }, compare: ['stdout', 'cmd'] },
  { name: 'command unbalanced quote', module: 'command', args: { cmd: `echo it's` }, compare: ['failed'] },
  { name: 'command stdin', module: 'command', args: { cmd: 'cat', stdin: 'hi' }, compare: ['stdout', 'stdout_lines'] },
  { name: 'cron remove last', module: 'cron', args: { name: 'k', cron_file: 'F', state: 'absent' }, initial: '#Ansible: k\n* * * * * root x\n' },
  { name: 'cron file', module: 'cron', args: { name: 'j', cron_file: 'F', user: 'root', job: 'true', hour: '3' }, initial: '#Ansible: k\n* * * * * root x\n', compare: ['jobs'] },
];

const ansible = (() => {
  try {
    execFileSync('sh', ['-c', 'command -v ansible-playbook']);
    return true;
  } catch {
    return false;
  }
})();

const root = mkdtempSync(join(tmpdir(), 'claw-diff-'));
const conn = new LocalConnection();
const results: { ansible: Record<string, unknown>[]; ours: ModuleResult[] } = { ansible: [], ours: [] };
const sortKeys = (value: object): object => Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)));
const fileFor = (side: string, index: number): string => join(root, side, String(index), 'f');

/** Replaces the placeholder F by the case's file, in every string argument. */
function withPath(args: Record<string, unknown>, path: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(args).map(([k, v]) => [k, typeof v === 'string' ? v.replace(/\bF\b/g, path) : v]));
}

function prepare(side: string): void {
  CASES.forEach((c, index) => {
    mkdirSync(join(root, side, String(index)), { recursive: true });
    if (c.initial !== undefined) writeFileSync(fileFor(side, index), c.initial);
  });
}

function runAnsible(): Record<string, unknown>[] {
  const tasks = CASES.map((c, index) => ({ name: c.name, [`ansible.builtin.${c.module}`]: withPath(c.args, fileFor('ansible', index)), check_mode: c.check ?? false, ignore_errors: true }));
  writeFileSync(join(root, 'play.yml'), stringify([{ hosts: 'localhost', gather_facts: false, tasks }]));
  const out = execFileSync('ansible-playbook', ['-i', 'localhost,', '-c', 'local', '--diff', join(root, 'play.yml')], {
    env: { ...process.env, ANSIBLE_STDOUT_CALLBACK: 'json', ANSIBLE_LOAD_CALLBACK_PLUGINS: '1', ANSIBLE_NOCOLOR: '1', ANSIBLE_PYTHON_INTERPRETER: '/usr/bin/python3' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const report = JSON.parse(out.slice(out.indexOf('{'))) as { plays: Array<{ tasks: Array<{ hosts: Record<string, Record<string, unknown>> }> }> };
  return report.plays[0]!.tasks.map((task) => task.hosts['localhost']!);
}

describe.skipIf(!ansible)('differential against ansible-core', () => {
  beforeAll(async () => {
    loadCatalog();
    prepare('ansible');
    prepare('ours');
    results.ansible = runAnsible();
    for (const [index, c] of CASES.entries()) {
      const facts = createFactReader(conn);
      const controller = { find: async () => '', read: async () => Buffer.alloc(0), renderTemplate: async () => '' };
      const ctx = { host: 'localhost', connection: conn, facts, controller, check: c.check ?? false, diff: true, become: undefined, forceRun: false };
      results.ours.push(await runModule(findModule(c.module)!, withPath(c.args, fileFor('ours', index)), ctx));
    }
  }, 120_000);
  afterAll(() => conn.close());

  it.each(CASES.map((c, index) => [c.name, index] as const))('%s', (_name, index) => {
    const c = CASES[index]!;
    const theirs = results.ansible[index]!;
    const ours = results.ours[index]!;
    if (process.env['CLAW_DEBUG']) console.log(JSON.stringify({ theirs, ours }, null, 1));
    const normalise = (value: unknown): unknown => (typeof value === 'string' ? value.replaceAll(`${root}/ansible/`, 'ROOT/').replaceAll(`${root}/ours/`, 'ROOT/') : value);
    expect(ours.changed, 'changed').toBe(theirs['changed']);
    const pick = (result: Record<string, unknown>, field: string): unknown => field.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], result);
    for (const field of c.compare ?? []) expect(normalise(pick(ours, field)), field).toEqual(normalise(pick(theirs, field)));
    const [a, o] = [fileFor('ansible', index), fileFor('ours', index)];
    expect(existsSync(o), 'file exists').toBe(existsSync(a));
    if (existsSync(a) && statSync(a).isFile()) {
      expect(readFileSync(o, 'utf8'), 'content').toBe(readFileSync(a, 'utf8'));
      expect((statSync(o).mode & 0o7777).toString(8), 'mode').toBe((statSync(a).mode & 0o7777).toString(8));
    }
    // Ansible modules return attribute diffs as dicts; its callback prints them as sorted JSON.
    // touch's atime/mtime are the clock at run time: a plan cannot know them (left out).
    const text = (value: unknown): unknown =>
      normalise(typeof value === 'object' && value !== null ? `${JSON.stringify(sortKeys(value), (k, v: unknown) => (k === 'atime' || k === 'mtime' ? undefined : v), 4)}\n` : value);
    const texts = (diff: unknown): unknown =>
      (Array.isArray(diff) ? diff : diff ? [diff] : [])
        .filter((d: Record<string, unknown>) => d['before'] !== undefined && JSON.stringify(d['before']) !== JSON.stringify(d['after']))
        .map((d: Record<string, unknown>) => [text(d['before']), text(d['after'])]);
    if (c.module !== 'copy') expect(texts(ours.diff), 'diff').toEqual(texts(theirs['diff']));
  });
});
