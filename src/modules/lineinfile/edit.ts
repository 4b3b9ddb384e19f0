// The line editing of Ansible's lineinfile, translated statement by statement from
// ansible-core 2.14 (present()/absent()) so results and messages match. Lines keep their
// own "\n"; Python's `re` and JavaScript's RegExp agree on the patterns people write here.

export interface PresentOptions {
  line: string;
  regexp?: string | undefined;
  search_string?: string | undefined;
  insertafter?: string | undefined;
  insertbefore?: string | undefined;
  backrefs: boolean;
  firstmatch: boolean;
}

export interface EditResult {
  lines: string[];
  changed: boolean;
  msg: string;
  found?: number;
}

const strip = (text: string): string => text.replace(/[\r\n]+$/, '');

export function splitKeepingNewlines(text: string): string[] {
  return text === '' ? [] : (text.match(/[^\n]*\n|[^\n]+$/g) ?? []);
}

interface Located {
  /** [line matching regexp/search_string/line, insertion point from insertafter/insertbefore] */
  index: [number, number];
  match: RegExpExecArray | boolean | null;
  exact: boolean;
}

/** Where the line is (regexp / search_string / exact) and, failing that, where it would go. */
function locate(lines: string[], o: PresentOptions): Located {
  const re = o.regexp !== undefined ? new RegExp(o.regexp) : undefined;
  const insAfter = o.insertafter !== undefined && o.insertafter !== 'BOF' && o.insertafter !== 'EOF' ? o.insertafter : undefined;
  const insPattern = insAfter ?? (o.insertbefore !== undefined && o.insertbefore !== 'BOF' ? o.insertbefore : undefined);
  const ins = insPattern !== undefined ? new RegExp(insPattern) : undefined;
  const found: Located = { index: [-1, -1], match: null, exact: false };
  lines.forEach((cur, n) => {
    if (found.match && o.firstmatch) return;
    const hit = re ? re.exec(cur) : o.search_string !== undefined ? cur.includes(o.search_string) : null;
    if (hit) [found.index[0], found.match] = [n, hit];
  });
  if (found.match) return found;
  for (let n = 0; n < lines.length; n++) {
    const cur = lines[n] ?? '';
    if (o.line === strip(cur)) [found.index[0], found.exact] = [n, true];
    else if (ins?.test(cur)) {
      if (o.insertafter !== undefined) found.index[1] = n + 1;
      if (o.insertbefore !== undefined) found.index[1] = n;
      if (o.firstmatch) break;
    }
  }
  return found;
}

export function presentLines(input: string[], o: PresentOptions): EditResult {
  const lines = [...input];
  const { index, match } = locate(lines, o);
  const add = (at: number): EditResult => {
    lines.splice(at, 0, `${o.line}\n`);
    return { lines, changed: true, msg: 'line added' };
  };
  const same: EditResult = { lines, changed: false, msg: '' };
  const [i0, i1] = index;
  if (i0 !== -1) {
    let newLine = o.backrefs && match && typeof match !== 'boolean' ? expand(match, o.line) : o.line;
    if (!newLine.endsWith('\n')) newLine += '\n';
    if (lines[i0] === newLine) return same;
    lines[i0] = newLine;
    return { lines, changed: true, msg: 'line replaced' };
  }
  if (o.backrefs) return same;
  if (o.insertbefore === 'BOF' || o.insertafter === 'BOF') return add(0);
  if (o.insertafter === 'EOF' || i1 === -1) {
    const last = lines[lines.length - 1];
    if (last !== undefined && !/[\n\r]$/.test(last)) lines.push('\n');
    return add(lines.length);
  }
  if (o.insertafter !== undefined) {
    if (lines.length === i1) return strip(lines[i1 - 1] ?? '') !== o.line ? add(lines.length) : same;
    return o.line !== strip(lines[i1] ?? '') ? add(i1) : same;
  }
  return add(i1);
}

export function absentLines(input: string[], o: { line?: string | undefined; regexp?: string | undefined; search_string?: string | undefined }): EditResult {
  const re = o.regexp !== undefined ? new RegExp(o.regexp) : undefined;
  const matches = (cur: string): boolean =>
    re ? re.test(cur) : o.search_string !== undefined ? cur.includes(o.search_string) : o.line === strip(cur);
  const lines = input.filter((cur) => !matches(cur));
  const found = input.length - lines.length;
  return { lines, changed: found > 0, msg: found > 0 ? `${found} line(s) removed` : '', found };
}

/** Python's match.expand: \1, \g<1>, \g<name>, and the usual escapes. */
function expand(match: RegExpExecArray, template: string): string {
  return template.replace(/\\(?:g<(\w+)>|(\d{1,2})|(n|t|\\))/g, (_all, group: string | undefined, digits: string | undefined, escape: string | undefined) => {
    if (escape !== undefined) return escape === 'n' ? '\n' : escape === 't' ? '\t' : '\\';
    const key = group ?? digits ?? '';
    const value = /^\d+$/.test(key) ? match[Number(key)] : match.groups?.[key];
    return value ?? '';
  });
}
