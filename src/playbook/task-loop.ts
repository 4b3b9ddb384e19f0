import { ParseError, type SourcePos } from '../errors.js';
import { valuePositionOf } from '../yaml/positions.js';
import { boolKeyword } from './convert.js';
import type { LoopControl } from './model.js';

// `loop`/`loop_control`, and the with_* forms we convert to loop:
// with_list → loop as is; with_items → flattened one level; with_dict → dict2items.

type Raw = Record<string, unknown>;
const WHOLE_TEMPLATE = /^\s*\{\{(.*)\}\}\s*$/s;

export function loopOf(raw: Raw, source: SourcePos): { loop?: unknown; loopControl?: LoopControl | undefined } {
  const forms = ['loop', 'with_items', 'with_list', 'with_dict'].filter((k) => raw[k] !== undefined);
  if (forms.length > 1) {
    throw new ParseError('conflicting-loops', `only one of ${forms.join(', ')} may be used in a task`, {
      where: valuePositionOf(raw, forms[1]!) ?? source,
    });
  }
  const form = forms[0];
  const loopControl = loopControlOf(raw.loop_control, source);
  if (form === undefined) return loopControl ? { loopControl } : {};
  return { loop: convertLoop(form, raw[form]), loopControl };
}

function convertLoop(form: string, value: unknown): unknown {
  if (form === 'loop' || form === 'with_list') return value;
  const template = typeof value === 'string' ? WHOLE_TEMPLATE.exec(value) : null;
  if (form === 'with_items') {
    if (template) return `{{ (${template[1]!.trim()}) | flatten(levels=1) }}`;
    return (Array.isArray(value) ? value : [value]).flatMap((item) => (Array.isArray(item) ? item : [item]));
  }
  if (template) return `{{ (${template[1]!.trim()}) | dict2items }}`;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).map(([key, v]) => ({ key, value: v }));
  }
  return value;
}

function loopControlOf(value: unknown, source: SourcePos): LoopControl | undefined {
  if (value === undefined || value === null) return undefined;
  const raw = value as Raw;
  return {
    loopVar: raw.loop_var === undefined ? 'item' : String(raw.loop_var),
    indexVar: raw.index_var === undefined ? undefined : String(raw.index_var),
    label: raw.label === undefined ? undefined : String(raw.label),
    pause: raw.pause === undefined ? undefined : Number(raw.pause),
    extended: boolKeyword(raw, 'extended', source),
    extendedAllitems: boolKeyword(raw, 'extended_allitems', source),
  };
}
