import type { StatValue } from '../../facts/stat.js';
import { shellQuote } from '../../facts/quote.js';
import { planAttributes } from '../common/attrs.js';
import { resolveMode } from '../common/mode.js';
import type { Plan, Step, StepOutput } from '../types.js';

// ansible.posix.sysctl: the file is normalised and rewritten whole (key=value, one per key),
// the running value is compared word by word, and `sysctl -p` reloads after any change.

export interface SysctlArgs {
  name: string;
  value?: string;
  state: 'present' | 'absent';
  reload: boolean;
  sysctl_set: boolean;
  ignoreerrors: boolean;
  sysctl_file: string;
  mode?: string | number;
  owner?: string;
  group?: string;
}

export interface SysctlFacts {
  stat: StatValue;
  /** File text, undefined when there is no file. */
  content: string | undefined;
  /** Running value, null when unreadable. */
  proc: string | null;
}

const TRUE = ['y', 'yes', 'on', '1', 'true', 't'];
const FALSE = ['n', 'no', 'off', '0', 'false', 'f'];

function parseValue(value: string | undefined): string {
  if (value === undefined) return '';
  if (TRUE.includes(value.toLowerCase())) return '1';
  if (FALSE.includes(value.toLowerCase())) return '0';
  return value.trim();
}

const sameWords = (a: string | null, b: string): boolean => a !== null && a.split(/\s+/).filter(Boolean).join(' ') === b.split(/\s+/).filter(Boolean).join(' ');

export function planSysctl(args: SysctlArgs, facts: SysctlFacts): Plan {
  const name = args.name.trim();
  if (name === '') return { steps: [], fail: 'name cannot be blank' };
  if (args.state === 'present' && args.value === undefined) return { steps: [], fail: 'state is present but all of the following are missing: value' };
  if (args.state === 'present' && args.value === '') return { steps: [], fail: 'value cannot be blank' };
  const value = parseValue(args.value);
  const { values, fixed } = fixLines(facts.content ?? '', name, args.state === 'present' ? value : undefined);
  const fileValue = values.get(name);
  const writeFile = args.state === 'present' ? fileValue !== value : fileValue !== undefined && fileValue !== '';
  let changed = writeFile;
  if (!writeFile && args.reload && args.state === 'present' && !sameWords(facts.proc, value)) changed = true;
  let setProc = false;
  if (args.sysctl_set && args.state === 'present' && !sameWords(facts.proc, value)) {
    changed = true;
    setProc = facts.proc !== null;
  }
  const e = args.ignoreerrors ? '-e ' : '';
  const steps: Step[] = [];
  if (setProc) steps.push({ kind: 'exec', command: `sysctl ${e}-w ${shellQuote(`${name}=${value}`)}` });
  if (writeFile) steps.push(writeStep(args, facts.stat, fixed));
  const attrs = planAttributes(args.sysctl_file, facts.stat.exists ? facts.stat : { exists: true, path: args.sysctl_file, mode: '0644' }, args);
  if (attrs.error) return { steps: [], fail: attrs.error };
  if (!writeFile) steps.push(...attrs.steps);
  if ((changed || attrs.steps.length > 0) && args.reload) steps.push({ kind: 'exec', command: `sysctl ${e}-p ${shellQuote(args.sysctl_file)}` });
  return { steps, collect: (outputs) => collect(steps, outputs, name) };
}

function writeStep(args: SysctlArgs, stat: StatValue, lines: string[]): Step {
  const content = Buffer.from(lines.map((line) => `${line.trim()}\n`).join(''), 'utf8');
  const owner = args.owner ?? (stat.exists ? stat.pw_name : undefined);
  const group = args.group ?? (stat.exists ? stat.gr_name : undefined);
  const mode = resolveMode(args.mode ?? stat.mode ?? '0644', stat.mode, false);
  return { kind: 'put', path: args.sysctl_file, content, ...(mode.ok ? { mode: mode.mode } : {}), ...(owner ? { owner } : {}), ...(group ? { group } : {}) };
}

/** The module's fix_lines: comments and blanks kept, the first occurrence of each key kept, ours set or dropped. */
function fixLines(text: string, name: string, value: string | undefined): { values: Map<string, string>; fixed: string[] } {
  const values = new Map<string, string>();
  const fixed: string[] = [];
  const checked = new Set<string>();
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n').map((line) => line.trim());
  for (const line of lines) {
    if (!line || line.startsWith('#') || line.startsWith(';') || !line.includes('=')) {
      fixed.push(line);
      continue;
    }
    const at = line.indexOf('=');
    const [k, v] = [line.slice(0, at).trim(), line.slice(at + 1).trim()];
    values.set(k, v);
    if (checked.has(k)) continue;
    checked.add(k);
    if (k !== name) fixed.push(`${k}=${v}`);
    else if (value !== undefined) fixed.push(`${k}=${value}`);
  }
  if (!checked.has(name) && value !== undefined) fixed.push(`${name}=${value}`);
  return { values, fixed };
}

/** sysctl may exit 0 and still refuse a value; these stderr lines are failures too. */
const STDERR_FAILED = /^sysctl: setting key "[^"]+": (Invalid argument|Read-only file system)$/m;

function collect(steps: Step[], outputs: StepOutput[], name: string): Record<string, unknown> {
  for (const [index, output] of outputs.entries()) {
    const step = steps[index];
    if (step?.kind !== 'exec' || (output.rc === 0 && !STDERR_FAILED.test(output.stderr))) continue;
    const text = output.stdout + output.stderr;
    const msg = step.command.includes(' -w ') ? `setting ${name} failed: ${text}` : `Failed to reload sysctl: ${text}`;
    return { failed: true, msg };
  }
  return {};
}
