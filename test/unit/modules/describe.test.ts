import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { loadCatalog } from '../../../src/modules/catalog.js';
import { describeModule, listModules } from '../../../src/modules/describe.js';
import { allDescriptors, findModule } from '../../../src/modules/registry.js';

loadCatalog();

function capture(): { out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  return { out: () => out.join(''), err: () => err.join('') };
}

afterEach(() => vi.restoreAllMocks());

describe('doc', () => {
  it('describes each argument with type, default, choices, aliases and description', () => {
    const text = describeModule(findModule('file')!);
    expect(text).toContain('ansible.builtin.file — Manage files');
    expect(text).toContain('  path (string; required; aliases: dest, name)\n      Path of the file to manage.');
    expect(text).toContain('  state (string; choices: absent, directory, file, hard, link, touch)');
    expect(text).toContain('  follow (boolean; default: true)');
    expect(text).toContain('  mode (mode: octal string, integer or symbolic)');
    expect(text).not.toMatch(/^ {2}dest \(/m);
  });

  it('names the free-form argument', () => {
    expect(describeModule(findModule('ansible.builtin.command')!)).toContain('free form: the text after the module name is `_raw_params`');
  });

  it('lists every registered module', () => {
    const text = listModules(allDescriptors());
    for (const name of ['ansible.builtin.copy', 'ansible.builtin.lineinfile', 'ansible.builtin.wait_for']) expect(text).toMatch(new RegExp(`^${name} +\\S`, 'm'));
  });

  it('claw-provision doc copy / --list / unknown', async () => {
    let io = capture();
    expect(await main(['doc', 'copy'])).toBe(0);
    expect(io.out()).toContain('  dest (string; required)');
    vi.restoreAllMocks();
    io = capture();
    expect(await main(['doc', '--list'])).toBe(0);
    expect(io.out()).toContain('ansible.builtin.template');
    vi.restoreAllMocks();
    io = capture();
    expect(await main(['doc', 'lineinfle'])).toBe(5);
    expect(io.err()).toContain("unknown module 'lineinfle'");
    expect(io.err()).toContain("did you mean 'lineinfile'?");
  });
});
