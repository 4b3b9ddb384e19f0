import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toApplyOptions } from '../../src/cli/apply.js';
import { FakeConnection } from '../../src/connection/fake.js';
import type { RunEvent } from '../../src/report/events.js';
import { applyCommand } from '../../src/runner/apply-command.js';
import { isSecret } from '../../src/secret.js';

// The apply command with its prompts answered by the test and a FakeConnection pool:
// -K asks the sudo password once and hands it to every become; --step asks per task;
// -l limits the play's hosts.

const defaults = { inventory: [], tags: [], skipTags: [], extraVars: [], vaultPasswordFile: [], vaultId: [], forks: '10', verbose: 0, hostKeyPolicy: 'strict' };

async function setup(): Promise<{ playbook: string; inventory: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'claw-cli-prompt-'));
  await writeFile(join(dir, 'site.yml'), `- hosts: all\n  gather_facts: false\n  become: true\n  tasks:\n    - { name: one, command: echo one }\n    - { name: two, command: echo two }\n`);
  await writeFile(join(dir, 'hosts.yml'), `all:\n  hosts:\n    h1: { ansible_host: 10.0.0.1 }\n    h2: { ansible_host: 10.0.0.2 }\n`);
  return { playbook: join(dir, 'site.yml'), inventory: join(dir, 'hosts.yml') };
}

async function run(flags: Record<string, unknown>, answers: string[]): Promise<{ code: number; fakes: Map<string, FakeConnection>; prompts: string[]; events: RunEvent[] }> {
  const { playbook, inventory } = await setup();
  const fakes = new Map<string, FakeConnection>();
  const prompts: string[] = [];
  const events: RunEvent[] = [];
  const options = toApplyOptions(playbook, { ...defaults, inventory: [inventory], ...flags });
  const code = await applyCommand(options, {
    connect: async (spec) => {
      let fake = fakes.get(spec.name);
      if (!fake) fakes.set(spec.name, (fake = new FakeConnection(spec.name)));
      return fake;
    },
    prompt: async (message) => {
      prompts.push(message);
      return answers.shift() ?? '';
    },
    reporter: { emit: (e) => void events.push(e), close: async () => undefined },
    write: () => undefined,
  });
  return { code, fakes, prompts, events };
}

describe('apply prompts and limits', () => {
  it('-K asks once and every become carries the password as a Secret', async () => {
    const out = await run({ askBecomePass: true }, ['sudo-pw-123']);
    expect(out.code).toBe(0);
    expect(out.prompts).toEqual(['BECOME password: ']);
    const becomes = [...out.fakes.values()].flatMap((f) => f.calls.map((c) => (c.kind === 'run' ? c.options.become : undefined)));
    expect(becomes).toHaveLength(4);
    for (const become of becomes) {
      expect(become?.user).toBe('root');
      expect(isSecret(become?.password)).toBe(true);
      expect(String(become?.password)).toBe('sudo-pw-123');
    }
  });

  it('--step runs a task on y, skips it on n, and stops asking after c', async () => {
    const out = await run({ step: true, limit: 'h1' }, ['n', 'y']);
    expect(out.prompts).toHaveLength(2);
    expect(out.fakes.get('h1')?.commands()).toEqual(['echo two']);
    const cont = await run({ step: true, limit: 'h1' }, ['c']);
    expect(cont.prompts).toHaveLength(1);
    expect(cont.fakes.get('h1')?.commands()).toEqual(['echo one', 'echo two']);
  });

  it('-l limits the hosts of every play', async () => {
    const out = await run({ limit: 'h2' }, []);
    expect([...out.fakes.keys()]).toEqual(['h2']);
    const play = out.events.find((e) => e.type === 'play-start');
    expect(play?.type === 'play-start' ? play.hosts : []).toEqual(['h2']);
  });
});
