import { setTimeout as sleep } from 'node:timers/promises';
import { openConnection } from '../connection/index.js';
import type { ConnectionSpec } from '../connection/types.js';
import type { ModuleDescriptor } from '../modules/registry.js';
import type { ModuleContext, ModuleResult } from '../modules/types.js';
import type { Task, Vars } from '../playbook/model.js';
import { connectionVars } from '../runner/host-connection.js';
import type { PlayState, RunState } from '../runner/run-state.js';
import { ROOT_SCOPE, taskVars } from '../runner/task-vars.js';
import { guardSshdChange } from './guard-sshd-change.js';
import { DEFAULT_SSHD_CONFIG_PATHS, sshdTarget } from './sshd-target.js';

// The runner's one entry to the lockout guard: every module invocation passes through here;
// only a real (not check-mode) change to an sshd config file over SSH is wrapped by
// guardSshdChange, everything else goes straight to the module executor.

// Under socket activation (Ubuntu >= 23.10's ssh.socket) each login starts a fresh sshd that
// reads the new config itself, so there is nothing to reload; the probe still tells the truth.
export const DEFAULT_RELOAD_COMMAND =
  'systemctl reload ssh 2>/dev/null || systemctl reload sshd 2>/dev/null || kill -HUP $(cat /run/sshd.pid) 2>/dev/null || systemctl is-active --quiet ssh.socket';

export interface GuardSettings {
  /** `claw_lockout_guard: false` turns the guard off (a multi-step migration the play confirms itself). */
  enabled: boolean;
  paths: string[];
  mainConfig: string;
  seconds: number;
  reloadCommand: string;
  sshdBinary: string;
}

export async function runModuleGuarded(run: RunState, play: PlayState, task: Task, host: string, vars: Vars, descriptor: ModuleDescriptor, args: Record<string, unknown>, ctx: ModuleContext): Promise<ModuleResult> {
  const plain = (): Promise<ModuleResult> => run.deps.runModule(descriptor, args, ctx);
  if ((ctx.check && !ctx.forceRun) || host !== ctx.host) return plain();
  const settings = guardSettings(run, vars);
  const path = settings.enabled ? sshdTarget(descriptor.name, args, settings.paths) : undefined;
  if (path === undefined) return plain();
  const currentSpec = specOf(run, play, host, vars);
  if (currentSpec.kind !== 'ssh') return plain();
  // Arming costs a round trip: only do it when the task will really change the file.
  const preview = await run.deps.runModule(descriptor, args, { ...ctx, check: true, forceRun: false, diff: false });
  if (!preview.changed || preview.failed || preview.skipped) return plain();
  return guardSshdChange({
    path,
    seconds: settings.seconds,
    reloadCommand: settings.reloadCommand,
    mainConfig: settings.mainConfig,
    sshdBinary: settings.sshdBinary,
    connection: ctx.connection,
    become: ctx.become,
    currentSpec,
    nextSpec: () => specOf(run, play, host, taskVars(run, play, { host, role: task.role, scope: ROOT_SCOPE })),
    open: (spec: ConnectionSpec) => openConnection(spec, { retries: 1 }),
    sleep: (ms: number) => sleep(ms),
    apply: plain,
  });
}

function specOf(run: RunState, play: PlayState, host: string, vars: Vars): ConnectionSpec {
  return run.inventory.connectionSpec(host, connectionVars(run, play.play, vars));
}

/** The claw_* variables that configure the guard, templated, with their defaults. */
export function guardSettings(run: RunState, vars: Vars): GuardSettings {
  const value = (name: string): unknown => (vars[name] === undefined ? undefined : run.deps.templater.templateDeep(vars[name], vars));
  const rawPaths = value('claw_sshd_config_paths');
  const paths = Array.isArray(rawPaths) ? rawPaths.map(String) : typeof rawPaths === 'string' ? [rawPaths] : DEFAULT_SSHD_CONFIG_PATHS;
  const firstPlain = paths.find((p) => !/[*?[{]/.test(p));
  const seconds = Number(value('claw_lockout_revert_seconds') ?? 60);
  const enabled = value('claw_lockout_guard');
  return {
    enabled: enabled !== false && !['false', 'no', 'off', '0'].includes(String(enabled).toLowerCase()),
    paths,
    mainConfig: String(value('claw_sshd_main_config') ?? firstPlain ?? '/etc/ssh/sshd_config'),
    seconds: Number.isFinite(seconds) && seconds > 0 ? seconds : 60,
    reloadCommand: String(value('claw_sshd_reload_command') ?? DEFAULT_RELOAD_COMMAND),
    sshdBinary: String(value('claw_sshd_binary') ?? '/usr/sbin/sshd'),
  };
}
