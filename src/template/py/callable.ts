// Anything a template can call: Python methods on values, macros, globals like range().
export type Kwargs = Record<string, unknown>;

export class PyFunction {
  constructor(
    readonly name: string,
    readonly call: (args: unknown[], kwargs: Kwargs) => unknown,
  ) {}
  toString(): string {
    return `<function ${this.name}>`;
  }
}
