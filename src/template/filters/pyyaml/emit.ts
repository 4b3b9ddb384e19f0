import { floatRepr } from '../../py/repr.js';
import { PyFloat, Undefined, isDict } from '../../py/values.js';
import { analyzeScalar, isPrintable, resolvesToString } from './analyze.js';

// A port of the parts of the YAML emitter that yaml.dump(..., Dumper=AnsibleDumper) uses (libyaml's
// behaviour where it differs from pure-Python PyYAML, see analyze.ts):
// block and flow collections, plain/single/double-quoted scalars, line folding at `width`.

export interface DumpOptions {
  indent: number;
  width: number;
  /** null: collections of scalars go flow style (PyYAML's default_flow_style=None). */
  defaultFlowStyle: boolean | null;
  sortKeys: boolean;
  explicitStart: boolean;
}

interface Scalar {
  text: string;
  /** Plain-able: the representer marks non-strings and unambiguous strings implicit. */
  implicit: boolean;
}

const ESCAPES: Record<string, string> = { '\0': '0', '\x07': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\v': 'v', '\f': 'f', '\r': 'r', '\x1b': 'e', '"': '"', '\\': '\\', '\x85': 'N', '\xa0': '_', '\u2028': 'L', '\u2029': 'P' };

function represent(value: unknown): Scalar | undefined {
  if (value === null || value === undefined) return { text: 'null', implicit: true };
  if (value === true || value === false) return { text: String(value), implicit: true };
  if (typeof value === 'number' && Number.isInteger(value)) return { text: String(value), implicit: true };
  if (typeof value === 'number' || value instanceof PyFloat) {
    const n = Number(value);
    if (Number.isNaN(n)) return { text: '.nan', implicit: true };
    if (!Number.isFinite(n)) return { text: n > 0 ? '.inf' : '-.inf', implicit: true };
    const r = floatRepr(n).toLowerCase();
    return { text: !r.includes('.') && r.includes('e') ? r.replace('e', '.0e') : r, implicit: true };
  }
  if (value instanceof Undefined) value.fail();
  if (typeof value === 'string') return { text: value, implicit: resolvesToString(value) };
  if (Array.isArray(value) || isDict(value)) return undefined;
  return { text: String(value), implicit: resolvesToString(String(value)) };
}

export class PyYamlEmitter {
  private out = '';
  private column = 0;
  private indent: number | null = null;
  private readonly indents: Array<number | null> = [];
  private whitespace = true;
  private indention = true;
  private flowLevel = 0;

  constructor(private readonly opts: DumpOptions) {}

  dump(value: unknown): string {
    if (this.opts.explicitStart) {
      this.writeIndicator('---', true);
    }
    this.node(value, { root: true, sequence: false, mapping: false, simpleKey: false });
    this.writeIndent();
    return this.out;
  }

  private node(value: unknown, ctx: { root: boolean; sequence: boolean; mapping: boolean; simpleKey: boolean }): void {
    const scalar = represent(value);
    if (scalar) {
      this.pushIndent(true, false);
      this.scalar(scalar, ctx.simpleKey);
      this.indent = this.indents.pop() ?? null;
      return;
    }
    const items: Array<[unknown, unknown]> = Array.isArray(value) ? value.map((v) => [undefined, v]) : this.entries(value as Record<string, unknown>);
    const isSeq = Array.isArray(value);
    const flow = this.flowLevel > 0 || items.length === 0 || this.flowStyle(items, isSeq);
    if (isSeq) flow ? this.flowSequence(items.map(([, v]) => v)) : this.blockSequence(items.map(([, v]) => v), ctx.mapping);
    else flow ? this.flowMapping(items) : this.blockMapping(items);
  }

  private entries(dict: Record<string, unknown>): Array<[unknown, unknown]> {
    const entries = Object.entries(dict);
    return this.opts.sortKeys ? entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : entries;
  }

  private flowStyle(items: Array<[unknown, unknown]>, isSeq: boolean): boolean {
    if (this.opts.defaultFlowStyle !== null) return this.opts.defaultFlowStyle;
    return items.every(([k, v]) => (isSeq || represent(k) !== undefined) && represent(v) !== undefined);
  }

  private pushIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent === null) this.indent = flow ? this.opts.indent : 0;
    else if (!indentless) this.indent += this.opts.indent;
  }

  private blockSequence(items: unknown[], mappingContext: boolean): void {
    this.pushIndent(false, mappingContext && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.node(item, { root: false, sequence: true, mapping: false, simpleKey: false });
    }
    this.indent = this.indents.pop() ?? null;
  }

  private blockMapping(items: Array<[unknown, unknown]>): void {
    this.pushIndent(false, false);
    for (const [k, v] of items) {
      this.writeIndent();
      this.node(k, { root: false, sequence: false, mapping: true, simpleKey: true });
      this.writeIndicator(':', false);
      this.node(v, { root: false, sequence: false, mapping: true, simpleKey: false });
    }
    this.indent = this.indents.pop() ?? null;
  }

  private flowSequence(items: unknown[]): void {
    this.writeIndicator('[', true, true);
    this.flowLevel++;
    this.pushIndent(true, false);
    items.forEach((item, i) => {
      if (i > 0) this.writeIndicator(',', false);
      if (this.column > this.opts.width) this.writeIndent();
      this.node(item, { root: false, sequence: true, mapping: false, simpleKey: false });
    });
    this.indent = this.indents.pop() ?? null;
    this.flowLevel--;
    this.writeIndicator(']', false);
  }

  private flowMapping(items: Array<[unknown, unknown]>): void {
    this.writeIndicator('{', true, true);
    this.flowLevel++;
    this.pushIndent(true, false);
    items.forEach(([k, v], i) => {
      if (i > 0) this.writeIndicator(',', false);
      if (this.column > this.opts.width) this.writeIndent();
      this.node(k, { root: false, sequence: false, mapping: true, simpleKey: true });
      this.writeIndicator(':', false);
      this.node(v, { root: false, sequence: false, mapping: true, simpleKey: false });
    });
    this.indent = this.indents.pop() ?? null;
    this.flowLevel--;
    this.writeIndicator('}', false);
  }

  private scalar(s: Scalar, simpleKey: boolean): void {
    const a = analyzeScalar(s.text);
    const split = !simpleKey;
    if (s.implicit && !(simpleKey && (a.empty || a.multiline)) && ((this.flowLevel > 0 && a.allowFlowPlain) || (this.flowLevel === 0 && a.allowBlockPlain))) {
      this.writePlain(s.text, split);
    } else if (a.allowSingleQuoted && !(simpleKey && a.multiline)) {
      this.writeSingleQuoted(s.text, split);
    } else this.writeDoubleQuoted(s.text, split);
  }

  private write(data: string): void {
    this.out += data;
    this.column += data.length;
  }

  private writeIndicator(indicator: string, needWhitespace: boolean, whitespace = false, indention = false): void {
    this.write(this.whitespace || !needWhitespace ? indicator : ` ${indicator}`);
    this.whitespace = whitespace;
    this.indention = this.indention && indention;
  }

  private writeIndent(): void {
    const indent = this.indent ?? 0;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.writeLineBreak();
    if (this.column < indent) {
      this.whitespace = true;
      this.write(' '.repeat(indent - this.column));
    }
  }

  private writeLineBreak(br = '\n'): void {
    this.whitespace = true;
    this.indention = true;
    this.out += br;
    this.column = 0;
  }

  private writePlain(text: string, split: boolean): void {
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

  private writeSingleQuoted(text: string, split: boolean): void {
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
  private writeDoubleQuoted(text: string, split: boolean): void {
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
