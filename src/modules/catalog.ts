import { actionDescriptors } from './actions.js';
import { commandModule, shellModule } from './command/index.js';
import { copyModule } from './copy/index.js';
import { cronModule } from './cron/index.js';
import { fileModule } from './file/index.js';
import { lineinfileModule } from './lineinfile/index.js';
import type { ModuleDescriptor } from './registry.js';
import { registerDescriptors } from './registry.js';
import { slurpModule } from './slurp/index.js';
import { statModule } from './stat/index.js';
import { sysctlModule } from './sysctl/index.js';
import { systemHostsModules } from './system-hosts.js';
import { systemNetworkModules } from './system-network.js';
import { templateModule } from './template/index.js';
import type { Module } from './types.js';
import { waitForModule } from './wait-for/index.js';

// Registers every module and action once. The module list grows as modules land.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- modules differ in their argument types
export const modules: Module<any, any>[] = [
  commandModule,
  shellModule,
  fileModule,
  copyModule,
  templateModule,
  lineinfileModule,
  statModule,
  slurpModule,
  waitForModule,
  sysctlModule,
  cronModule,
  ...systemHostsModules,
  ...systemNetworkModules,
];

export function moduleDescriptor(module: Module<any, any>): ModuleDescriptor {
  return {
    name: module.name,
    aliases: module.aliases,
    schema: module.schema,
    freeForm: module.freeForm,
    description: module.description,
    kind: 'module',
    module,
  };
}

let loaded = false;

export function loadCatalog(): void {
  if (loaded) return;
  loaded = true;
  registerDescriptors([...modules.map(moduleDescriptor), ...actionDescriptors]);
}
