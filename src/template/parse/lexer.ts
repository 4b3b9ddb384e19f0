import { lex, T, type ParserBase, type Token } from './types.js';

interface TokenizerState {
  str: string;
  index: number;
  lineno: number;
  colno: number;
  in_code: boolean;
  /** Ansible's escape_backslashes: string literals inside {{ }} keep their backslashes. */
  rawStrings?: boolean;
  current(): string;
  forward(): void;
  isFinished(): boolean;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '\n': '' };

/** A string literal with Python's escapes (unicode-escape, as Jinja2 decodes them). */
function parsePythonString(this: TokenizerState, delimiter: string): string {
  this.forward();
  let str = '';
  const take = (n: number, re: RegExp): string | undefined => {
    const text = this.str.slice(this.index + 1, this.index + 1 + n);
    return text.length === n && re.test(text) ? text : undefined;
  };
  while (!this.isFinished() && this.current() !== delimiter) {
    const cur = this.current();
    this.forward();
    if (cur !== '\\' || this.isFinished()) {
      str += cur;
      continue;
    }
    const esc = this.current();
    const hex = esc === 'x' ? take(2, /^[0-9a-fA-F]{2}$/) : esc === 'u' ? take(4, /^[0-9a-fA-F]{4}$/) : esc === 'U' ? take(8, /^[0-9a-fA-F]{8}$/) : undefined;
    const octal = /[0-7]/.test(esc) ? /^[0-7]{1,3}/.exec(this.str.slice(this.index))?.[0] : undefined;
    if (this.rawStrings) str += `\\${esc}`;
    else if (hex) {
      str += String.fromCodePoint(parseInt(hex, 16));
      for (let i = 0; i < hex.length; i++) this.forward();
    } else if (octal) {
      str += String.fromCharCode(parseInt(octal, 8));
      for (let i = 1; i < octal.length; i++) this.forward();
    } else str += SIMPLE_ESCAPES[esc] ?? `\\${esc}`;
    this.forward();
  }
  this.forward();
  return str;
}

// Two lexer differences fixed here: Jinja2's trim_blocks also eats the newline after a comment,
// and Jinja2 only ends a tag at `}}` when no `{` of a dict literal is open (`{{ {'a': {}} }}`).
export function tokenize(src: string, escapeBackslashes: boolean): ParserBase['tokens'] {
  const tokens = lex.lex(src, { trimBlocks: true, lstripBlocks: false });
  const state = tokens as unknown as TokenizerState;
  const next = tokens.nextToken.bind(tokens);
  (tokens as unknown as { _parseString: typeof parsePythonString })._parseString = parsePythonString;
  let depth = 0;
  let inVariable = false;
  tokens.nextToken = () => {
    state.rawStrings = escapeBackslashes && inVariable;
    if (state.in_code && depth > 0 && state.str.startsWith('}}', state.index)) {
      const tok: Token = { type: T.RCURLY, value: '}', lineno: state.lineno, colno: state.colno };
      tokens.forward();
      depth--;
      return tok;
    }
    const tok = next();
    if (tok?.type === T.LCURLY) depth++;
    else if (tok?.type === T.RCURLY) depth = Math.max(0, depth - 1);
    else if (tok?.type === T.VAREND || tok?.type === T.BLOCKEND) depth = 0;
    if (tok?.type === T.VARSTART) inVariable = true;
    else if (tok?.type === T.VAREND) inVariable = false;
    if (tok && tok.type === T.COMMENT && tok.value.endsWith('#}') && tokens.current() === '\n') tokens.forward();
    return tok;
  };
  return tokens;
}

/** Jinja2 (without keep_trailing_newline, as Ansible configures it) drops one final newline. */
