import { access, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Connection, ConnectionSpec } from '../connection/types.js';
import { ClawError, EXIT, type ExitCode } from '../errors.js';
import { assertLimitMatches, loadInventory, type Inventory } from '../inventory/index.js';
import { listPlaybook, syntaxCheck } from '../playbook/listing.js';
import { loadPlaybook } from '../playbook/load-playbook.js';
import type { Playbook } from '../playbook/model.js';
import type { Reporter } from '../report/events.js';
import { createReporter } from '../report/create-reporter.js';
import { interruptScope } from '../interrupt.js';
import { registerSecret, Secret } from '../secret.js';
import { connectionSpecFor, hostInventoryLayers, mergeLayers, parseExtraVars, type MergedVars, type VarLayer } from '../vars/index.js';
import { checkVarsSchema } from '../vars/validate-schema.js';
import { configureVault } from '../vault/index.js';
import { promptPassword } from '../vault/prompt.js';
import type { ApplyOptions } from './apply-options.js';
import { runPlaybook, type RunInventory } from './index.js';
import { adaptInventory } from './inventory-adapter.js';
import { createRunnerDeps } from './wire.js';

// `claw-provision apply`: vault keyring, playbook and inventory loading, passwords asked
// once, reporters, SIGINT → recap and exit 99, and the final exit code.

export interface ApplyIo {
  /** Replaces the chosen reporters (tests collect events). */
  reporter?: Reporter | undefined;
  /** Replaces the SSH/local pool (tests). */
  connect?: ((spec: ConnectionSpec) => Promise<Connection>) | undefined;
  write?: ((text: string) => void) | undefined;
  prompt?: ((message: string) => Promise<string>) | undefined;
  /** Replaces the process-wide SIGINT signal (in-process callers such as molecule-lite). */
  signal?: AbortSignal | undefined;
}

/**
 * SIGINT anywhere (loading, prompting, running, closing) ends with exit 99 as ansible-playbook
 * does: during the run the runner stops scheduling and reports what was done.
 */
export async function applyCommand(options: ApplyOptions, io: ApplyIo = {}): Promise<ExitCode> {
  if (io.signal) return applyWithSignal(options, io, io.signal);
  const scope = interruptScope();
  try {
    return await applyWithSignal(options, io, scope.signal);
  } finally {
    scope.release();
  }
}

async function applyWithSignal(options: ApplyOptions, io: ApplyIo, signal: AbortSignal): Promise<ExitCode> {
  const write = io.write ?? ((text: string) => void process.stdout.write(text));
  const prompt = io.prompt ?? promptPassword;
  await configureVault({ passwordFiles: options.vaultPasswordFiles, vaultIds: options.vaultIds, askVaultPass: options.askVaultPass });
  const file = await existingPlaybook(options.playbook);
  if (options.syntaxCheck) {
    write(await syntaxCheck(file, options.playbook));
    return EXIT.OK;
  }
  const playbook = await loadPlaybook(file);
  const inventory = await loadInventory(options.inventories);
  assertLimitMatches(inventory, options.limit);
  if (options.list) {
    write(listing(options, playbook, inventory));
    return EXIT.OK;
  }
  const extraVars = await parseExtraVars(options.extraVars);
  const sshPassword = options.askPass ? secret(await prompt('SSH password: '), '--ask-pass') : undefined;
  const becomePassword = await becomePasswordOf(options, prompt);
  const runInventory = adaptInventory(inventory, options.limit, {
    hostLayers: (inv, host) => hostInventoryLayers(inv, host, playbook.dir),
    connectionSpec: (host, vars) => {
      const spec = connectionSpecFor(host, vars, { privateKeyFile: options.privateKey, hostKeyPolicy: options.hostKeyPolicy });
      return sshPassword && spec.password === undefined ? { ...spec, password: sshPassword } : spec;
    },
  });
  await checkVarsSchema(playbook.dir, await schemaTargets(playbook.plays.map((play) => play.hosts), runInventory, extraVars));
  const deps = createRunnerDeps({ tags: { tags: options.tags, skipTags: options.skipTags }, playbookDir: playbook.dir, connect: io.connect });
  const reporter = io.reporter ?? createReporter({ json: options.json, verbosity: options.verbosity, diff: options.diff, write, tty: Boolean(process.stdout.isTTY) && !process.env.CI });
  if (signal.aborted) {
    // Interrupted while loading: nothing ran; the recap (empty) still says so, as after a run.
    reporter.emit({ type: 'interrupted' });
    reporter.emit({ type: 'recap', stats: {} });
    await reporter.close();
    return EXIT.INTERRUPTED;
  }
  const summary = await runPlaybook(playbook, runInventory, {
    check: options.check, diff: options.diff, forks: options.forks, verbosity: options.verbosity,
    extraVars: [extraVars], remoteUser: options.user, becomePassword, forceHandlers: options.forceHandlers,
    startAtTask: options.startAtTask, signal, step: options.step ? stepper(prompt) : undefined,
  }, reporter, deps);
  await reporter.close();
  if (summary.exitCode === EXIT.OK && options.check && options.detailedExitcode && summary.changed) return EXIT.CHANGES_PENDING;
  return summary.exitCode;
}

