// An extra entry point for test/unit/build: what the bundled CLI's schema code (and molecule-lite) sees.
export { schemaKey, validatorFor } from '../../../src/schema/ajv.js';
export { precompiledComposeValidators, precompiledValidators, precompiledVarsValidators } from '../../../src/schema/precompiled.js';
export { BUNDLED_TREE_CHILD, treeProcess } from '../../../src/molecule/tree-process.js';
