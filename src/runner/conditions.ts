import type { ModuleResult } from '../modules/types.js';
import type { Task, Vars } from '../playbook/model.js';
import type { Templater } from '../template/types.js';
import type { InvokeSettings } from './invoke.js';

// Conditions around a task's result: `when` before it runs, changed_when/failed_when after
// (with the registered name already bound to the result, as Ansible does), and the note
// check mode puts on a failure that an earlier simulated change explains.

/** Returns the first `when` condition that is false, or undefined when all hold. */
export function whenHolds(templater: Templater, task: Pick<Task, 'when' | 'source'>, vars: Vars): string | undefined {
  for (const condition of task.when) {
    if (!templater.condition(condition, vars, task.source)) return condition;
  }
  return undefined;
}

export function applyResultConditions(templater: Templater, task: Task, vars: Vars, result: ModuleResult): ModuleResult {
  if (result.skipped === true || (!task.changedWhen && !task.failedWhen)) return result;
  const bound: Vars = task.register ? { ...vars, [task.register]: result } : vars;
  const out: ModuleResult = { ...result };
  if (task.changedWhen) {
    out.changed = task.changedWhen.every((condition) => templater.condition(condition, bound, task.source));
  }
  if (task.failedWhen) {
    const failed = task.failedWhen.every((condition) => templater.condition(condition, task.register ? { ...vars, [task.register]: out } : vars, task.source));
    out.failed_when_result = failed;
    out.failed = failed;
  }
  return out;
}

export const CHECK_MODE_NOTE =
  'would run: in check mode this task cannot be checked because it depends on a change an earlier task would make';

/**
 * In check mode, a module that fails after an earlier task on the host reported a simulated
 * change most likely fails because that change did not happen (a file in a directory that
 * would have been created). Ansible would fail here; we report "would run" instead, so the
 * check-mode prediction stays usable. A diff the module could still compute (the new file's
 * content, before empty) is kept: it is what apply will write.
 */
export function checkModeNote(result: ModuleResult, settings: InvokeSettings, simulatedChange: boolean): ModuleResult {
  if (!settings.check || settings.forceRun || !simulatedChange || result.failed !== true) return result;
  const note: ModuleResult = { changed: true, failed: false, msg: `${CHECK_MODE_NOTE} (module said: ${String(result.msg ?? 'failed')})`, check_mode_note: true };
  return result.diff === undefined ? note : { ...note, diff: result.diff };
}
