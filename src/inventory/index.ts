export { loadInventory } from './load-inventory.js';
export { assertLimitMatches, selectHosts, splitPattern } from './select-hosts.js';
export { hostsOfGroup, groupsOfHost, groupsByPrecedence, groupsMagicVar, groupDepth } from './groups.js';
export { expandHostRange } from './host-ranges.js';
export * from './types.js';
export { inventoryListJson, inventoryGraph, explainHostVars, hostVars } from './report.js';
