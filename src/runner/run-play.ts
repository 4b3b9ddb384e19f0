import { isAbsolute, resolve } from 'node:path';
import { isClawError, VaultError } from '../errors.js';
import type { Play, Task, Vars } from '../playbook/model.js';
import { mergeLayers } from '../vars/precedence.js';
import { flushHandlers, leftoverNotifications } from './handlers.js';
import { restorePending } from './pending-handlers.js';
import { hostState, statsOf, type PlayState, type RunState } from './run-state.js';
import { runNodes, stillActive } from './run-nodes.js';
import { runTask } from './run-task.js';
import { serialBatches } from './serial.js';
import { ROOT_SCOPE } from './task-vars.js';

// One play: select hosts (failed/unreachable ones from earlier plays stay out, as in
// Ansible), split them into serial batches, and per batch gather facts, restore saved
// handler notifications, then pre_tasks / roles+tasks / post_tasks, each section followed
// by a handler flush.

export async function runPlay(run: RunState, play: Play): Promise<void> {
  const selected = run.inventory.selectHosts(play.hosts).filter((host) => {
    const state = hostState(run, host);
    return !state.failed && !state.unreachable;
  });
  run.reporter.emit({ type: 'play-start', name: play.name, hosts: selected });
  if (selected.length === 0) {
    run.reporter.emit({ type: 'no-hosts-matched', pattern: play.hosts });
    return;
  }
  for (const host of selected) statsOf(run, host);
  for (const batch of serialBatches(selected, play.serial)) {
    if (run.interrupted) return;
    const state: PlayState = { play, hosts: batch, ended: new Set(), endedPlay: false, notified: new Map(), varsFiles: new Map() };
    await runBatch(run, state);
    // As Ansible: when every host of a batch failed, the remaining batches do not start.
    if (stillActive(run, { ...state, endedPlay: false, ended: new Set() }, batch).length === 0) return;
  }
}

async function runBatch(run: RunState, state: PlayState): Promise<void> {
  await loadHostVars(run, state);
  if (state.play.gatherFacts) await runTask(run, state, gatherTask(state.play), ROOT_SCOPE, stillActive(run, state, state.hosts));
  // Saved notifications join this run's own: the first flush after a task delivers both at
  // once, so a handler owed from an interrupted run and notified again runs once, not twice.
  run.pendingHandlers = restorePending(state, run.pendingHandlers);
  run.journaled = undefined;
  for (const section of [state.play.preTasks, state.play.tasks, state.play.postTasks]) {
    // An empty section notifies nothing; its flush would deliver saved notifications early.
    if (section.length === 0) continue;
    await runNodes(run, state, section, ROOT_SCOPE, state.hosts);
    await flushHandlers(run, state);
    if (run.interrupted) break;
  }
  leftoverNotifications(run, state);
}

/** Inventory layers of every known host (hostvars needs them) and this batch's vars_files. */
async function loadHostVars(run: RunState, state: PlayState): Promise<void> {
  for (const host of new Set([...run.inventory.allHosts(), ...state.hosts])) {
    const hs = hostState(run, host);
    hs.inventoryLayers ??= await run.inventory.hostLayers(host);
  }
  for (const host of state.hosts) {
    try {
      state.varsFiles.set(host, await varsFilesFor(run, state.play, host));
    } catch (error) {
      // No or a wrong vault password is the whole run's problem (exit 4), not one host's.
      if (!isClawError(error) || error instanceof VaultError) throw error;
      hostState(run, host).failed = true;
      statsOf(run, host).failed += 1;
      run.reporter.emit({ type: 'host-result', task: 'vars_files', host, status: 'failed', result: { changed: false, failed: true, msg: error.format() }, noLog: false });
    }
  }
}

const fileCache = new WeakMap<RunState, Map<string, Promise<Vars>>>();

async function varsFilesFor(run: RunState, play: Play, host: string): Promise<Vars> {
  if (play.varsFiles.length === 0) return {};
  const layers = [...(hostState(run, host).inventoryLayers ?? []), { level: 'play_vars' as const, origin: 'play', values: play.vars }, ...run.options.extraVars];
  const vars = { ...mergeLayers(layers).vars, inventory_hostname: host, playbook_dir: run.playbook.dir };
  let cache = fileCache.get(run);
  if (!cache) fileCache.set(run, (cache = new Map()));
  const merged: Vars = {};
  for (const raw of play.varsFiles) {
    const name = String(run.deps.templater.template(raw, vars, play.source));
    const path = isAbsolute(name) ? name : resolve(play.baseDir, name);
    let loaded = cache.get(path);
    if (!loaded) cache.set(path, (loaded = run.deps.loadVarsFile(path)));
    Object.assign(merged, await loaded);
  }
  return merged;
}

function gatherTask(play: Play): Task {
  return {
    kind: 'task',
    source: play.source,
    name: 'Gathering Facts',
    module: 'ansible.builtin.setup',
    moduleAsWritten: 'gather_facts',
    args: play.gatherSubset ? { gather_subset: play.gatherSubset } : {},
    when: [],
    tags: ['always'],
    vars: {},
    notify: [],
    become: play.become,
    becomeUser: play.becomeUser,
  };
}
