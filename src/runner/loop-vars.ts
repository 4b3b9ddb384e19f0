import type { LoopControl, Vars } from '../playbook/model.js';

// The variables one loop item adds (and that its result records), as ansible-core 2.14's
// TaskExecutor._run_loop: the loop variable, `index_var`, and with `extended` the
// `ansible_loop` dict (allitems unless extended_allitems is false).

export function loopVars(control: LoopControl | undefined, items: readonly unknown[], index: number): Vars {
  const loopVar = control?.loopVar ?? 'item';
  const out: Vars = { [loopVar]: items[index], ansible_loop_var: loopVar };
  if (control?.indexVar) Object.assign(out, { [control.indexVar]: index, ansible_index_var: control.indexVar });
  if (control?.extended) out.ansible_loop = extendedLoop(control, items, index);
  return out;
}

function extendedLoop(control: LoopControl, items: readonly unknown[], index: number): Vars {
  const length = items.length;
  const loop: Vars = {
    index: index + 1,
    index0: index,
    first: index === 0,
    last: index + 1 === length,
    length,
    revindex: length - index,
    revindex0: length - index - 1,
  };
  if (control.extendedAllitems !== false) loop.allitems = items;
  if (index + 1 < length) loop.nextitem = items[index + 1];
  if (index > 0) loop.previtem = items[index - 1];
  return loop;
}
