// Names a Jinja expression or template reads, found lexically: good enough for a lint
// (strings are blanked first; attributes, filters, tests and keyword arguments are not names).

const NOT_VARIABLES = new Set([
  'and', 'or', 'not', 'in', 'is', 'if', 'else', 'elif', 'endif', 'for', 'endfor', 'set', 'endset', 'raw', 'endraw',
  'macro', 'endmacro', 'call', 'endcall', 'filter', 'endfilter', 'block', 'endblock', 'extends', 'include', 'import',
  'from', 'as', 'with', 'without', 'context', 'recursive', 'ignore', 'missing', 'do', 'break', 'continue',
  'true', 'false', 'none', 'True', 'False', 'None', 'loop', 'range', 'lookup', 'query', 'q', 'dict', 'lipsum',
  'cycler', 'joiner', 'namespace', 'super', 'self', 'varargs', 'kwargs', 'caller',
]);

const EXPRESSION_IN_TEXT = /\{\{([\s\S]*?)\}\}|\{%-?([\s\S]*?)-?%\}/g;

/** Blanks string literals so their contents are not taken for names. */
function withoutStrings(expression: string): string {
  return expression.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, '""');
}

/** `x | default(...)`, `x.y | d(...)`, `x is defined` and friends tolerate an undefined `x`. */
function guarded(rest: string): boolean {
  const afterChain = rest.replace(/^(\s*(\.\s*[A-Za-z_]\w*|\[[^\]]*\]))*/, '');
  return /^\s*\|\s*(default|d)\b/.test(afterChain) || /^\s*is\s+(not\s+)?(defined|undefined|none)\b/.test(afterChain);
}

/** Names read by one bare expression (a `when:` value, or the inside of `{{ }}`). */
export function expressionRefs(expression: string): string[] {
  const text = withoutStrings(expression);
  const names: string[] = [];
  const identifier = /[A-Za-z_][A-Za-z0-9_]*/g;
  for (let match = identifier.exec(text); match; match = identifier.exec(text)) {
    const name = match[0];
    const before = text.slice(0, match.index).trimEnd();
    const after = text.slice(match.index + name.length).trimStart();
    if (NOT_VARIABLES.has(name)) continue;
    if (before.endsWith('.') || before.endsWith('|')) continue; // attribute or filter
    if (/\bis(\s+not)?$/.test(before)) continue; // test name
    if (after.startsWith('=') && !after.startsWith('==')) continue; // keyword argument
    if (/^[0-9]/.test(name)) continue;
    if (guarded(text.slice(match.index + name.length))) continue;
    names.push(name);
  }
  return names;
}

/** Names a template text reads, minus those it defines itself (set, for, macro). */
export function templateRefs(text: string): { refs: string[]; locals: string[] } {
  const refs: string[] = [];
  const locals: string[] = [];
  for (const match of withoutRaw(text).matchAll(EXPRESSION_IN_TEXT)) {
    const output = match[1];
    const statement = match[2];
    if (output !== undefined) refs.push(...expressionRefs(output));
    if (statement !== undefined) {
      const declared = statementLocals(statement.trim());
      locals.push(...declared.names);
      refs.push(...expressionRefs(declared.rest));
    }
  }
  return { refs, locals };
}

function statementLocals(statement: string): { names: string[]; rest: string } {
  const forLoop = /^for\s+([\w\s,]+?)\s+in\s+([\s\S]*)$/.exec(statement);
  if (forLoop) return { names: forLoop[1]!.split(',').map((n) => n.trim()), rest: forLoop[2]! };
  const set = /^set\s+([\w\s,.]+?)\s*(=\s*([\s\S]*))?$/.exec(statement);
  if (set) return { names: set[1]!.split(',').map((n) => n.trim().split('.')[0]!), rest: set[3] ?? '' };
  const macro = /^macro\s+(\w+)\s*\(([^)]*)\)/.exec(statement);
  if (macro) return { names: [macro[1]!, ...macro[2]!.split(',').map((a) => a.split('=')[0]!.trim())], rest: '' };
  const keyword = /^(if|elif|filter|call|include|import|from|with)\b([\s\S]*)$/.exec(statement);
  if (keyword) return { names: [], rest: keyword[1] === 'filter' ? '' : keyword[2]! };
  return { names: [], rest: '' };
}

/** `{% raw %}…{% endraw %}` is literal text, not Jinja. */
function withoutRaw(text: string): string {
  return text.replace(/\{%-?\s*raw\s*-?%\}[\s\S]*?\{%-?\s*endraw\s*-?%\}/g, '');
}

/** Whether a string contains Jinja at all. */
export function hasJinja(text: string): boolean {
  return /\{\{|\{%/.test(text);
}
