import type { Inventory } from '../inventory/index.js';
import { selectHosts } from '../inventory/index.js';
import type { Playbook, TaskNode } from '../playbook/model.js';
import type { ApplyOptions } from './apply-options.js';

// --syntax-check / --list-hosts / --list-tasks / --list-tags: answered from the loaded
// playbook without connecting anywhere, in ansible-playbook's text layout.

export async function listOrCheck(options: ApplyOptions, playbook: Playbook, inventory: Inventory): Promise<string | undefined> {
  if (options.syntaxCheck) return `\nplaybook: ${options.playbook}\n`;
  if (!options.list) return undefined;
  const lines = ['', `playbook: ${options.playbook}`];
  playbook.plays.forEach((play, index) => {
    lines.push('', `  play #${index + 1} (${play.hosts}): ${play.name}\tTAGS: [${play.tags.join(',')}]`);
    if (options.list === 'hosts') {
      const hosts = selectHosts(inventory, play.hosts, options.limit);
      lines.push(`    pattern: ['${play.hosts}']`, `    hosts (${hosts.length}):`, ...hosts.map((h) => `      ${h}`));
    } else if (options.list === 'tasks') {
      lines.push('    tasks:');
      for (const task of flatten([...play.preTasks, ...play.tasks, ...play.postTasks])) {
        const name = task.kind === 'task' ? (task.role ? `${task.role.name} : ` : '') + (task.name ?? task.moduleAsWritten) : (task.name ?? `include_tasks ${task.file}`);
        lines.push(`      ${name}\tTAGS: [${task.tags.join(', ')}]`);
      }
    } else {
      const tags = new Set<string>(play.tags);
      for (const task of flatten([...play.preTasks, ...play.tasks, ...play.postTasks])) task.tags.forEach((t) => tags.add(t));
      lines.push(`      TASK TAGS: [${[...tags].sort().join(', ')}]`);
    }
  });
  return `${lines.join('\n')}\n`;
}

function flatten(nodes: TaskNode[]): Array<Exclude<TaskNode, { kind: 'block' }>> {
  return nodes.flatMap((node) => (node.kind === 'block' ? flatten([...node.block, ...node.rescue, ...node.always]) : [node]));
}
