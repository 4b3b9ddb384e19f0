import { floatRepr } from '../../py/repr.js';
import { PyFloat, Undefined, isDict } from '../../py/values.js';
import { resolvesToString } from './analyze.js';
import { YamlOutput, type DumpOptions, type Scalar } from './output.js';

// A port of the parts of the YAML emitter that yaml.dump(..., Dumper=AnsibleDumper) uses (libyaml's
// behaviour where it differs from pure-Python PyYAML, see analyze.ts):
// block and flow collections and the representer's choice of flow style; scalars are written
// by output.ts.

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

export class PyYamlEmitter extends YamlOutput {
  private readonly indents: Array<number | null> = [];

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
}

export type { DumpOptions };
