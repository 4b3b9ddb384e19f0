import nunjucks from 'nunjucks';

// Typed access to the Nunjucks internals we build on (lexer, parser, AST node classes).

export interface Node {
  typename: string;
  lineno: number;
  colno: number;
  children: Node[];
  value: unknown;
  target: Node;
  left: Node;
  right: Node;
  expr: Node;
  ops: Node[];
  type: string;
  name: Node;
  args: Node;
  body: Node;
  cond: Node;
  else_: Node | null;
  arr: Node;
  targets: Node[];
  template: Node;
  ignoreMissing: boolean;
  names: Node;
  withContext: boolean | null;
  key: Node;
  val: Node;
  start: Node | null;
  stop: Node | null;
  step: Node | null;
  /** Set by our parser: `a.b` (attribute first) rather than `a['b']` (item first). */
  dot?: boolean;
  /** Set by our parser on float literals. */
  float?: boolean;
  /** `{% with a = 1 %}`: the assignments, as Pair nodes. */
  assignments?: Node[];
}

export interface Token {
  type: string;
  value: string;
  lineno: number;
  colno: number;
}

export interface ParserBase {
  tokens: { nextToken(): Token | null; current(): string; forward(): void };
  peekToken(): Token;
  nextToken(): Token;
  pushToken(tok: Token): void;
  skip(type: string): boolean;
  skipSymbol(name: string): boolean;
  skipValue(type: string, value: string): boolean;
  expect(type: string): Token;
  fail(msg: string, lineno?: number, colno?: number): never;
  parseExpression(): Node;
  parsePrimary(noPostfix?: boolean): Node;
  parseCompare(): Node;
  parsePow(): Node;
  parseRaw(tagName?: string): Node;
  parseStatement(): Node | null;
  parseUntilBlocks(...names: string[]): Node;
  advanceAfterBlockEnd(name?: string): Token;
  parseSignature(tolerant?: boolean, noParens?: boolean): Node | null;
  parseAsRoot(): Node;
  extensions: unknown[];
}

interface Internals {
  parser: { Parser: new (tokens: unknown) => ParserBase };
  lexer: Record<string, string> & { lex(src: string, opts: object): ParserBase['tokens'] };
  nodes: Record<string, new (lineno: number, colno: number, ...rest: unknown[]) => Node>;
}

export const nj = nunjucks as unknown as Internals;
export const nodes = nj.nodes;
export const lex = nj.lexer;
export const T = {
  LPAREN: lex.TOKEN_LEFT_PAREN as string,
  LBRACKET: lex.TOKEN_LEFT_BRACKET as string,
  RBRACKET: lex.TOKEN_RIGHT_BRACKET as string,
  COLON: lex.TOKEN_COLON as string,
  OPERATOR: lex.TOKEN_OPERATOR as string,
  SYMBOL: lex.TOKEN_SYMBOL as string,
  COMMENT: lex.TOKEN_COMMENT as string,
  LCURLY: lex.TOKEN_LEFT_CURLY as string,
  RCURLY: lex.TOKEN_RIGHT_CURLY as string,
  VAREND: lex.TOKEN_VARIABLE_END as string,
  VARSTART: lex.TOKEN_VARIABLE_START as string,
  BLOCKEND: lex.TOKEN_BLOCK_END as string,
};
export const primaryStarts = new Set([lex.TOKEN_STRING, lex.TOKEN_INT, lex.TOKEN_FLOAT, lex.TOKEN_LEFT_BRACKET, lex.TOKEN_LEFT_CURLY, lex.TOKEN_BOOLEAN, lex.TOKEN_NONE]);
export const notArgSymbols = new Set(['and', 'or', 'else', 'if', 'not', 'in', 'is']);
