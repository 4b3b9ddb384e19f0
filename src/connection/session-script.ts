import { quote } from 'shell-quote';

// The host side of a shell session (session.ts): one /bin/sh started once, reading requests
// from its stdin. A request is the header line `<nonce> <lines> <bytes> <lines> <bytes>`
// (command, then stdin), the command, then the stdin. Nothing may read past its request: the
// `read` builtin takes bytes one at a time, GNU `head -c` never reads past its count. Short
// text (no NUL) is read line by line by `read` (no process; `lines` > 0); anything longer
// by `head -c bytes`, cheaper than that many single-byte reads (`lines` is then 0).
// Each command runs by `eval` in a subshell that first drops the session's own variables and
// function (exit or exec cannot end the session): a fork of the small session shell, where
// `/bin/sh -c` would also exec a new shell (2.6 ms instead of 8 ms of host time per command
// on a machine where a process costs ~4 ms). A subshell's `$$` is the session's pid, so a
// command that mentions `$$` runs as `/bin/sh -c` as it would on a channel of its own (its
// own pid: `kill $$`, per-process temp names). Each command gets exactly its stdin bytes
// then EOF (or /dev/null). Stdin
// read by `head` goes straight into the command's pipe and what the command leaves unread is
// drained (by `read`: one call when nothing is left, the usual case), so the next header is
// where the next read starts. Then the session writes the trailer on both streams:
// `CLAW-END-<nonce>:<status>` on stdout and `CLAW-END-<nonce>:` on stderr, each ending in a
// newline.

export const SESSION_READY = 'CLAW-SESSION-READY';

export const TRAILER_PREFIX = 'CLAW-END-';

/** Text up to this size is read line by line by the shell itself. */
const READ_BUILTIN_MAX = 1024;

// Text arrives with `.` and a newline appended; the `.` is removed after the read (command
// substitution would strip trailing newlines; `read` needs the final newline).
// The session's own stderr goes to /dev/null (fd 3 keeps the real one for the commands):
// the shell reports a child killed by a signal there ("Terminated"), which a command on a
// channel of its own would not print. The subshell's redirections are written outside it
// (`( … ) 2>&3`) so they apply to the subshell only.
const SCRIPT = [
  'exec 3>&2 2>/dev/null',
  // `set --` goes before the command in eval's text: $1 is expanded first, then cleared.
  "claw_run='case $claw_s in *\\$\\$*|*\\$\\{\\$\\}*) exec /bin/sh -c \"$claw_s\";; esac",
  'set -- "$claw_s"',
  'unset claw_n claw_l claw_b claw_il claw_i claw_s claw_v claw_x claw_k claw_r claw_run',
  'unset -f claw_text',
  'eval "set --',
  '$1"\'',
  'claw_text() {',
  '  if [ "$1" -eq 0 ]; then claw_v=$(head -c "$2"); else',
  '    IFS= read -r claw_v; claw_k=$1',
  '    while [ "$claw_k" -gt 1 ]; do',
  '      IFS= read -r claw_x',
  '      claw_v="$claw_v',
  '$claw_x"',
  '      claw_k=$((claw_k - 1))',
  '    done',
  '  fi',
  '  claw_v=${claw_v%.}',
  '}',
  `echo ${SESSION_READY}`,
  'while read -r claw_n claw_l claw_b claw_il claw_i; do',
  '  claw_text "$claw_l" "$claw_b"; claw_s=$claw_v',
  '  if [ "$claw_il" -gt 0 ]; then',
  '    claw_text "$claw_il" "$claw_i"',
  `    printf '%s' "$claw_v" | (eval "$claw_run") 2>&3 3>&-`,
  '  elif [ "$claw_i" -gt 0 ]; then',
  '    head -c "$claw_i" | { (eval "$claw_run") 2>&3 3>&-; claw_r=$?; while read -r claw_x; do :; done; exit $claw_r; }',
  '  else',
  '    (eval "$claw_run") </dev/null 2>&3 3>&-',
  '  fi',
  // A script holding a secret came as stdin text: keep no copy in the shell once it ran.
  '  claw_r=$? claw_v= claw_x=',
  `  printf '${TRAILER_PREFIX}%s:%d\\n' "$claw_n" "$claw_r"`,
  `  printf '${TRAILER_PREFIX}%s:\\n' "$claw_n" >&3`,
  'done',
].join('\n');

/** The command line that starts a session (the login shell gives way to /bin/sh). */
export const SESSION_EXEC = `exec /bin/sh -c ${quote([SCRIPT])}`;

const TEXT_END = Buffer.from('.\n');

/** One request's bytes for the session's stdin. */
export function sessionFrame(nonce: string, command: Buffer, stdin: Buffer): Buffer {
  const commandLines = textLines(command);
  // The command is always sent as text (head reads it when long); stdin only when short text.
  const stdinLines = stdin.length > 0 ? textLines(stdin) : 0;
  const stdinPart = stdinLines > 0 ? [stdin, TEXT_END] : [stdin];
  const stdinBytes = stdinPart.reduce((sum, part) => sum + part.length, 0);
  const header = `${nonce} ${commandLines} ${command.length + TEXT_END.length} ${stdinLines} ${stdinBytes}\n`;
  return Buffer.concat([Buffer.from(header), command, TEXT_END, ...stdinPart]);
}

/** Lines `read` would take for `text` plus the ending, or 0 when head must read it. */
function textLines(text: Buffer): number {
  if (text.length > READ_BUILTIN_MAX || text.includes(0)) return 0;
  let count = 1;
  for (let at = text.indexOf(0x0a); at >= 0; at = text.indexOf(0x0a, at + 1)) count += 1;
  return count;
}
