import { writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apply, tree } from './helpers.js';
import { define, toApplyOptions } from '../../src/cli/apply.js';
import { syntaxCheck } from '../../src/playbook/listing.js';
import { encryptEnvelope } from '../../src/vault/decrypt.js';
import type { ApplyOptions } from '../../src/runner/apply-options.js';

// Regressions found while integrating the apply command (flags, check mode, vault errors).

/** The ApplyOptions commander hands the apply action for these arguments (nothing runs). */
function parsed(args: string[]): ApplyOptions {
  const program = new Command().exitOverride();
  define(program, () => undefined);
  let options: ApplyOptions | undefined;
  const command = program.commands.find((c) => c.name() === 'apply')!;
  command.action((playbook: string, flags: Record<string, unknown>) => void (options = toApplyOptions(playbook, flags)));
  program.parse(['node', 'claw-provision', 'apply', ...args]);
  return options!;
}

afterEach(() => vi.restoreAllMocks());

describe('apply flags with two long names (ansible-playbook aliases)', () => {
  it.each([
    [['--private-key', 'k1'], { privateKey: 'k1' }],
    [['--key-file', 'k2'], { privateKey: 'k2' }],
    [['--vault-password-file', 'v1'], { vaultPasswordFiles: ['v1'] }],
    [['--vault-pass-file', 'v2'], { vaultPasswordFiles: ['v2'] }],
    [['--vault-pass-file', 'v2', '--vault-password-file', 'v3'], { vaultPasswordFiles: ['v2', 'v3'] }],
    [['--ask-vault-pass'], { askVaultPass: true }],
    [['--ask-vault-password'], { askVaultPass: true }],
    [['-J'], { askVaultPass: true }],
    [['--become-password-file', 'b1'], { becomePasswordFile: 'b1' }],
    [['--become-pass-file', 'b2'], { becomePasswordFile: 'b2' }],
    [['--inventory', 'i1', '--inventory-file', 'i2', '-i', 'i3'], { inventories: ['i1', 'i2', 'i3'] }],
  ])('%j arrives as %j', (args, expected) => {
    expect(parsed(['site.yml', ...args])).toMatchObject(expected);
  });
});

describe('apply --syntax-check / --list-*', () => {
  it('--syntax-check answers what the loader syntaxCheck answers, without reading the inventory', async () => {
    const dir = await tree({ 'site.yml': `- hosts: all\n  gather_facts: false\n  tasks:\n    - debug: msg=hi\n` });
    const run = await apply([join(dir, 'site.yml'), '--syntax-check', '-i', join(dir, 'missing-inventory.ini')]);
    expect(run.code).toBe(0);
    expect(run.out).toBe(await syntaxCheck(join(dir, 'site.yml')));
  });
});

describe('apply load-time checks', () => {
  it('an environment name that is no shell variable name is a parse error at its line', async () => {
    const dir = await tree({ 'site.yml': `- hosts: localhost\n  connection: local\n  gather_facts: false\n  tasks:\n    - command: echo hi\n      environment:\n        GOOD: 1\n        BAD-NAME: 2\n` });
    const run = await apply([join(dir, 'site.yml')]);
    expect(run.code).toBe(4);
    expect(run.err).toContain(`${join(dir, 'site.yml')}:8:9`);
    expect(run.err).toMatch(/"BAD-NAME" is not a valid shell variable name/);
  });

  it('a vault vars file without a vault password names the file and how to pass the password', async () => {
    const vault = encryptEnvelope(Buffer.from('token: s3cret\n'), Buffer.from('right'));
    const dir = await tree({
      'site.yml': `- hosts: localhost\n  connection: local\n  gather_facts: false\n  vars_files: [secrets.yml]\n  tasks:\n    - debug: msg=hi\n`,
      'secrets.yml': vault,
    });
    const run = await apply([join(dir, 'site.yml')]);
    expect(run.code).toBe(4);
    expect(run.err).toContain(join(dir, 'secrets.yml'));
    expect(run.err).toMatch(/no vault password was given\n {2}hint: pass --vault-password-file FILE/);
    await writeFile(join(dir, 'pw.txt'), 'wrong\n');
    const wrong = await apply([join(dir, 'site.yml'), '--vault-password-file', join(dir, 'pw.txt')]);
    expect(wrong.code).toBe(4);
    expect(wrong.err).toContain(join(dir, 'secrets.yml'));
  });
});

describe('apply --check --diff', () => {
  // Needs the copy-plan change (src/modules/copy/plan.ts, not the runner's file): the
  // missing-parent failure must carry the content diff; the runner keeps it (see
  // test/unit/runner/integration-fixes.test.ts). Un-skip when that lands.
  it('template/copy into a directory an earlier task creates: diff shows the new content and reports changed', async () => {
    const dir = await tree({
      'site.yml': `- hosts: localhost\n  connection: local\n  gather_facts: false\n  tasks:\n    - name: dir\n      file: { path: "{{ playbook_dir }}/out/sub", state: directory }\n    - name: cp\n      copy: { dest: "{{ playbook_dir }}/out/sub/a.conf", content: "hello\\n" }\n    - name: tpl\n      template: { src: t.j2, dest: "{{ playbook_dir }}/out/sub/b.conf" }\n`,
      't.j2': 'x={{ 1 + 1 }}\n',
    });
    const run = await apply([join(dir, 'site.yml'), '--check', '--diff']);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/TASK \[cp\][\s\S]*\+hello[\s\S]*changed: \[localhost\]/);
    expect(run.out).toMatch(/TASK \[tpl\][\s\S]*\+x=2[\s\S]*changed: \[localhost\]/);
    expect(run.out).toMatch(/localhost\s+: ok=3\s+changed=3\s+unreachable=0\s+failed=0/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});
