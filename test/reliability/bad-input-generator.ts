import { encryptVaultText } from '../../src/vault/index.js';

// Seeded generator of bad inputs for the CLI: every case is a small project tree (files) plus
// argv, and what a good answer looks like. The seed is FIXED so a failure is reproducible: the
// same index always yields the same case. `DIR` in files and argv stands for the case's temp dir.

export type Category =
  | 'yaml-syntax' | 'wrong-type' | 'unknown-keyword' | 'unknown-keyword-transposed' | 'unknown-module'
  | 'unknown-module-transposed' | 'unknown-argument' | 'undefined-variable' | 'template-syntax'
  | 'template-file-syntax' | 'wrong-type-number' | 'vault' | 'inventory' | 'limit' | 'cli-flag';

export interface Expectation {
  /** Allowed exit codes. */
  codes: number[];
  /** The output must name this (a file:line, a flag...). */
  where?: RegExp;
  /** The output must carry a hint (a "hint:" line or "Did you mean"). */
  hint?: boolean;
  /** The hint must be a did-you-mean naming this word. */
  didYouMean?: string;
}

export interface BadInput {
  id: number;
  category: Category;
  /** What was broken, for failure messages. */
  label: string;
  files: Record<string, string>;
  argv: string[];
  expect: Expectation;
}

export const SEED = 0x5eed_c1a;

/** mulberry32: tiny, fast, good enough to pick mutations. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
const int = (rand: Rand, lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));

export const VAULT_PASSWORD = 'right-vault-pass';

/** The valid playbook every mutation starts from (runs locally, changes nothing). */
export const VALID_PLAYBOOK = `- name: base play
  hosts: localhost
  connection: local
  gather_facts: false
  vars:
    app_name: claw
    ports: [8080, 8081]
    settings: { mode: "0644", owner: root }
  tasks:
    - name: greet
      ansible.builtin.debug: { msg: "hello {{ app_name }}" }
    - name: remember
      ansible.builtin.set_fact:
        port: "{{ ports[0] }}"
    - name: show
      debug:
        msg: "port {{ port }} for '{{ app_name }}'"
      when: port is defined
  handlers:
    - name: done
      debug: { msg: done }
`;

const PLAY_HEAD = `- name: p\n  hosts: localhost\n  connection: local\n  gather_facts: false\n  vars: { app_name: claw, ports: [1, 2] }\n`;
const task = (body: string): string => `${PLAY_HEAD}  tasks:\n    - name: t\n${body}`;
const SITE = 'DIR/site.yml';
const siteAt = (line?: number): RegExp => new RegExp(`site\\.yml:${line ?? '\\d+'}(:\\d+)?`);

export const TASK_KEYWORDS = ['when', 'register', 'notify', 'loop', 'loop_control', 'changed_when', 'failed_when', 'ignore_errors', 'become', 'become_user', 'environment', 'tags', 'retries', 'until', 'delegate_to', 'run_once', 'no_log', 'check_mode'];
export const PLAY_KEYWORDS = ['hosts', 'gather_facts', 'become', 'vars', 'vars_files', 'roles', 'pre_tasks', 'tasks', 'post_tasks', 'handlers', 'serial', 'environment'];
export const MODULES = ['copy', 'template', 'lineinfile', 'file', 'command', 'shell', 'debug', 'set_fact', 'stat', 'assert', 'user', 'group', 'apt', 'systemd', 'cron', 'sysctl', 'get_url', 'include_tasks', 'import_tasks', 'wait_for'];

/** One edit of distance 1 (insert, delete, replace) or a transposition of two neighbours. */
export function misspell(rand: Rand, word: string, transpose: boolean): string {
  const i = int(rand, 1, word.length - 2);
  if (transpose) return word.slice(0, i) + (word[i + 1] ?? '') + (word[i] ?? '') + word.slice(i + 2);
  const letter = pick(rand, [...'abcdefghijklmnopqrstuvwxyz']);
  const kind = int(rand, 0, 2);
  if (kind === 0) return word.slice(0, i) + letter + word.slice(i);
  if (kind === 1) return word.slice(0, i) + word.slice(i + 1);
  return word.slice(0, i) + (letter === word[i] ? 'q' : letter) + word.slice(i + 1);
}

