import { analyzeScalar, isPrintable } from './analyze.js';

// The emitter's output primitives and scalar writers (plain, 'single', "double" quoted),
// tracking column/indentation state the way the emitter does, so lines fold where it folds them.

export interface DumpOptions {
  indent: number;
  width: number;
  /** null: collections of scalars go flow style (PyYAML's default_flow_style=None). */
  defaultFlowStyle: boolean | null;
  sortKeys: boolean;
  explicitStart: boolean;
}

export interface Scalar {
  text: string;
  /** Plain-able: the representer marks non-strings and unambiguous strings implicit. */
  implicit: boolean;
}

const ESCAPES: Record<string, string> = { '\0': '0', '\x07': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\v': 'v', '\f': 'f', '\r': 'r', '\x1b': 'e', '"': '"', '\\': '\\', '\x85': 'N', '\xa0': '_', '\u2028': 'L', '\u2029': 'P' };

export class YamlOutput {
  protected out = '';
  protected column = 0;
  protected indent: number | null = null;
  protected whitespace = true;
  protected indention = true;
  protected flowLevel = 0;

  constructor(protected readonly opts: DumpOptions) {}

  protected scalar(s: Scalar, simpleKey: boolean): void {
    const a = analyzeScalar(s.text);
    const split = !simpleKey;
    if (s.implicit && !(simpleKey && (a.empty || a.multiline)) && ((this.flowLevel > 0 && a.allowFlowPlain) || (this.flowLevel === 0 && a.allowBlockPlain))) {
      this.writePlain(s.text, split);
    } else if (a.allowSingleQuoted && !(simpleKey && a.multiline)) {
      this.writeSingleQuoted(s.text, split);
    } else this.writeDoubleQuoted(s.text, split);
  }

  protected write(data: string): void {
    this.out += data;
    this.column += data.length;
  }

  protected writeIndicator(indicator: string, needWhitespace: boolean, whitespace = false, indention = false): void {
    this.write(this.whitespace || !needWhitespace ? indicator : ` ${indicator}`);
    this.whitespace = whitespace;
    this.indention = this.indention && indention;
  }

  protected writeIndent(): void {
    const indent = this.indent ?? 0;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.writeLineBreak();
    if (this.column < indent) {
      this.whitespace = true;
      this.write(' '.repeat(indent - this.column));
    }
  }

  protected writeLineBreak(br = '\n'): void {
    this.whitespace = true;
    this.indention = true;
    this.out += br;
    this.column = 0;
  }

  protected writePlain(text: string, split: boolean): void {
    if (!text) return;
    if (!this.whitespace) this.write(' ');
    this.whitespace = false;
    this.indention = false;
    let spaces = false;
    let start = 0;
    for (let end = 0; end <= text.length; end++) {
      const ch = text[end];
      if (spaces) {
        if (ch !== ' ') {
          if (start + 1 === end && this.column > this.opts.width && split) {
            this.writeIndent();
            this.whitespace = false;
            this.indention = false;
          } else this.write(text.slice(start, end));
          start = end;
        }
      } else if (ch === undefined || ch === ' ') {
        this.write(text.slice(start, end));
        start = end;
      }
      if (ch !== undefined) spaces = ch === ' ';
    }
  }

  protected writeSingleQuoted(text: string, split: boolean): void {
    this.writeIndicator("'", true);
    let spaces = false;
    let breaks = false;
    let start = 0;
    for (let end = 0; end <= text.length; end++) {
      const ch = text[end];
      if (spaces) {
        if (ch === undefined || ch !== ' ') {
          if (start + 1 === end && this.column > this.opts.width && split && start !== 0 && end !== text.length) this.writeIndent();
          else this.write(text.slice(start, end));
          start = end;
        }
      } else if (breaks) {
        if (ch === undefined || !'\n\x85\u2028\u2029'.includes(ch)) {
          if (text[start] === '\n') this.writeLineBreak();
          for (const br of text.slice(start, end)) this.writeLineBreak(br === '\n' ? '\n' : br);
          this.writeIndent();
          start = end;
        }
      } else if ((ch === undefined || ' \n\x85\u2028\u2029'.includes(ch) || ch === "'") && start < end) {
        this.write(text.slice(start, end));
        start = end;
      }
      if (ch === "'") {
        this.write("''");
        start = end + 1;
      }
      if (ch !== undefined) {
        spaces = ch === ' ';
        breaks = '\n\x85\u2028\u2029'.includes(ch);
      }
    }
    this.writeIndicator("'", false);
  }

  /** libyaml's double-quoted writer: escapes, and folds only at a single space past the width. */
  protected writeDoubleQuoted(text: string, split: boolean): void {
    this.writeIndicator('"', true);
    const chars = [...text];
    let spaces = false;
    chars.forEach((ch, i) => {
      const code = ch.codePointAt(0) ?? 0;
      if (!isPrintable(ch) || ch === '\n' || '"\\\x85\u2028\u2029\r'.includes(ch)) {
        const esc = ESCAPES[ch];
        this.write(esc !== undefined ? `\\${esc}` : code <= 0xff ? `\\x${hex(code, 2)}` : code <= 0xffff ? `\\u${hex(code, 4)}` : `\\U${hex(code, 8)}`);
        spaces = false;
      } else if (ch === ' ') {
        if (split && !spaces && this.column > this.opts.width && i !== 0 && i !== chars.length - 1) {
          this.writeIndent();
          if (chars[i + 1] === ' ') this.write('\\');
        } else this.write(ch);
        spaces = true;
      } else {
        this.write(ch);
        spaces = false;
      }
    });
    this.writeIndicator('"', false);
  }
}

function hex(code: number, width: number): string {
  return code.toString(16).toUpperCase().padStart(width, '0');
}
