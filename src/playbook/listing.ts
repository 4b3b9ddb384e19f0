import { relative } from 'node:path';
import { selectHosts } from '../inventory/select-hosts.js';
import type { Inventory } from '../inventory/types.js';
import { loadPlaybook } from './load-playbook.js';
import type { Play, Playbook, TaskNode } from './model.js';
import { shouldRun, type TagSelection } from './tags.js';

// `--list-tasks`, `--list-tags`, `--list-hosts` and `--syntax-check` output in
// ansible-playbook's layout, computed without connecting to any host.

export interface ListOptions {
  tasks?: boolean;
  tags?: boolean;
  /** Needs `inventory`. */
  hosts?: boolean;
  inventory?: Inventory | undefined;
  limit?: string | undefined;
  selection?: TagSelection;
  /** The playbook path as the user wrote it (defaults to the path relative to cwd). */
  displayName?: string;
}

const ALL: TagSelection = { tags: [], skipTags: [] };

export function listPlaybook(playbook: Playbook, options: ListOptions): string {
  const lines = ['', `playbook: ${options.displayName ?? relative(process.cwd(), playbook.file)}`];
  playbook.plays.forEach((play, index) => {
    lines.push('', `  play #${index + 1} (${play.hosts}): ${play.name}\tTAGS: [${sorted(play.tags).join(', ')}]`);
    if (options.hosts && options.inventory) lines.push(...hostLines(play, options.inventory, options.limit));
    const selected = selectedTasks([...play.preTasks, ...play.tasks, ...play.postTasks], options.selection ?? ALL);
    if (options.tasks) {
      lines.push('    tasks:');
      for (const task of selected) lines.push(`      ${task.label}\tTAGS: [${sorted(task.tags).join(', ')}]`);
    }
    // Like ansible-playbook, the play's own tags count even when no task is selected.
    if (options.tags) lines.push(`      TASK TAGS: [${sorted([...play.tags, ...selected.flatMap((t) => t.tags)]).join(', ')}]`);
  });
  return `${lines.join('\n')}\n`;
}

export const listTasks = (playbook: Playbook, selection: TagSelection = ALL, displayName?: string): string =>
  listPlaybook(playbook, { tasks: true, selection, ...(displayName ? { displayName } : {}) });

export const listTags = (playbook: Playbook, selection: TagSelection = ALL, displayName?: string): string =>
  listPlaybook(playbook, { tags: true, selection, ...(displayName ? { displayName } : {}) });

export const listHosts = (playbook: Playbook, inventory: Inventory, limit?: string, displayName?: string): string =>
  listPlaybook(playbook, { hosts: true, inventory, limit, ...(displayName ? { displayName } : {}) });

/** Loads the playbook (every check the loader does) and prints what ansible-playbook prints. */
export async function syntaxCheck(file: string, displayName: string = file): Promise<string> {
  await loadPlaybook(file);
  return `\nplaybook: ${displayName}\n`;
}

function hostLines(play: Play, inventory: Inventory, limit: string | undefined): string[] {
  const hosts = selectHosts(inventory, play.hosts, limit);
  return [`    pattern: ['${play.hosts}']`, `    hosts (${hosts.length}):`, ...hosts.map((h) => `      ${h}`)];
}

interface Listed {
  label: string;
  tags: string[];
}

function selectedTasks(nodes: readonly TaskNode[], selection: TagSelection): Listed[] {
  return nodes.flatMap((node): Listed[] => {
    if (node.kind === 'block') return selectedTasks([...node.block, ...node.rescue, ...node.always], selection);
    if (!shouldRun(node.tags, selection)) return [];
    const action = node.kind === 'include_tasks' ? 'include_tasks' : node.moduleAsWritten;
    const name = node.name ?? action;
    return [{ label: node.role ? `${node.role.name} : ${name}` : name, tags: node.tags }];
  });
}

function sorted(tags: readonly string[]): string[] {
  return [...new Set(tags)].sort();
}