type Maker = (rand: Rand, known: Set<string>) => Omit<BadInput, 'id' | 'category'>;

const yamlSyntax: Maker = (rand) => {
  const lines = VALID_PLAYBOOK.split('\n');
  const mutation = int(rand, 0, 4);
  const n = int(rand, 1, lines.length - 3);
  let text: string;
  let label: string;
  if (mutation === 0) {
    const cut = int(rand, 10, VALID_PLAYBOOK.length - 2);
    text = VALID_PLAYBOOK.slice(0, cut);
    label = `truncated at byte ${cut}`;
  } else if (mutation === 1) {
    lines[n] = (lines[n] ?? '').replace(/^( +)/, (m) => (rand() < 0.5 ? m.slice(int(rand, 1, Math.max(1, m.length - 1))) : `${m}${' '.repeat(int(rand, 1, 3))}`));
    text = lines.join('\n');
    label = `indentation changed on line ${n + 1}`;
  } else if (mutation === 2) {
    lines[n] = (lines[n] ?? '').replace(/^( +)/, '\t');
    text = lines.join('\n');
    label = `tab indentation on line ${n + 1}`;
  } else {
    const chars = mutation === 3 ? ['"', "'"] : ['{', '[', '}', ']'];
    const targets = lines.map((l, i) => ({ l, i })).filter(({ l }) => chars.some((c) => l.includes(c)));
    const { l, i } = pick(rand, targets);
    const ch = pick(rand, chars.filter((c) => l.includes(c)));
    const at = l.lastIndexOf(ch);
    lines[i] = l.slice(0, at) + l.slice(at + 1);
    text = lines.join('\n');
    label = `removed ${ch} on line ${i + 1}`;
  }
  // Some mutations still parse as YAML; the test decides with the yaml package which one this is.
  return { label, files: { 'site.yml': text }, argv: ['apply', SITE], expect: { codes: [4], where: siteAt() } };
};

const WRONG_TYPES: Array<[string, string, string]> = [
  ['play', 'hosts', '{ a: 1 }'], ['play', 'gather_facts', 'maybe'], ['play', 'tasks', 'just a string'],
  ['play', 'vars', '[1, 2]'], ['play', 'become', 'perhaps'], ['play', 'handlers', '5'], ['play', 'pre_tasks', '{ a: 1 }'],
  ['play', 'roles', 'oops'], ['play', 'vars_files', '{ a: 1 }'],
  ['task', 'when', '{ a: 1 }'], ['task', 'become', 'maybe'], ['task', 'register', '[x]'], ['task', 'notify', '{ a: 1 }'],
  ['task', 'loop_control', '5'], ['task', 'ignore_errors', 'sometimes'], ['task', 'vars', '[1]'], ['task', 'environment', '5'],
  ['task', 'tags', '{ a: 1 }'], ['task', 'no_log', 'maybe'], ['task', 'name', '{ a: 1 }'],
  ['task', 'run_once', 'twice'], ['task', 'check_mode', 'perhaps'],
];

/** Integer keywords given words: Ansible refuses them ("could not be converted to an int"). */
const WRONG_NUMBERS: Array<[string, string, string]> = [
  ['task', 'retries', 'abc'], ['task', 'delay', 'soon'], ['task', 'retries', '[1]'], ['task', 'delay', '{ a: 1 }'],
];

const wrongType = (table: Array<[string, string, string]>): Maker => (rand) => {
  const [level, keyword, value] = pick(rand, table);
  const text = level === 'play'
    ? `${PLAY_HEAD.replace(`  gather_facts: false\n`, keyword === 'gather_facts' ? '' : '  gather_facts: false\n').replace(/^  hosts: localhost\n/m, keyword === 'hosts' ? '' : '  hosts: localhost\n')}  ${keyword}: ${value}\n${keyword === 'tasks' ? '' : '  tasks:\n    - debug: { msg: x }\n'}`
    : task(`      debug: { msg: x }\n      ${keyword}: ${value}\n`);
  return { label: `${level} ${keyword}: ${value}`, files: { 'site.yml': text }, argv: ['apply', SITE], expect: { codes: [4], where: siteAt() } };
};

