import type { Module } from './types.js';

// System modules of the system-hosts group, registered by catalog.ts.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- modules differ in their argument types
export const systemHostsModules: Module<any, any>[] = [];
