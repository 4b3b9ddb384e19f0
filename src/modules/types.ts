import type { Become, Connection } from '../connection/types.js';
import type { FactReader, Touch } from '../facts/types.js';

// The module contract: a JSON Schema for the arguments, a read-only `gather` that asks for
// facts, a PURE `plan(args, facts)` returning the steps that would change the host, and the
// default executor that runs them. No steps means "ok, unchanged"; check mode is the same
// code stopping before execution. Modules do no IO of their own.

export type JsonSchema = Record<string, unknown>;

/** Ansible's diff dict. */
export interface DiffEntry {
  before: string;
  after: string;
  before_header?: string;
  after_header?: string;
}

export type Step =
  | {
      kind: 'exec';
      /** POSIX sh command line. */
      command: string;
      stdin?: string | Buffer;
      env?: Record<string, string>;
      cwd?: string;
      /** Non-zero exit does not fail the task (the module's `collect` decides). */
      allowFailure?: boolean;
    }
  | {
      kind: 'put';
      path: string;
      content: Buffer;
      mode?: string;
      owner?: string;
      group?: string;
    };

export interface StepOutput {
  rc: number;
  stdout: string;
  stderr: string;
  /** When an exec step started/ended (command's start/end/delta); absent for puts and in fixtures. */
  startedAt?: Date;
  endedAt?: Date;
}

/** What a task returns: Ansible's result dict. */
export interface ModuleResult {
  changed: boolean;
  failed?: boolean;
  skipped?: boolean;
  msg?: string;
  diff?: DiffEntry[];
  [field: string]: unknown;
}

export interface Plan {
  /** Commands/transfers that change the host; empty = unchanged. */
  steps: Step[];
  diff?: DiffEntry[];
  /** Result fields known without running anything (stat, slurp, msg...). */
  result?: Record<string, unknown>;
  /** Set when the task must fail without running anything (assert, fail, bad state). */
  fail?: string;
  /** Set when the task is skipped with this message (command in check mode). */
  skip?: string;
  /** Turns step outputs into result fields (command: rc/stdout/stderr). Pure. */
  collect?: (outputs: StepOutput[]) => Partial<ModuleResult>;
  /** Runs even in check mode (read-only commands such as `command` with check_mode: false). */
  runInCheckMode?: boolean;
  /**
   * Every host path the steps may change, when the plan knows them exactly: after the steps
   * only facts these can reach are dropped. Absent: the steps may change anything (command,
   * apt, ...), so every cached fact of the host is dropped.
   */
  touches?: Touch[] | undefined;
}

/** Controller-side helpers a module's gather may use (read-only). */
export interface ControllerFiles {
  /** Finds `src` in the role's files/ or templates/ dir, then relative to the playbook. */
  find(kind: 'files' | 'templates', src: string): Promise<string>;
  read(path: string): Promise<Buffer>;
  /** Renders a template file with the task's variables (the `template` module). */
  renderTemplate(path: string): Promise<string>;
}

export interface ModuleContext {
  host: string;
  connection: Connection;
  facts: FactReader;
  controller: ControllerFiles;
  check: boolean;
  diff: boolean;
  become: Become | undefined;
  /** True when the task sets `check_mode: false` (run for real even under --check). */
  forceRun: boolean;
}

export interface Module<Args = Record<string, unknown>, Facts = unknown> {
  /** Canonical FQCN, e.g. "ansible.builtin.file". */
  name: string;
  /** Other accepted names, e.g. ["file"]. */
  aliases: string[];
  schema: JsonSchema;
  /** Name of the argument that takes Ansible's free-form string (command, shell). */
  freeForm?: string;
  /** One-line description for `claw-provision doc`. */
  description: string;
  gather(args: Args, ctx: ModuleContext): Promise<Facts>;
  plan(args: Args, facts: Facts, ctx: Pick<ModuleContext, 'check' | 'diff' | 'forceRun' | 'host'>): Plan;
}
