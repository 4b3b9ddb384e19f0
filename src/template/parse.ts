import nunjucks from 'nunjucks';

// Parsing reuses Nunjucks' lexer and parser (Jinja2's syntax, positions on every node) with
// the few grammar points where Jinja2 differs fixed in a subclass: dotted vs subscript access,
// Python slices, and tests written without parentheses (`x is divisibleby 3`). Evaluation is
// ours (eval/): Nunjucks' compiled JavaScript has JavaScript semantics, Jinja2 has Python's.

/** The Nunjucks AST node shape, as far as the evaluator reads it. */
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
}

interface Token {
  type: string;
  value: string;
  lineno: number;
  colno: number;
}

interface ParserBase {
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
  parseSignature(tolerant?: boolean, noParens?: boolean): Node | null;
  parseAsRoot(): Node;
  extensions: unknown[];
}

interface Internals {
  parser: { Parser: new (tokens: unknown) => ParserBase };
  lexer: Record<string, string> & { lex(src: string, opts: object): ParserBase['tokens'] };
  nodes: Record<string, new (lineno: number, colno: number, ...rest: unknown[]) => Node>;
}

const nj = nunjucks as unknown as Internals;
export const nodes = nj.nodes;
const lex = nj.lexer;
const T = {
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
  BLOCKEND: lex.TOKEN_BLOCK_END as string,
};
const primaryStarts = new Set([lex.TOKEN_STRING, lex.TOKEN_INT, lex.TOKEN_FLOAT, lex.TOKEN_LEFT_BRACKET, lex.TOKEN_LEFT_CURLY, lex.TOKEN_BOOLEAN, lex.TOKEN_NONE]);
const notArgSymbols = new Set(['and', 'or', 'else', 'if', 'not', 'in', 'is']);

class JinjaParser extends (nj.parser.Parser as unknown as new (tokens: unknown) => ParserBase) {
  /** Remembers that `1.0` was written as a float: Python prints it as `1.0`, JS would print `1`. */
  override parsePrimary(noPostfix?: boolean): Node {
    const tok = this.peekToken();
    const node = super.parsePrimary(noPostfix);
    if (tok && tok.type === lex.TOKEN_FLOAT && node.typename === 'Literal') node.float = true;
    return node;
  }

  parsePostfix(node: Node): Node {
    let tok = this.peekToken();
    while (tok) {
      if (tok.type === T.LPAREN) {
        node = new nodes.FunCall!(tok.lineno, tok.colno, node, this.parseSignature());
      } else if (tok.type === T.LBRACKET) {
        node = this.parseSubscript(node);
      } else if (tok.type === T.OPERATOR && tok.value === '.') {
        this.nextToken();
        const name = this.nextToken();
        // `users.0.name`: the lexer reads "0." as a float; split it back into index and dot.
        const indexDot = name?.type === lex.TOKEN_FLOAT && /^\d+\.$/.test(name.value);
        if (!name || (name.type !== T.SYMBOL && name.type !== lex.TOKEN_INT && !indexDot)) this.fail(`expected name as lookup value, got ${name?.value}`, name?.lineno, name?.colno);
        const key = new nodes.Literal!(name.lineno, name.colno, name.type === T.SYMBOL ? name.value : parseInt(name.value, 10));
        node = new nodes.LookupVal!(tok.lineno, tok.colno, node, key);
        node.dot = true;
        if (indexDot) this.pushToken({ type: T.OPERATOR, value: '.', lineno: name.lineno, colno: name.colno + name.value.length - 1 });
      } else break;
      tok = this.peekToken();
    }
    return node;
  }

  private parseSubscript(node: Node): Node {
    const open = this.nextToken();
    const parts: Array<Node | null> = [null];
    while (!this.skip(T.RBRACKET)) {
      if (this.skip(T.COLON)) parts.push(null);
      else parts[parts.length - 1] = this.parseExpression();
      if (parts.length > 3) this.fail('invalid slice', open.lineno, open.colno);
    }
    if (parts.length === 1) {
      if (!parts[0]) this.fail('expected subscript expression', open.lineno, open.colno);
      return new nodes.LookupVal!(open.lineno, open.colno, node, parts[0]);
    }
    const slice = new nodes.Slice!(open.lineno, open.colno, node);
    [slice.start = null, slice.stop = null, slice.step = null] = parts;
    return slice;
  }

  // Jinja2's arithmetic precedence differs from Nunjucks': compare → `+ -` → `~` → `* / // %` →
  // `**`. parseCompare calls parseConcat, so that is where Jinja2's chain starts.
  parseConcat(): Node {
    let node = this.parseTilde();
    for (;;) {
      const tok = this.peekToken();
      if (this.skipValue(T.OPERATOR, '+')) node = new nodes.Add!(tok.lineno, tok.colno, node, this.parseTilde());
      else if (this.skipValue(T.OPERATOR, '-')) node = new nodes.Sub!(tok.lineno, tok.colno, node, this.parseTilde());
      else return node;
    }
  }

