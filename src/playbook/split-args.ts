import { ParseError, type SourcePos } from '../errors.js';

// Ansible's `key=value` argument strings (`file: path=/x state=directory`,
// `command: echo hi creates=/x`), ported from ansible.parsing.splitter so the text of a
// free-form command comes out byte for byte as Ansible would run it: tokens split on
// spaces except inside quotes and Jinja blocks, runs of spaces and newlines kept.

const FREE_FORM_KEYS = new Set(['creates', 'removes', 'chdir', 'executable', 'warn', 'stdin', 'stdin_add_newline', 'strip_empty_ends']);
const FREE_FORM_MODULES = new Set(['command', 'shell', 'raw', 'script'].flatMap((m) => [m, `ansible.builtin.${m}`]));

interface SplitState {
  params: string[];
  quote: string | undefined;
  depth: { print: number; block: number; comment: number };
}

/** split_args: tokens keep the whitespace needed to rebuild the original text. */
export function splitArgs(text: string, where?: SourcePos | string): string[] {
  const state: SplitState = { params: [], quote: undefined, depth: { print: 0, block: 0, comment: 0 } };
  const lines = text.split('\n');
  lines.forEach((line, lineIndex) => {
    let continuation = false;
    line.split(' ').forEach((token, index, tokens) => {
      if (token.length === 0 && index !== 0) {
        appendToLast(state, ' ');
        return;
      }
      if (token === '\\' && state.quote === undefined) {
        continuation = true;
        return;
      }
      addToken(state, token, index, tokens.length);
    });
    if (lines.length > 1 && lineIndex !== lines.length - 1 && !continuation) appendToLast(state, '\n');
  });
  const { print, block, comment } = state.depth;
  if (state.quote !== undefined || print > 0 || block > 0 || comment > 0) {
    throw new ParseError('bad-arguments', `unbalanced quotes or Jinja block in arguments: ${text}`, {
      where,
      hint: 'close every quote and {{ }} / {% %} block, or write the arguments as a YAML mapping',
    });
  }
  return state.params;
}

function appendToLast(state: SplitState, text: string): void {
  if (state.params.length === 0) state.params.push('');
  state.params[state.params.length - 1] += text;
}

function addToken(state: SplitState, token: string, index: number, count: number): void {
  const { depth } = state;
  const wasQuoted = state.quote !== undefined;
  state.quote = quoteState(token, state.quote);
  const quoted = state.quote !== undefined;
  const inJinja = (): boolean => depth.print > 0 || depth.block > 0 || depth.comment > 0;
  let appended = false;
  if (quoted && !wasQuoted && !inJinja()) {
    state.params.push(token);
    appended = true;
  } else if (inJinja() || quoted || wasQuoted) {
    if (index === 0 && wasQuoted) appendToLast(state, token);
    else if (count > 1) appendToLast(state, `${index > 0 ? ' ' : ''}${token}`);
    else appendToLast(state, `\n${token}`);
    appended = true;
  }
  for (const [key, open, close] of [['print', '{{', '}}'], ['block', '{%', '%}'], ['comment', '{#', '#}']] as const) {
    const before = depth[key];
    depth[key] = jinjaDepth(token, before, open, close);
    if (depth[key] !== before && !appended) {
      state.params.push(token);
      appended = true;
    }
  }
  if (!inJinja() && !quoted && !appended && token !== '') state.params.push(token);
}

function quoteState(token: string, quote: string | undefined): string | undefined {
  let current = quote;
  for (let i = 0; i < token.length; i++) {
    const ch = token[i]!;
    if ((ch === '"' || ch === "'") && (i === 0 || token[i - 1] !== '\\')) {
      if (current === undefined) current = ch;
      else if (current === ch) current = undefined;
    }
  }
  return current;
}

function jinjaDepth(token: string, depth: number, open: string, close: string): number {
  const opened = token.split(open).length - 1;
  const closed = token.split(close).length - 1;
  return opened === closed ? depth : Math.max(0, depth + opened - closed);
}

/** join_args: rebuilds the text; a space between tokens unless the previous ends a line. */
export function joinArgs(tokens: readonly string[]): string {
  return tokens.reduce((out, token) => (out === '' || out.endsWith('\n') ? out + token : `${out} ${token}`), '');
}

/** Removes one pair of matching outer quotes (not when the closing one is escaped). */
export function unquote(text: string): string {
  const quoted = text.length > 1 && text[0] === text.at(-1) && (text[0] === '"' || text[0] === "'") && text.at(-2) !== '\\';
  return quoted ? text.slice(1, -1) : text;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"' };

/** Python-style backslash escapes, as Ansible decodes key=value tokens. */
function decodeEscapes(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|[ntrabfv\\'"])/g, (whole, code: string) => {
    if (/^[xuU]/.test(code)) return String.fromCodePoint(parseInt(code.slice(1), 16));
    if (/^[0-7]/.test(code)) return String.fromCodePoint(parseInt(code, 8));
    return ESCAPES[code] ?? whole;
  });
}

/** The first `=` that is not escaped and not the first character. */
function equalsAt(token: string): number | undefined {
  for (let i = 1; i < token.length; i++) if (token[i] === '=' && token[i - 1] !== '\\') return i;
  return undefined;
}

/**
 * parse_kv: `key=value` tokens become arguments; everything else is joined back, with its
 * original spacing, under `_raw_params`. For free-form modules (command, shell, raw, script)
 * only their own few keys are taken; the rest stays part of the command.
 */
export function parseArgString(text: string, moduleName: string, where?: SourcePos | string): Record<string, unknown> {
  const freeForm = FREE_FORM_MODULES.has(moduleName);
  const args: Record<string, unknown> = {};
  const raw: string[] = [];
  for (const token of splitArgs(text, where)) {
    const decoded = decodeEscapes(token);
    const at = decoded.includes('=') ? equalsAt(decoded) : undefined;
    if (decoded.includes('=') && at === undefined) {
      raw.push(decoded.replace(/\\=/g, '='));
      continue;
    }
    const key = at === undefined ? undefined : decoded.slice(0, at);
    if (key === undefined || (freeForm && !FREE_FORM_KEYS.has(key))) raw.push(token);
    else args[key.trim()] = unquote(decoded.slice(at! + 1).trim());
  }
  if (raw.length > 0) args._raw_params = joinArgs(raw);
  return args;
}
