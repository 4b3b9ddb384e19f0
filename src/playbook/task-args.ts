import { ParseError, type SourcePos } from '../errors.js';
import type { ModuleDescriptor } from '../modules/registry.js';
import { suggestionHint } from '../schema/did-you-mean.js';
import { positionOf } from '../yaml/positions.js';
import { parseArgString } from './split-args.js';

// A task's arguments: the module key's value (mapping, key=value string or free-form text)
// with `args:` underneath (lower priority, as in Ansible). Argument NAMES are checked here;
// values are templated and validated by the module executor at run time.

export function buildArgs(
  descriptor: ModuleDescriptor,
  value: unknown,
  extraArgs: unknown,
  where: SourcePos,
  written: string,
): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  if (extraArgs && typeof extraArgs === 'object') Object.assign(args, extraArgs);
  if (typeof value === 'string') Object.assign(args, parseArgString(value, descriptor.name, where));
  else if (typeof value === 'number' || typeof value === 'boolean') args._raw_params = String(value);
  else if (value && typeof value === 'object' && !Array.isArray(value)) Object.assign(args, value);
  else if (Array.isArray(value)) {
    throw new ParseError('bad-arguments', `arguments of '${written}' must be a mapping or a string, not a list`, { where });
  }
  checkArgNames(descriptor, args, where, written, [value, extraArgs]);
  return args;
}

function checkArgNames(
  descriptor: ModuleDescriptor,
  args: Record<string, unknown>,
  where: SourcePos,
  written: string,
  containers: unknown[],
): void {
  const schema = descriptor.schema as { properties?: Record<string, unknown>; additionalProperties?: unknown };
  const known = Object.keys(schema.properties ?? {});
  const freeForm = descriptor.freeForm;
  if ('_raw_params' in args && !freeForm) {
    throw new ParseError('bad-arguments', `'${written}' does not take free-form text: ${JSON.stringify(args._raw_params)}`, {
      where,
      hint: 'write the arguments as key=value pairs or as a mapping',
    });
  }
  if (schema.additionalProperties !== false) return;
  const allowed = new Set([...known, ...(freeForm ? ['_raw_params', freeForm] : [])]);
  for (const name of Object.keys(args)) {
    if (allowed.has(name)) continue;
    const at = containers.map((c) => positionOf(c, name)).find((p) => p !== undefined) ?? where;
    throw new ParseError('unknown-argument', `unknown argument '${name}' for module '${written}'`, {
      where: at,
      hint: suggestionHint(name, known, 'arguments'),
    });
  }
}