/** --list-tasks / --list-tags / --list-hosts: the loader's listing, nothing connects. */
function listing(options: ApplyOptions, playbook: Playbook, inventory: Inventory): string {
  return listPlaybook(playbook, {
    tasks: options.list === 'tasks',
    tags: options.list === 'tags',
    hosts: options.list === 'hosts',
    inventory,
    limit: options.limit,
    selection: { tags: options.tags, skipTags: options.skipTags },
    displayName: options.playbook,
  });
}

/** Every host a play will target (before any add_host), with its inventory-level variables. */
async function schemaTargets(patterns: string[], inventory: RunInventory, extraVars: VarLayer): Promise<Array<{ host: string; merged: MergedVars }>> {
  const hosts = new Set(patterns.filter((p) => !p.includes('{{')).flatMap((p) => inventory.selectHosts(p)));
  return Promise.all([...hosts].map(async (host) => ({ host, merged: mergeLayers([...(await inventory.hostLayers(host)), extraVars]) })));
}

async function existingPlaybook(path: string): Promise<string> {
  const file = resolve(path);
  await access(file).catch(() => {
    throw new ClawError('playbook-not-found', `the playbook: ${path} could not be found`, EXIT.ERROR, { hint: 'give the playbook path as the first argument (default playbook.yml)' });
  });
  return file;
}

function secret(value: string, origin: string): Secret {
  registerSecret(value);
  return Secret.of(value, origin);
}

async function becomePasswordOf(options: ApplyOptions, prompt: (message: string) => Promise<string>): Promise<Secret | undefined> {
  if (options.becomePasswordFile) {
    const text = await readFile(options.becomePasswordFile, 'utf8').catch(() => {
      throw new ClawError('bad-option', `--become-password-file: cannot read ${options.becomePasswordFile}`, EXIT.BAD_OPTIONS);
    });
    return secret(text.split(/\r?\n/)[0] ?? '', '--become-password-file');
  }
  if (options.askBecomePass) return secret(await prompt('BECOME password: '), '--ask-become-pass');
  return undefined;
}

/** --step: y runs the task, c runs it and every later one without asking, anything else skips it. */
function stepper(prompt: (message: string) => Promise<string>): (task: string) => Promise<boolean> {
  let continuing = false;
  return async (task) => {
    if (continuing) return true;
    const answer = (await prompt(`Perform task: TASK: ${task} (N)o/(y)es/(c)ontinue: `)).trim().toLowerCase();
    if (answer === 'c' || answer === 'continue') continuing = true;
    return continuing || answer === 'y' || answer === 'yes';
  };
}
