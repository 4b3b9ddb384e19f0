import { mkdtemp, writeFile } from 'node:fs/promises';
import { hostname, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTemplater } from '../../../src/template/index.js';

// A template file renders once per host and task: each render sees the file as it is now, and
// the template_* variables (looked up once per templater) stay right.

async function templateFile(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'claw-tpl-render-'));
  const path = join(dir, 'app.conf.j2');
  await writeFile(path, text);
  return path;
}

describe('template files', () => {
  it('render the current content on every host, with template_host and template_uid', async () => {
    const path = await templateFile('{{ inventory_hostname }} {{ template_host }} {{ template_uid }}\n');
    const templater = createTemplater();
    const owner = userInfo().username;
    expect(templater.renderFile(path, { inventory_hostname: 'web1' })).toBe(`web1 ${hostname()} ${owner}\n`);
    expect(templater.renderFile(path, { inventory_hostname: 'web2' })).toBe(`web2 ${hostname()} ${owner}\n`);
    await writeFile(path, 'now {{ inventory_hostname }}\n');
    expect(templater.renderFile(path, { inventory_hostname: 'web3' })).toBe('now web3\n');
  });
});
