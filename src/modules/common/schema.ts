import type { JsonSchema } from '../types.js';

// Modules declare arguments the way Ansible's argument_spec does (type, default, choices,
// aliases, required) and get a plain JSON Schema back. Aliases become properties of their own
// (the loader checks argument NAMES against `properties`) that point at their canonical name;
// `required` becomes anyOf over the name and its aliases so the schema stays truthful.

export interface ArgSpec {
  type: 'string' | 'boolean' | 'integer' | 'number' | 'array' | 'object' | 'mode' | 'any';
  description: string;
  default?: unknown;
  choices?: readonly (string | number | boolean)[];
  aliases?: readonly string[];
  required?: boolean;
  /** Element type for arrays. */
  items?: 'string' | 'integer';
}

export const ALIAS_OF = 'x-alias-of';

export function defineSchema(spec: Record<string, ArgSpec>): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const anyOf: JsonSchema[] = [];
  for (const [name, arg] of Object.entries(spec)) {
    properties[name] = propertySchema(arg);
    for (const alias of arg.aliases ?? []) {
      const { default: _default, 'x-required': _required, ...rest } = propertySchema(arg);
      properties[alias] = { ...rest, [ALIAS_OF]: name, description: `Alias of \`${name}\`.` };
    }
    if (arg.required) anyOf.push({ anyOf: [name, ...(arg.aliases ?? [])].map((key) => ({ required: [key] })) });
  }
  return { type: 'object', properties, additionalProperties: false, ...(anyOf.length > 0 ? { allOf: anyOf } : {}) };
}

function propertySchema(arg: ArgSpec): JsonSchema {
  const schema: JsonSchema = { description: arg.description };
  if (arg.type === 'mode') {
    // YAML 1.1 reads an unquoted 0644 as the integer 420; Ansible treats it as that number of bits.
    schema['type'] = ['string', 'integer'];
    schema['x-mode'] = true;
  } else if (arg.type === 'array') {
    schema['type'] = 'array';
    schema['items'] = { type: arg.items ?? 'string' };
  } else if (arg.type !== 'any') {
    schema['type'] = arg.type;
  }
  if (arg.default !== undefined) schema['default'] = arg.default;
  if (arg.choices) schema['enum'] = [...arg.choices];
  if (arg.required) schema['x-required'] = true;
  return schema;
}
