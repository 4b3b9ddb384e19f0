import type { ModuleDescriptor } from './registry.js';

// Argument schemas of the actions the runner implements itself (set_fact, include_tasks,
// meta, debug, assert, fail, add_host, setup, wait_for_connection).
export const actionDescriptors: ModuleDescriptor[] = [];
