import { TemplateError, isClawError, type SourcePos } from '../errors.js';
import { LocatedError } from './eval/scope.js';

// Turns an evaluator failure into the one readable TemplateError: what went wrong, where
// (template file and line, or the YAML position of the templated string), and the line itself.

const hints: Record<LocatedError['kind'], string> = {
  undefined: 'define the variable (inventory, group_vars, host_vars, vars) or give a fallback with `| default(...)`; test it with `is defined`',
  syntax: 'check the Jinja2 syntax: every {{ has a }}, every {% if %}/{% for %} its {% endif %}/{% endfor %}',
  error: 'check the types of the values used on that line',
};

interface NunjucksError {
  lineno?: number;
  colno?: number;
  message: string;
}

/** A Nunjucks parse error (0-based lineno/colno when known) as a LocatedError. */
export function syntaxError(error: unknown, src: string, file: string | undefined): LocatedError {
  const e = error as NunjucksError;
  const message = String(e.message ?? error).replace(/^\(unknown path\)\s*(\[Line \d+, Column \d+\])?\s*/, '').replace(/^(parse\w*|lex\w*): /, '');
  // Nunjucks reports 1-based positions for parse errors.
  return new LocatedError(`template syntax error: ${message}`, src, Math.max(0, (e.lineno ?? 1) - 1), Math.max(0, (e.colno ?? 1) - 1), "syntax", file);
}

export function toTemplateError(error: unknown, where: SourcePos | string | undefined): unknown {
  if (isClawError(error) || !(error instanceof Error)) return error;
  if (!(error instanceof LocatedError)) return new TemplateError('template-error', error.message, { where, hint: hints.error, cause: error });
  const lines = error.src.split('\n');
  const lineText = lines[error.lineno] ?? '';
  const snippet = lineText.trim() === '' ? '' : `\n    ${error.lineno + 1} | ${lineText.trimEnd()}`;
  let at: SourcePos | string | undefined = where;
  if (error.file !== undefined) at = { file: error.file, line: error.lineno + 1, col: error.colno + 1 };
  else if (where !== undefined && typeof where === 'object') {
    at = { file: where.file, line: where.line + error.lineno, col: error.lineno === 0 ? where.col + error.colno : error.colno + 1 };
  } else if (typeof where === 'string' && lines.length > 1) at = `${where} (template line ${error.lineno + 1})`;
  const what = at === undefined && lines.length > 1 ? ` (template line ${error.lineno + 1})` : '';
  return new TemplateError(`template-${error.kind}`, `${error.message}${what}${snippet}`, { where: at, hint: hints[error.kind], cause: error });
}
