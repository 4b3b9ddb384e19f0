import type { JsonSchema, Module } from './types.js';

// Every name a task may use: modules (src/modules/*, run through the module contract) and
// actions (set_fact, include_tasks, meta, ... implemented by the runner; only their
// argument schemas live in src/modules/actions.ts). FQCN and short names both resolve.

export interface ModuleDescriptor {
  name: string;
  aliases: string[];
  schema: JsonSchema;
  freeForm?: string | undefined;
  description: string;
  kind: 'module' | 'action';
  /** Present for kind 'module'. */
  module?: Module<any, any> | undefined;
}

const descriptors: ModuleDescriptor[] = [];
const byName = new Map<string, ModuleDescriptor>();

export function registerDescriptors(list: readonly ModuleDescriptor[]): void {
  for (const descriptor of list) {
    descriptors.push(descriptor);
    for (const name of [descriptor.name, ...descriptor.aliases]) byName.set(name, descriptor);
  }
}

export function findModule(name: string): ModuleDescriptor | undefined {
  return byName.get(name);
}

export function allModuleNames(): string[] {
  return [...byName.keys()];
}

export function allDescriptors(): readonly ModuleDescriptor[] {
  return descriptors;
}
