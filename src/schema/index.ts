export * from './definitions.js';
export * from './keywords.js';
export { validateNode, unknownKeyword, unknownKeywordError } from './validate.js';
export { didYouMean, suggestionHint } from './did-you-mean.js';
export { validatorFor } from './ajv.js';
