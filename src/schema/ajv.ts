import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';

// One Ajv instance for the whole process: schemas are compiled once and cached by $id.
// allErrors so a user sees every problem in a file at once.
const Ajv = AjvModule.default ?? AjvModule;
const addFormats = addFormatsModule.default ?? addFormatsModule;

export const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
addFormats(ajv);