  private parseTilde(): Node {
    let node = this.parseMath2();
    for (let tok = this.peekToken(); this.skipValue(lex.TOKEN_TILDE as string, '~'); tok = this.peekToken()) {
      node = new nodes.Concat!(tok.lineno, tok.colno, node, this.parseMath2());
    }
    return node;
  }

  private parseMath2(): Node {
    let node = this.parsePow();
    for (;;) {
      const tok = this.peekToken();
      const op = ['*', '//', '/', '%'].find((o) => this.skipValue(T.OPERATOR, o));
      if (!op) return node;
      const kind = op === '*' ? 'Mul' : op === '//' ? 'FloorDiv' : op === '/' ? 'Div' : 'Mod';
      node = new nodes[kind]!(tok.lineno, tok.colno, node, this.parsePow());
    }
  }

  /** Jinja2's trim_blocks applies to `{% endraw %}` too. */
  override parseRaw(tagName?: string): Node {
    const node = super.parseRaw(tagName);
    if (this.tokens.current() === '\n') this.tokens.forward();
    return node;
  }

  /** Jinja2: `x is name`, `x is name(args)`, `x is name arg`; `none`/`true`/`false` are test names too. */
  parseIs(): Node {
    let node = this.parseCompare();
    if (!this.skipSymbol('is')) return node;
    const negate = this.skipSymbol('not');
    const tok = this.nextToken();
    if (!tok || (tok.type !== T.SYMBOL && tok.type !== lex.TOKEN_NONE && tok.type !== lex.TOKEN_BOOLEAN)) this.fail('expected test name after "is"', tok?.lineno, tok?.colno);
    const name = new nodes.Symbol!(tok.lineno, tok.colno, tok.value.toLowerCase() === 'none' ? 'none' : tok.value.toLowerCase() === 'true' || tok.value.toLowerCase() === 'false' ? tok.value.toLowerCase() : tok.value);
    let args: Node = new nodes.NodeList!(tok.lineno, tok.colno);
    const next = this.peekToken();
    if (next && next.type === T.LPAREN) args = this.parseSignature() ?? args;
    else if (next && (primaryStarts.has(next.type) || (next.type === T.SYMBOL && !notArgSymbols.has(next.value)))) args.children.push(this.parsePrimary());
    node = new nodes.Is!(node.lineno, node.colno, node, new nodes.FunCall!(tok.lineno, tok.colno, name, args));
    return negate ? new nodes.Not!(node.lineno, node.colno, node) : node;
  }
}

// Slice is not a core Nunjucks node; declare it the way Nunjucks declares nodes.
const NodeBase = nodes.Node as unknown as { extend(name: string, def: object): new (l: number, c: number, ...r: unknown[]) => Node };
nodes.Slice = NodeBase.extend('Slice', { fields: ['target', 'start', 'stop', 'step'] });

interface TokenizerState {
  str: string;
  index: number;
  lineno: number;
  colno: number;
  in_code: boolean;
}

// Two lexer differences fixed here: Jinja2's trim_blocks also eats the newline after a comment,
// and Jinja2 only ends a tag at `}}` when no `{` of a dict literal is open (`{{ {'a': {}} }}`).
function tokenize(src: string): ParserBase['tokens'] {
  const tokens = lex.lex(src, { trimBlocks: true, lstripBlocks: false });
  const state = tokens as unknown as TokenizerState;
  const next = tokens.nextToken.bind(tokens);
  let depth = 0;
  tokens.nextToken = () => {
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
    if (tok && tok.type === T.COMMENT && tok.value.endsWith('#}') && tokens.current() === '\n') tokens.forward();
    return tok;
  };
  return tokens;
}

/** Jinja2 (without keep_trailing_newline, as Ansible configures it) drops one final newline. */
export function jinjaSource(src: string): string {
  const normalized = src.replace(/\r\n?/g, '\n');
  return normalized.endsWith('\n') ? normalized.slice(0, -1) : normalized;
}

/** Ansible re-adds the trailing newlines Jinja2 dropped, up to the count the source had. */
export function keepTrailingNewlines(result: string, src: string): string {
  const count = (s: string): number => s.length - s.replace(/\n+$/, '').length;
  const missing = count(src) - count(result);
  return missing > 0 ? result + '\n'.repeat(missing) : result;
}

const cache = new Map<string, Node>();

/** Parses a template source (cached by source text). Throws Nunjucks' TemplateError with lineno/colno. */
export function parse(src: string): Node {
  let root = cache.get(src);
  if (!root) {
    const parser = new JinjaParser(tokenize(jinjaSource(src)));
    parser.extensions = [];
    root = parser.parseAsRoot();
    if (cache.size > 5000) cache.clear();
    cache.set(src, root);
  }
  return root;
}
