import { aptRepositoryModule } from './apt-repository/index.js';
import { aptModule } from './apt/index.js';
import { authorizedKeyModule } from './authorized-key/index.js';
import { getUrlModule } from './get-url/index.js';
import { serviceModule, systemdModule } from './systemd/index.js';
import type { Module } from './types.js';
import { userModule } from './user/index.js';

// System modules of the system-hosts group, registered by catalog.ts.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- modules differ in their argument types
export const systemHostsModules: Module<any, any>[] = [
  aptModule,
  aptRepositoryModule,
  getUrlModule,
  userModule,
  authorizedKeyModule,
  systemdModule,
  serviceModule,
];