const unknownKeyword = (transpose: boolean): Maker => (rand, known) => {
  const play = rand() < 0.3;
  // Swaps are tried on short words: that is where a swap (2 Levenshtein edits) hurts.
  const short = (list: string[]): string[] => (transpose ? list.filter((w) => w.length <= 5) : list);
  const word = pick(rand, short(play ? PLAY_KEYWORDS : TASK_KEYWORDS));
  let wrong = misspell(rand, word, transpose);
  for (let i = 0; known.has(wrong) || wrong === word; i++) wrong = misspell(rand, word, transpose) + (i > 5 ? 'x' : '');
  const text = play ? `${PLAY_HEAD}  ${wrong}: []\n  tasks:\n    - debug: { msg: x }\n` : task(`      debug: { msg: x }\n      ${wrong}: x\n`);
  return { label: `${play ? 'play' : 'task'} keyword ${word} → ${wrong}`, files: { 'site.yml': text }, argv: ['apply', SITE], expect: { codes: [4], where: siteAt(play ? undefined : 9), didYouMean: word } };
};

const unknownModule = (transpose: boolean): Maker => (rand, known) => {
  const name = pick(rand, MODULES.filter((m) => known.has(m) && (!transpose || m.length <= 5)));
  let wrong = misspell(rand, name, transpose);
  for (let i = 0; known.has(wrong) || known.has(`ansible.builtin.${wrong}`) || wrong === name; i++) wrong = misspell(rand, name, transpose) + (i > 5 ? 'x' : '');
  const fqcn = rand() < 0.5 && known.has(`ansible.builtin.${name}`);
  const written = fqcn ? `ansible.builtin.${wrong}` : wrong;
  return { label: `module ${name} → ${written}`, files: { 'site.yml': task(`      ${written}: { msg: x }\n`) }, argv: ['apply', SITE], expect: { codes: [4], where: siteAt(8), didYouMean: fqcn ? `ansible.builtin.${name}` : name } };
};

const ARG_CASES: Array<[string, string]> = [
  ['copy', 'content: x, dest: DIR/out'], ['template', 'src: t.j2, dest: DIR/out'], ['file', 'path: DIR/d, state: directory'],
  ['lineinfile', 'path: DIR/f, line: x, create: true'], ['stat', 'path: DIR'], ['debug', 'msg: x'], ['command', 'cmd: echo'],
];

const unknownArgument: Maker = (rand) => {
  const [module, args] = pick(rand, ARG_CASES);
  const bogus = pick(rand, ['bogus', 'destination', 'contents', 'permissions', 'msgs', 'pathh', 'recursive', 'mod', 'ownr']);
  return { label: `${module} with ${bogus}`, files: { 'site.yml': task(`      ${module}: { ${args}, ${bogus}: 1 }\n`) }, argv: ['apply', SITE], expect: { codes: [4], where: siteAt(8), hint: true } };
};

const undefinedVariable: Maker = (rand) => {
  const name = rand() < 0.5 ? misspell(rand, 'app_name', false) : `var_${int(rand, 0, 9999)}`;
  const where = pick(rand, [`debug: { msg: "x {{ ${name} }}" }`, `copy: { content: "{{ ${name} }}", dest: DIR/out }`, `file: { path: "DIR/{{ ${name} }}", state: directory }`, `command: "echo {{ ${name} }}"`]);
  return { label: `undefined ${name} in ${where}`, files: { 'site.yml': task(`      ${where}\n`) }, argv: ['apply', SITE], expect: { codes: [2], where: siteAt(), hint: true } };
};

const BROKEN_TEMPLATES = ['{{ 1 + }}', '{% if app_name %}y', '{{ app_name | no_such_filter }}', '{{ app_name', '{% for x in ports %}{{ x }}', '{{ ports[ }}', '{% endif %}', '{{ app_name is no_such_test }}', '{% set %}', '{{ "unterminated }}'];

