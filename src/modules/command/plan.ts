import { quote } from 'shell-quote';
import { expandingWord, shlexSplit } from '../common/shlex.js';
import { splitLines } from '../run-module.js';
import type { ModuleContext, ModuleResult, Plan, StepOutput } from '../types.js';
import type { CommandArgs } from './schema.js';

// Ansible 2.14's command/shell: creates/removes decide first ("not run" is ok and unchanged),
// check mode does not run anything (skipped, unless creates/removes made it a real decision),
// and a command that runs always reports changed (changed_when is the runner's business).

export interface CommandFacts {
  /** Matches of `creates` / `removes` (absent when not given). */
  creates?: string[];
  removes?: string[];
}

type PlanCtx = Pick<ModuleContext, 'check' | 'forceRun'>;

export function planCommand(args: CommandArgs, facts: CommandFacts, ctx: PlanCtx, shell: boolean): Plan {
  const raw = args._raw_params;
  const base = { stdout: '', stderr: '', rc: null, cmd: null, start: null, end: null, delta: null, msg: '' };
  if ((raw === undefined || raw.trim() === '') && !args.argv?.length) return { steps: [], fail: 'no command given', result: { ...base, rc: 256 } };
  if (raw !== undefined && raw.trim() !== '' && args.argv?.length) {
    return { steps: [], fail: 'only command or argv can be given, not both', result: { ...base, rc: 256 } };
  }
  let cmd: string | string[];
  try {
    cmd = shell ? (raw ?? '') : raw !== undefined && raw.trim() !== '' ? shlexSplit(raw) : (args.argv ?? []);
  } catch (error) {
    return { steps: [], fail: `cannot split the command line: ${(error as Error).message}`, result: { ...base, rc: 256 } };
  }
  const checking = ctx.check && !ctx.forceRun;
  const notRun = skippedBy(args, facts, checking ? 'Would' : 'Did');
  if (notRun) return { steps: [], result: { ...base, cmd, rc: 0, ...notRun, stdout_lines: [notRun.stdout], stderr_lines: [] } };
  if (checking && args.creates === undefined && args.removes === undefined) {
    return { steps: [], skip: 'Command would have run if not in check mode', result: { ...base, cmd, rc: 0 } };
  }
  const command = shell ? shellScript(args.executable ?? '/bin/sh', raw ?? '') : (cmd as string[]).map(expandingWord).join(' ');
  const stdin = args.stdin === undefined ? undefined : args.stdin_add_newline ? `${args.stdin}\n` : args.stdin;
  return {
    steps: [{ kind: 'exec', command, allowFailure: true, ...(args.chdir ? { cwd: args.chdir } : {}), ...(stdin !== undefined ? { stdin } : {}) }],
    result: checking ? { ...base, cmd, rc: 0, msg: 'Command would have run if not in check mode' } : { ...base, cmd },
    collect: (outputs) => commandResult(outputs[0], args.strip_empty_ends),
  };
}

/**
 * The shell reads the command line as a script on fd 3 (a here-document) rather than from
 * `-c LINE`: the line never becomes a process argument, so a vault value in it stays out of
 * the process table, and the command's own stdin is left free.
 */
export function shellScript(executable: string, line: string): string {
  let marker = 'CLAW_SHELL_EOF';
  while (line.split('\n').includes(marker)) marker += '_';
  return `${quote([executable])} /dev/fd/3 3<<'${marker}'\n${line}\n${marker}`;
}

function skippedBy(args: CommandArgs, facts: CommandFacts, verb: 'Would' | 'Did'): { msg: string; stdout: string } | undefined {
  if (args.creates !== undefined && (facts.creates ?? []).length > 0) {
    return { msg: `${verb} not run command since '${args.creates}' exists`, stdout: `skipped, since ${args.creates} exists` };
  }
  if (args.removes !== undefined && (facts.removes ?? []).length === 0) {
    return { msg: `${verb} not run command since '${args.removes}' does not exist`, stdout: `skipped, since ${args.removes} does not exist` };
  }
  return undefined;
}

function commandResult(output: StepOutput | undefined, strip: boolean): Partial<ModuleResult> {
  if (!output) return {};
  const stdout = strip ? output.stdout.replace(/[\r\n]+$/, '') : output.stdout;
  const stderr = strip ? output.stderr.replace(/[\r\n]+$/, '') : output.stderr;
  const times = output.startedAt && output.endedAt ? timing(output.startedAt, output.endedAt) : {};
  const result: Partial<ModuleResult> = { rc: output.rc, stdout, stderr, stdout_lines: splitLines(stdout), stderr_lines: splitLines(stderr), ...times };
  if (output.rc !== 0) return { ...result, failed: true, msg: 'non-zero return code' };
  return result;
}

/** Python's str(datetime) and str(timedelta), which Ansible puts in start/end/delta. */
function timing(start: Date, end: Date): Record<string, string> {
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  const stamp = (d: Date): string =>
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds() * 1000, 6)}`;
  const ms = end.getTime() - start.getTime();
  const delta = `${Math.floor(ms / 3_600_000)}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad((ms % 1000) * 1000, 6)}`;
  return { start: stamp(start), end: stamp(end), delta };
}
