import { actionDescriptors } from './actions.js';
import { registerDescriptors } from './registry.js';

// Registers every module and action once. The module list grows as modules land.
let loaded = false;

export function loadCatalog(): void {
  if (loaded) return;
  loaded = true;
  registerDescriptors(actionDescriptors);
}