const templateSyntax = (inFile: boolean): Maker => (rand): Omit<BadInput, 'id' | 'category'> => {
  const broken = pick(rand, BROKEN_TEMPLATES);
  if (inFile) {
    const lines = int(rand, 0, 4);
    const body = `${'line {{ app_name }}\n'.repeat(lines)}${broken}\n`;
    return {
      label: `template file line ${lines + 1}: ${broken}`,
      files: { 'site.yml': task(`      template: { src: t.j2, dest: DIR/out.txt }\n`), 't.j2': body },
      argv: ['apply', SITE], expect: { codes: [2], where: /t\.j2:\d+/, hint: true },
    };
  }
  const quoted = JSON.stringify(`x ${broken}`);
  return { label: `inline ${broken}`, files: { 'site.yml': task(`      debug: { msg: ${quoted} }\n`) }, argv: ['apply', SITE], expect: { codes: [2], where: siteAt(), hint: true } };
};

function tamper(rand: Rand, envelope: string): [string, string] {
  const lines = envelope.trimEnd().split('\n');
  const kind = int(rand, 0, 3);
  if (kind === 0) return ['truncated', lines.slice(0, int(rand, 1, lines.length - 1)).join('\n')];
  if (kind === 1) return ['bad header', envelope.replace('$ANSIBLE_VAULT;1.1;AES256', pick(rand, ['$ANSIBLE_VAULT;9.9;AES256', '$ANSIBLE_VAULT;1.1;DES', '$ANSIBLE_VAULT']))];
  const body = lines.slice(1).join('');
  const at = int(rand, 0, body.length - 1);
  const flipped = body.slice(0, at) + (body[at] === 'a' ? 'b' : kind === 2 ? 'a' : 'z') + body.slice(at + 1);
  return [kind === 2 ? `tampered hex at ${at}` : `non-hex at ${at}`, [lines[0], ...(flipped.match(/.{1,80}/g) ?? [])].join('\n')];
}

const vault: Maker = (rand) => {
  const envelope = encryptVaultText(`secret_word: s3cr3t-${int(rand, 0, 999)}\n`, VAULT_PASSWORD);
  const wrongPassword = rand() < 0.35;
  const [what, text] = wrongPassword ? ['wrong password', envelope] : tamper(rand, envelope);
  const inline = rand() < 0.4;
  const files: Record<string, string> = { 'pw.txt': `${wrongPassword ? `nope-${int(rand, 0, 99)}` : VAULT_PASSWORD}\n` };
  if (inline) {
    const indented = text.replace(/^/gm, '      ');
    files['site.yml'] = `${PLAY_HEAD}  vars:\n    secret_word: !vault |\n${indented}\n  tasks:\n    - debug: { msg: "{{ secret_word }}" }\n`.replace('  vars: { app_name: claw, ports: [1, 2] }\n', '');
  } else {
    files['secret.yml'] = `${text}\n`;
    files['site.yml'] = `${PLAY_HEAD}  vars_files: [secret.yml]\n  tasks:\n    - debug: { msg: "{{ secret_word }}" }\n`;
  }
  // An inline value is named at its own line (6, under `vars:`), not at the task using it.
  const where = inline ? /site\.yml:6:/ : /secret\.yml/;
  // An inline value is only decrypted when a task uses it (as in Ansible): that task fails (2).
  const codes = wrongPassword && !inline ? [4] : [2, 4];
  return { label: `${inline ? 'inline' : 'vars file'}: ${what}`, files, argv: ['apply', SITE, '--vault-password-file', 'DIR/pw.txt'], expect: { codes, where, hint: true } };
};

const BAD_INVENTORIES: Array<[string, string]> = [
  ['hosts.yml', 'all:\n  hosts:\n    web1: { ansible_host: 127.0.0.1\n'],
  ['hosts.yml', 'all:\n  hosts:\n  - web1\n  - web2\n'],
  ['hosts.yml', 'all:\n  children:\n    web: [a, b]\n'],
  ['hosts.yml', 'all:\n\thosts:\n    web1:\n'],
  ['hosts.yml', 'all:\n  hostz:\n    web1:\n'],
  ['hosts.yml', 'all:\n  hosts:\n    web1:\n      ansible_port: [1, 2\n'],
  ['hosts.ini', '[web\nweb1 ansible_host=127.0.0.1\n'],
  ['hosts.ini', '[web]\nweb1 ansible_host\n'],
  ['hosts.ini', '[web:children]\nnosuchgroup\n[web:vars]\njust-a-word\n'],
];

