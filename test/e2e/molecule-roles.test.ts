import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';

// The roles' molecule-lite scenarios as a CI gate: every template is exercised by a scenario,
// every scenario of the real project passes, and a deliberately broken template or script
// makes the right scenario fail with the validator's message naming the rendered file.

const ROOT = resolve(import.meta.dirname, '../..');
// CLAW_PROVISION_CLI lets a developer point at a build elsewhere; CI uses the built bin/.
const CLI = process.env.CLAW_PROVISION_CLI ?? join(ROOT, 'bin', 'claw-provision.js');
/** What a scenario reads from the project: roles, the example vars and the shared tasks. */
const PROJECT_PARTS = ['roles', 'group_vars', 'molecule-lite'];

const scratchDirs: string[] = [];

afterAll(async () => {
  await Promise.all(scratchDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function runTest(dir: string, args: string[]): Promise<{ code: number; output: string }> {
  const run = await execa('node', [CLI, 'test', dir, ...args], { reject: false, all: true, timeout: 540_000 });
  return { code: run.exitCode ?? -1, output: run.all ?? '' };
}

async function listFiles(dir: string, suffix: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && e.name.endsWith(suffix)).map((e) => join(e.parentPath, e.name));
}

async function templateRoles(): Promise<string[]> {
  const roles = await readdir(join(ROOT, 'roles'));
  const withTemplates = await Promise.all(roles.map(async (role) => ((await listFiles(join(ROOT, 'roles', role, 'templates'), '.j2')).length ? role : undefined)));
  return withTemplates.filter((r): r is string => r !== undefined).sort();
}

/** A copy of the project's scenario inputs with one file edited. */
async function brokenCopy(file: string, edit: (text: string) => string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'molecule-broken-'));
  scratchDirs.push(dir);
  await Promise.all(PROJECT_PARTS.map((part) => cp(join(ROOT, part), join(dir, part), { recursive: true })));
  const target = join(dir, file);
  const before = await readFile(target, 'utf8');
  const after = edit(before);
  expect(after, `the edit of ${file} must change it`).not.toBe(before);
  await writeFile(target, after);
  return dir;
}

describe('molecule-lite role scenarios', () => {
  it('exercise every template of every template-bearing role', async () => {
    const roles = await templateRoles();
    expect(roles.length).toBeGreaterThan(0);
    const missing: string[] = [];
    for (const role of roles) {
      const converges = await listFiles(join(ROOT, 'roles', role, 'molecule'), 'converge.yml');
      if (!converges.some((c) => c.endsWith(join('molecule', 'default', 'converge.yml')))) missing.push(`${role}: no molecule/default scenario`);
      const text = (await Promise.all(converges.map((c) => readFile(c, 'utf8')))).join('\n');
      for (const template of await listFiles(join(ROOT, 'roles', role, 'templates'), '.j2')) {
        if (!text.includes(basename(template))) missing.push(`${role}: ${basename(template)} is rendered by no converge.yml`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('all pass on the real project (the CI gate)', async () => {
    const { code, output } = await runTest(ROOT, ['--parallel', '4']);
    expect(output).toMatch(/\d+ passed, 0 failed: \d+\.\d\ds engine, \d+\.\d\ds validators, \d+\.\d\ds wall/);
    expect(code, output).toBe(0);
  }, 600_000);

  it('reports a scenario as JSON with the engine and validator times apart', async () => {
    const { code, output } = await runTest(ROOT, ['--role', 'proxy', '--scenario', 'tunnel', '--json']);
    expect(code, output).toBe(0);
    const report = JSON.parse(output) as { passed: number; failed: number; engineMs: number; validatorsMs: number; wallMs: number; scenarios: Array<{ id: string; steps: Array<{ step: string; status: string; validatorsMs?: number }> }> };
    expect(report).toMatchObject({ passed: 1, failed: 0 });
    expect(report.scenarios.map((s) => s.id)).toEqual(['proxy/tunnel']);
    expect(report.scenarios[0]!.steps.map((s) => `${s.step} ${s.status}`)).toEqual(['converge passed', 'idempotence passed', 'check passed', 'verify passed', 'cleanup passed']);
    expect(report.scenarios[0]!.steps.find((s) => s.step === 'verify')!.validatorsMs).toBeTypeOf('number');
    expect(report.engineMs).toBeGreaterThan(0);
    expect(report.engineMs).toBeLessThanOrEqual(report.wallMs);
  }, 120_000);

  it('fails the maintenance scenario on a shell syntax error in a script, naming the file', async () => {
    const dir = await brokenCopy('roles/maintenance/templates/backup.sh.j2', (t) => t.replace('umask 077\n', 'umask 077\nif [ -n "$HOME" ]; then\n'));
    const { code, output } = await runTest(dir, ['--role', 'maintenance', '--scenario', 'default']);
    expect(code).toBe(1);
    expect(output).toContain('maintenance/default verify FAILED');
    expect(output).toMatch(/bash -n opt\/openclaw\/monitoring\/backup\.sh:/);
    expect(output).toMatch(/syntax error/);
  }, 120_000);

  it('fails the base scenario on an invalid sshd directive, naming the drop-in', async () => {
    const dir = await brokenCopy('roles/base/templates/sshd-hardening.conf.j2', (t) => t.replace('PermitRootLogin no\n', 'PermitRootLogin no\nPermitRootLogon no\n'));
    const { code, output } = await runTest(dir, ['--role', 'base', '--scenario', 'default']);
    expect(code).toBe(1);
    expect(output).toMatch(/sshd -t etc\/ssh\/sshd_config\.d\/10-openclaw-hardening\.conf:/);
    expect(output).toMatch(/Bad configuration option: PermitRootLogon/i);
  }, 120_000);

  it('fails the config scenario on an unknown Compose key, naming the file and the key', async () => {
    const dir = await brokenCopy('roles/config/templates/docker-compose.yml.j2', (t) => t.replace('    container_name: openclaw-docker-proxy\n', '    container_name: openclaw-docker-proxy\n    no_such_key: true\n'));
    const { code, output } = await runTest(dir, ['--role', 'config', '--scenario', 'default']);
    expect(code).toBe(1);
    expect(output).toMatch(/compose schema opt\/openclaw\/docker-compose\.yml:/);
    expect(output).toMatch(/\/services\/docker-proxy.*no_such_key/);
  }, 120_000);

  it('fails verify when a template silently weakens a setting the validators accept', async () => {
    const dir = await brokenCopy('roles/base/templates/sshd-hardening.conf.j2', (t) => t.replace('PermitRootLogin no\n', 'PermitRootLogin prohibit-password\n'));
    const { code, output } = await runTest(dir, ['--role', 'base', '--scenario', 'default']);
    expect(code).toBe(1);
    expect(output).toContain('base/default verify FAILED');
    expect(output).toContain('etc/ssh/sshd_config.d/10-openclaw-hardening.conf: no line matches /^PermitRootLogin no$/');
  }, 120_000);
});
