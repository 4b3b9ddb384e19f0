// Ansible's `key=value` argument strings (`file: path=/x state=directory`,
// `command: echo hi creates=/x`): split on whitespace except inside quotes and Jinja
// blocks, then take `key=value` tokens as arguments. For free-form modules (command, shell,
// raw, script) only a fixed set of keys is taken; everything else stays the command text.

const FREE_FORM_KEYS = new Set(['creates', 'removes', 'chdir', 'executable', 'warn', 'stdin', 'stdin_add_newline', 'strip_empty_ends']);
const FREE_FORM_MODULES = new Set(['command', 'shell', 'raw', 'script'].flatMap((m) => [m, `ansible.builtin.${m}`]));

/** Splits on unquoted, un-templated whitespace; quotes are kept in the tokens. */
export function splitArgs(text: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let quote: string | undefined;
  let jinja = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const pair = text.slice(i, i + 2);
    if (quote === undefined && (pair === '{{' || pair === '{%' || pair === '{#')) jinja++;
    if (quote === undefined && jinja > 0 && (pair === '}}' || pair === '%}' || pair === '#}')) jinja--;
    if (ch === '\\' && i + 1 < text.length) {
      current += ch + text[++i];
      continue;
    }
    if (jinja === 0 && (ch === '"' || ch === "'")) {
      if (quote === undefined) quote = ch;
      else if (quote === ch) quote = undefined;
    }
    if (/\s/.test(ch) && quote === undefined && jinja === 0) {
      if (current) tokens.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  if (current) tokens.push(current);
  return tokens;
}

/** Removes one pair of matching outer quotes. */
export function unquote(text: string): string {
  if (text.length >= 2 && (text[0] === '"' || text[0] === "'") && text.at(-1) === text[0]) return text.slice(1, -1);
  return text;
}

/** `key=value` → [key, value] when the `=` is outside quotes and the key is a plain name. */
function keyValue(token: string): [string, string] | undefined {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(token);
  return match ? [match[1]!, unquote(match[2]!)] : undefined;
}

/**
 * Parses an argument string. Free text (tokens that are not key=value) is joined under
 * `_raw_params`, as Ansible does.
 */
export function parseArgString(text: string, moduleName: string): Record<string, unknown> {
  const freeForm = FREE_FORM_MODULES.has(moduleName);
  const args: Record<string, unknown> = {};
  const raw: string[] = [];
  for (const token of splitArgs(text)) {
    const kv = keyValue(token);
    if (kv && (!freeForm || FREE_FORM_KEYS.has(kv[0]))) args[kv[0]] = kv[1];
    else raw.push(token);
  }
  if (raw.length > 0) args._raw_params = freeForm ? raw.join(' ') : raw.map(unquote).join(' ');
  return args;
}
