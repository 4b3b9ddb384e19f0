// One error family for everything a user can cause. Each carries a stable code,
// the exit code ansible-playbook documents for its kind, where it happened, and a hint.
// Anything that is not a ClawError is a bug and is the only thing that prints a stack.

export const EXIT = {
  OK: 0,
  ERROR: 1,
  HOST_FAILED: 2,
  /** `lint` found error-level violations (as ansible-lint). */
  LINT_FINDINGS: 2,
  HOST_UNREACHABLE: 3,
  PARSE: 4,
  BAD_OPTIONS: 5,
  /** `--check --detailed-exitcode` with changes pending; no ansible-playbook code uses 80. */
  CHANGES_PENDING: 80,
  INTERRUPTED: 99,
  UNEXPECTED: 250,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A place in a source file; line and col are 1-based. */
export interface SourcePos {
  file: string;
  line: number;
  col: number;
}

export function formatPos(pos: SourcePos): string {
  return `${pos.file}:${pos.line}:${pos.col}`;
}

export interface ClawErrorOptions {
  where?: SourcePos | string;
  hint?: string;
  cause?: unknown;
}

export class ClawError extends Error {
  readonly where: SourcePos | string | undefined;
  readonly hint: string | undefined;

  constructor(
    readonly code: string,
    message: string,
    readonly exitCode: ExitCode,
    options: ClawErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.where = options.where;
    this.hint = options.hint;
  }

  /** The one readable form every printer uses: "where: message\n  hint: ...". */
  format(): string {
    const where = this.where === undefined ? '' : typeof this.where === 'string' ? `${this.where}: ` : `${formatPos(this.where)}: `;
    return `${where}${this.message}${this.hint ? `\n  hint: ${this.hint}` : ''}`;
  }
}

/** Malformed or invalid input files: YAML, schemas, templates, unknown keywords. Exit 4. */
export class ParseError extends ClawError {
  constructor(code: string, message: string, options: ClawErrorOptions = {}) {
    super(code, message, EXIT.PARSE, options);
  }
}

/** Bad command-line options. Exit 5. */
export class OptionsError extends ClawError {
  constructor(message: string, options: ClawErrorOptions = {}) {
    super('bad-option', message, EXIT.BAD_OPTIONS, options);
  }
}

/** Wrong vault password, tampered or malformed vault data. Exit 4. */
export class VaultError extends ClawError {
  constructor(code: string, message: string, options: ClawErrorOptions = {}) {
    super(code, message, EXIT.PARSE, options);
  }
}

/** A template that cannot be rendered: undefined variable, syntax error. Exit 4 at load time; a task failure at run time. */
export class TemplateError extends ClawError {
  constructor(code: string, message: string, options: ClawErrorOptions = {}) {
    super(code, message, EXIT.PARSE, options);
  }
}

/** A host could not be reached or authenticated, or its host key was refused. */
export class UnreachableError extends ClawError {
  constructor(code: string, message: string, options: ClawErrorOptions = {}) {
    super(code, message, EXIT.HOST_UNREACHABLE, options);
  }
}

export function isClawError(error: unknown): error is ClawError {
  return error instanceof ClawError;
}
