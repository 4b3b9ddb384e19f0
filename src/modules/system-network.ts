import type { Module } from './types.js';
import { dockerComposeModule } from './docker-compose/index.js';
import { dockerImageModule } from './docker-image/index.js';
import { gitModule } from './git/index.js';
import { npmModule } from './npm/index.js';
import { ufwModule } from './ufw/index.js';
import { uriModule } from './uri/index.js';

// System modules of the system-network group, registered by catalog.ts.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- modules differ in their argument types
export const systemNetworkModules: Module<any, any>[] = [ufwModule, gitModule, uriModule, npmModule, dockerImageModule, dockerComposeModule];
