import type { SourcePos } from '../errors.js';
import type { Inherited } from './context.js';
import { conditionList, inheritableOf, mergeInheritable, tagList, unionTags, varsOf } from './convert.js';
import type { Inheritable, RoleRef, Vars } from './model.js';

// The fields every node has (name, when, tags, vars, role, inherited keywords), with what the
// parents pass down already folded in, as model.ts promises the runner.

export interface BaseFields extends Inheritable {
  source: SourcePos;
  name?: string | undefined;
  when: string[];
  tags: string[];
  vars: Vars;
  role?: RoleRef | undefined;
}

export function baseFields(raw: Record<string, unknown>, inherited: Inherited, source: SourcePos): BaseFields {
  const own = inheritableOf(raw, source);
  const vars = { ...inherited.vars, ...varsOf(raw, 'vars', source) };
  return {
    source,
    ...mergeInheritable(inherited, own),
    name: raw.name === undefined || raw.name === null ? undefined : String(raw.name),
    when: [...inherited.when, ...conditionList(raw.when)],
    tags: unionTags(inherited.tags, tagList(raw.tags)),
    vars,
    role: inherited.role,
  };
}

/** What a block or import passes to its children (its own vars excepted for blocks). */
export function childInheritance(base: BaseFields, passVars: boolean): Inherited {
  const { source: _source, name: _name, vars, ...rest } = base;
  return { ...rest, vars: passVars ? vars : {} };
}
