import { ALIAS_OF } from './common/schema.js';
import type { ModuleDescriptor } from './registry.js';
import type { JsonSchema } from './types.js';

// The text of `claw-provision doc`: built from the same schema the executor validates with,
// so the documentation cannot drift from what is accepted.

type Prop = JsonSchema & { type?: string | string[]; default?: unknown; enum?: unknown[]; description?: string; items?: { type?: string } };

export function describeModule(descriptor: ModuleDescriptor): string {
  const props = (descriptor.schema['properties'] ?? {}) as Record<string, Prop>;
  const aliases = new Map<string, string[]>();
  for (const [name, prop] of Object.entries(props)) {
    const target = prop[ALIAS_OF] as string | undefined;
    if (target) aliases.set(target, [...(aliases.get(target) ?? []), name]);
  }
  const lines = [
    `${descriptor.name} — ${descriptor.description}`,
    `  names: ${[descriptor.name, ...descriptor.aliases].join(', ')}${descriptor.kind === 'action' ? ' (action, run by the engine)' : ''}`,
    ...(descriptor.freeForm ? [`  free form: the text after the module name is \`${descriptor.freeForm}\``] : []),
    '',
    'ARGUMENTS',
  ];
  const names = Object.keys(props).filter((name) => props[name]?.[ALIAS_OF] === undefined).sort();
  if (names.length === 0) lines.push('  (none)');
  for (const name of names) lines.push(...describeArgument(name, props[name] ?? {}, aliases.get(name) ?? [], required(descriptor.schema, name)));
  return `${lines.join('\n')}\n`;
}

function describeArgument(name: string, prop: Prop, aliases: string[], isRequired: boolean): string[] {
  const facts = [typeName(prop)];
  if (isRequired) facts.push('required');
  if (prop.default !== undefined) facts.push(`default: ${JSON.stringify(prop.default)}`);
  if (prop.enum) facts.push(`choices: ${prop.enum.map((value) => String(value)).join(', ')}`);
  if (aliases.length > 0) facts.push(`aliases: ${aliases.join(', ')}`);
  return [`  ${name} (${facts.join('; ')})`, ...(prop.description ? [`      ${prop.description}`] : [])];
}

function typeName(prop: Prop): string {
  if (prop['x-mode']) return 'mode: octal string, integer or symbolic';
  const types = Array.isArray(prop.type) ? prop.type : prop.type ? [prop.type] : ['any'];
  return types.map((type) => (type === 'array' ? `list of ${prop.items?.type ?? 'any'}` : type)).join(' or ');
}

function required(schema: JsonSchema, name: string): boolean {
  const props = (schema['properties'] ?? {}) as Record<string, Prop>;
  if (props[name]?.['x-required'] === true) return true;
  return Array.isArray(schema['required']) && (schema['required'] as unknown[]).includes(name);
}

/** One line per module or action: canonical name, short name, description. */
export function listModules(descriptors: readonly ModuleDescriptor[]): string {
  const rows = [...descriptors].sort((a, b) => a.name.localeCompare(b.name));
  const width = Math.max(...rows.map((d) => d.name.length), 0);
  return `${rows.map((d) => `${d.name.padEnd(width)}  ${d.description}`).join('\n')}\n`;
}
