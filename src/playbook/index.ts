export { loadPlaybook } from './load-playbook.js';
export { loadTaskFile, type TaskFileOptions } from './load-task-file.js';
export { shouldRun, type TagSelection } from './tags.js';
export { listPlaybook, listTasks, listTags, listHosts, syntaxCheck, type ListOptions } from './listing.js';
export { splitArgs, parseArgString } from './split-args.js';
export { roleSearchPath } from './role-files.js';
export type * from './model.js';