/** An unclosed host range in an INI inventory (Ansible: "not enough values to unpack"; here a parse error at hosts.ini:2). */
export const UNCLOSED_RANGE_INVENTORY = '[web]\nweb[1:\n';

const inventory: Maker = (rand) => {
  const [name, text] = pick(rand, BAD_INVENTORIES);
  const site = `- hosts: all\n  gather_facts: false\n  tasks:\n    - debug: { msg: x }\n`;
  return { label: `${name}: ${JSON.stringify(text)}`, files: { 'site.yml': site, [name]: text }, argv: ['apply', SITE, '-i', `DIR/${name}`], expect: { codes: [4], where: new RegExp(`${name.replace('.', '\\.')}(:\\d+)?`) } };
};

const BAD_LIMITS = ['[', 'web[1:', 'web[a:b]', '~[', 'web[', '&', '!'];

const limit: Maker = (rand) => {
  const pattern = pick(rand, BAD_LIMITS);
  return { label: `--limit ${pattern}`, files: { 'site.yml': VALID_PLAYBOOK }, argv: ['apply', SITE, '--limit', pattern], expect: { codes: [1, 4, 5], where: /pattern|limit/i } };
};

const BAD_FLAGS: Array<[string[], RegExp]> = [
  [['--forks', 'abc'], /--forks/], [['-f', '0'], /--forks/], [['-f', '-3'], /--forks|-f/], [['--forks', '1.5'], /--forks/],
  [['--unknown'], /--unknown/], [['--chek'], /--chek/], [['--tags'], /--tags/], [['--skip-tags'], /--skip-tags/], [['-l'], /--limit/],
  [['-e'], /--extra-vars/], [['-i'], /--inventory/], [['--host-key-policy', 'yolo'], /--host-key-policy|yolo/],
  [['--detailed-exitcode'], /--detailed-exitcode/], [['--become-password-file', '/nonexistent/pw'], /become-password-file|\/nonexistent\/pw/],
  [['--vault-id'], /--vault-id/], [['--json', '--forks', 'x'], /--forks/], [['-vvvvq'], /-q|unknown option/],
];

const cliFlag: Maker = (rand) => {
  const [flags, where] = pick(rand, BAD_FLAGS);
  return { label: flags.join(' '), files: { 'site.yml': VALID_PLAYBOOK }, argv: ['apply', SITE, ...flags], expect: { codes: [5], where } };
};

const MAKERS: Array<[Category, Maker, number]> = [
  ['yaml-syntax', yamlSyntax, 20], ['wrong-type', wrongType(WRONG_TYPES), 10], ['wrong-type-number', wrongType(WRONG_NUMBERS), 2], ['unknown-keyword', unknownKeyword(false), 10],
  ['unknown-keyword-transposed', unknownKeyword(true), 3], ['unknown-module', unknownModule(false), 8],
  ['unknown-module-transposed', unknownModule(true), 3], ['unknown-argument', unknownArgument, 6],
  ['undefined-variable', undefinedVariable, 8], ['template-syntax', templateSyntax(false), 5], ['template-file-syntax', templateSyntax(true), 5], ['vault', vault, 10],
  ['inventory', inventory, 5], ['limit', limit, 2], ['cli-flag', cliFlag, 5],
];

/** `count` cases from the fixed seed; categories weighted as in MAKERS. `known` = valid names. */
export function generateBadInputs(count: number, known: Set<string>, seed = SEED): BadInput[] {
  const rand = prng(seed);
  const total = MAKERS.reduce((sum, [, , weight]) => sum + weight, 0);
  const out: BadInput[] = [];
  for (let id = 0; id < count; id++) {
    let roll = rand() * total;
    // The first cases visit every category once, so even a short run covers them all.
    const [category, make] = id < MAKERS.length ? MAKERS[id]! : (MAKERS.find(([, , weight]) => (roll -= weight) < 0) ?? MAKERS[0]!);
    out.push({ id, category, ...make(rand, known) });
  }
  return out;
}
