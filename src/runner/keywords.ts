import type { Become } from '../connection/types.js';
import { ClawError, EXIT } from '../errors.js';
import { ENV_NAME } from '../playbook/convert.js';
import type { Play, Task, Vars } from '../playbook/model.js';
import type { Templater } from '../template/types.js';
import { OMIT } from '../template/types.js';

// Task keywords whose value depends on the host's variables: templated flags, become,
// environment, and the check/diff switches. Task values win over the play's; the
// ansible_become* variables come last, as in Ansible.

/** A boolean keyword that may be a template string ("{{ debug_mode }}"). */
export function flag(value: boolean | string | undefined, vars: Vars, templater: Templater): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') return value;
  return templater.condition(value, vars);
}

export function truthy(value: unknown): boolean {
  if (typeof value === 'string') return ['true', 'yes', 'on', '1', 'y'].includes(value.trim().toLowerCase());
  return Boolean(value);
}

export interface BecomeDefaults {
  password?: Become['password'];
}

export function resolveBecome(task: Task, play: Play, vars: Vars, templater: Templater, defaults: BecomeDefaults): Become | undefined {
  const enabled = task.become ?? play.become ?? (vars.ansible_become === undefined ? false : truthy(templater.templateDeep(vars.ansible_become, vars)));
  if (!enabled) return undefined;
  const user = task.becomeUser ?? play.becomeUser ?? (vars.ansible_become_user as string | undefined) ?? 'root';
  const passwordVar = vars.ansible_become_password ?? vars.ansible_become_pass;
  const password = passwordVar === undefined ? defaults.password : (templater.templateDeep(passwordVar, vars) as Become['password']);
  return { method: 'sudo', user: String(templater.templateDeep(user, vars)), password };
}

/**
 * `environment:` templated to a string map. As Ansible, the play's environment and the
 * task's (which already holds its blocks' and role's, merged by the loader) are each
 * templated, then combined with the task's entries winning; entries that render to `omit`
 * are dropped. A name that is no shell variable name fails the task.
 */
export function resolveEnvironment(task: Task, play: Play, vars: Vars, templater: Templater): Record<string, string> | undefined {
  if (task.environment === undefined && play.environment === undefined) return undefined;
  return { ...environmentOf(play.environment, task, vars, templater), ...environmentOf(task.environment, task, vars, templater) };
}

function environmentOf(raw: Record<string, unknown> | string | undefined, task: Task, vars: Vars, templater: Templater): Record<string, string> {
  if (raw === undefined) return {};
  const value = typeof raw === 'string' ? templater.template(raw, vars, task.source) : templater.templateDeep(raw, vars, task.source);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ClawError('bad-environment', `environment must be a mapping of variable names to values, got ${JSON.stringify(value)}`, EXIT.ERROR, {
      where: task.source,
      hint: 'e.g. environment: { LANG: C.UTF-8 }',
    });
  }
  const env: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value as Vars)) {
    if (!ENV_NAME.test(key)) {
      throw new ClawError('bad-environment', `environment variable name ${JSON.stringify(key)} is not a valid shell variable name`, EXIT.ERROR, {
        where: task.source,
        hint: 'use letters, digits and underscores, not starting with a digit (e.g. HTTP_PROXY)',
      });
    }
    if (entry !== OMIT && entry !== undefined && entry !== null) env[key] = String(entry);
  }
  return env;
}

/** Removes arguments whose value is `omit`, at any depth (as ansible-core's remove_omit). */
export function dropOmit<T>(value: T): T {
  if (Array.isArray(value)) return value.filter((entry) => entry !== OMIT).map((entry) => dropOmit(entry)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
      if (entry !== OMIT) out[key] = dropOmit(entry);
    }
    return out as T;
  }
  return value;
}

/** Effective check mode: `check_mode: true` forces it on, `false` runs for real under --check. */
export function effectiveCheck(task: Task, play: Play, runCheck: boolean): { check: boolean; forceRun: boolean } {
  const own = task.checkMode ?? play.checkMode;
  if (own === true) return { check: true, forceRun: false };
  if (own === false) return { check: false, forceRun: runCheck };
  return { check: runCheck, forceRun: false };
}

export function effectiveDiff(task: Task, play: Play, runDiff: boolean): boolean {
  return task.diff ?? play.diff ?? runDiff;
}

/** Retries for `until`: Ansible 2.14 makes N retries N+1 attempts, default 3 retries. */
export function untilAttempts(retries: number | undefined): number {
  if (retries === undefined) return 4;
  return retries <= 0 ? 1 : retries + 1;
}
