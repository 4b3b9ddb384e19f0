export { PRECEDENCE, mergeLayers, mergeVars, type VarLayer, type MergedVars, type PrecedenceLevel } from './precedence.js';
export { loadVarsFile, loadVarsFiles } from './load-vars-file.js';
export { hostInventoryLayers, clearVarsFileCache } from './host-layers.js';
export { parseExtraVars } from './extra-vars.js';
export { connectionSpecFor, becomeVarsFor, becomeFor, type ConnectionOverrides, type BecomeVars } from './connection-spec.js';
export { varsFilesFor } from './vars-dirs.js';
