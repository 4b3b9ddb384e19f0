import { lex, nj, nodes, notArgSymbols, primaryStarts, T, type Node, type ParserBase } from './types.js';

// Nunjucks' parser with the grammar points where Jinja2 differs fixed: dotted vs subscript
// access, Python slices, float literals, arithmetic precedence, raw-block trimming, and tests
// written without parentheses (`x is divisibleby 3`).

export class JinjaParser extends (nj.parser.Parser as unknown as new (tokens: unknown) => ParserBase) {
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

  /** Jinja2's `{% with a = 1, b = 2 %}...{% endwith %}`, which Nunjucks lacks. */
  override parseStatement(): Node | null {
    const tok = this.peekToken();
    if (!tok || tok.type !== T.SYMBOL || tok.value !== 'with') return super.parseStatement();
    this.nextToken();
    const node = new nodes.With!(tok.lineno, tok.colno);
    node.assignments = [];
    while (!this.skip(lex.TOKEN_BLOCK_END as string)) {
      if (node.assignments.length > 0 && !this.skip(lex.TOKEN_COMMA as string)) this.fail('expected comma in with', tok.lineno, tok.colno);
      const name = this.parsePrimary(true);
      if (!this.skipValue(T.OPERATOR, '=')) this.fail('expected = in with', name.lineno, name.colno);
      node.assignments.push(new nodes.Pair!(name.lineno, name.colno, name, this.parseExpression()));
    }
    node.body = this.parseUntilBlocks('endwith');
    this.advanceAfterBlockEnd();
    return node;
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
nodes.With = NodeBase.extend('With', { fields: ['assignments', 'body'] });
