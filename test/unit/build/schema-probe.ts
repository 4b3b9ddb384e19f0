// An extra entry point for test/unit/build: what the bundled CLI's schema code sees.
export { schemaKey, validatorFor } from '../../../src/schema/ajv.js';
export { precompiledValidators, precompiledVarsValidators } from '../../../src/schema/precompiled.js';
