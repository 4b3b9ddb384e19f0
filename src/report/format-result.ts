import { redactValue } from '../secret.js';
import type { RunEvent } from './events.js';
import { pythonJson } from './python-json.js';

// What a result looks like on screen, following ansible's default callback: no_log results
// are replaced by the censored message, internal `_ansible_*` keys and (below -vvv) diff and
// invocation are dropped, debug shows only what it was asked to show. Everything is redacted.

type HostResult = Extract<RunEvent, { type: 'host-result' }>;

export const CENSORED = "the output has been hidden due to the fact that 'no_log: true' was specified for this result";
const PRESERVE = ['attempts', 'changed', 'retries'];
const DEBUG_ALLOWED = new Set(['msg', 'exception', 'warnings', 'deprecations']);
const DEBUG_HIDDEN = ['changed', 'failed', 'skipped', 'invocation', 'skip_reason'];
const DEBUG_ACTIONS = new Set(['ansible.builtin.debug', 'ansible.legacy.debug', 'debug']);

/** The result as the user may see it: censored under no_log, secrets masked. */
export function visibleResult(event: HostResult): Record<string, unknown> {
  if (!event.noLog) return redactValue({ ...event.result });
  const censored: Record<string, unknown> = { censored: CENSORED };
  for (const key of PRESERVE) if (key in event.result) censored[key] = event.result[key];
  return censored;
}

export function itemLabel(event: HostResult): string | undefined {
  if (event.item === undefined) return undefined;
  return event.noLog ? '(censored due to no_log)' : redactValue(event.item);
}

/** Whether "=> {result}" follows the status line (-v, or debug/assert which always show). */
export function isVerbose(result: Record<string, unknown>, verbosity: number): boolean {
  return (verbosity > 0 || result._ansible_verbose_always === true) && result._ansible_verbose_override !== true;
}

/** Removes what ansible never prints, as a fresh object. */
export function cleanResult(result: Record<string, unknown>, action: string | undefined, verbosity: number): Record<string, unknown> {
  const clean: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(result)) {
    // Status keys are shown by the line itself (ansible's TaskResult.clean_copy drops them).
    if (key === 'failed' || key === 'skipped') continue;
    if (key.startsWith('_ansible_') || key === 'exception' || key === 'warnings' || key === 'deprecations') continue;
    if (verbosity < 3 && (key === 'diff' || key === 'invocation')) continue;
    clean[key] = value;
  }
  if (action !== undefined && DEBUG_ACTIONS.has(action)) {
    if ('msg' in clean) {
      for (const key of Object.keys(clean)) if (!DEBUG_ALLOWED.has(key) && !key.startsWith('_')) delete clean[key];
    } else {
      for (const key of DEBUG_HIDDEN) delete clean[key];
    }
  }
  return clean;
}

/** JSON of a result: indented 4 for debug/assert or at -vvv, else one line. */
export function dumpResult(result: Record<string, unknown>, verboseAlways: boolean, verbosity: number): string {
  return pythonJson(result, verboseAlways || verbosity > 2 ? 4 : undefined);
}
