import { shellQuote } from '../facts/quote.js';

// The shell run ON THE HOST to arm, fire and disarm the automatic revert. Arming backs the
// file up into a private directory and starts a detached timer that restores it and reloads
// sshd; the timer lives on the host, so it fires even when the controller loses the host.
// `armed` is the one flag both the timer and the controller check, so the restore runs once.

export interface RevertSpec {
  /** The sshd config file the task writes. */
  path: string;
  seconds: number;
  reloadCommand: string;
}

const EOF_MARK = 'CLAW_SSHD_GUARD_EOF';

/** Restores the backup (or removes a file that did not exist), then reloads sshd. */
function restoreScript(spec: RevertSpec): string {
  const path = shellQuote(spec.path);
  const temp = shellQuote(`${spec.path}.claw-restore`);
  return [
    'D=$(dirname "$0")',
    '[ -e "$D/armed" ] || exit 0',
    'rm -f "$D/armed"',
    `if [ -e "$D/absent" ]; then rm -f ${path}; else cp -p "$D/backup" ${temp} && mv -f ${temp} ${path}; fi`,
    '[ "${1:-}" = noreload ] && exit 0',
    `{ ${spec.reloadCommand} ; } >"$D/reload.log" 2>&1 || { cat "$D/reload.log" >&2; exit 1; }`,
  ].join('\n');
}

/** Prints the private directory; the timer's id is in $D/timer ("systemd UNIT" or "pid PID"). */
export function armScript(spec: RevertSpec): string {
  const path = shellQuote(spec.path);
  const seconds = Math.max(1, Math.round(spec.seconds));
  if (restoreScript(spec).includes(EOF_MARK)) throw new Error('reload command contains the here-document marker');
  return [
    'set -e',
    'umask 077',
    'D=$(mktemp -d /var/tmp/claw-sshd-guard.XXXXXX)',
    `if [ -e ${path} ]; then cp -p ${path} "$D/backup"; else : > "$D/absent"; fi`,
    `cat > "$D/restore.sh" <<'${EOF_MARK}'`,
    restoreScript(spec),
    EOF_MARK,
    ': > "$D/armed"',
    'if [ "$(cat /proc/1/comm 2>/dev/null)" = systemd ] && command -v systemd-run >/dev/null 2>&1; then',
    '  u="claw-sshd-revert-${D##*.}"',
    `  systemd-run --quiet --unit="$u" --on-active=${seconds} /bin/sh -c 'sh "$0/restore.sh"; rm -rf "$0"' "$D"`,
    '  echo "systemd $u" > "$D/timer"',
    'else',
    // setsid + nohup + closed descriptors: the timer must outlive this SSH session and must
    // not hold the channel open.
    `  setsid nohup sh -c 'sleep ${seconds}; sh "$0/restore.sh"; rm -rf "$0"' "$D" >/dev/null 2>&1 </dev/null &`,
    '  echo "pid $!" > "$D/timer"',
    'fi',
    'echo "$D"',
  ].join('\n');
}

const STOP_TIMER = [
  'read kind id < "$D/timer" || true',
  'if [ "$kind" = systemd ]; then systemctl stop "$id.timer" "$id.service" 2>/dev/null || true;',
  'elif [ -n "$id" ]; then kill -TERM -- "-$id" 2>/dev/null || kill -TERM "$id" 2>/dev/null || true; fi',
].join('\n');

/** The change is confirmed: stop the timer and drop the backups. */
export function disarmScript(dir: string): string {
  return [`D=${shellQuote(dir)}`, '[ -d "$D" ] || exit 0', 'rm -f "$D/armed"', STOP_TIMER, 'rm -rf "$D"'].join('\n');
}

/** Restore now (optionally without reloading: the new config never reached sshd), then disarm. */
export function fireScript(dir: string, reload: boolean): string {
  const run = `sh "$D/restore.sh"${reload ? '' : ' noreload'}; rc=$?`;
  return [`D=${shellQuote(dir)}`, '[ -d "$D" ] || { echo "revert already fired" >&2; exit 0; }', run, STOP_TIMER, 'rm -rf "$D"', 'exit $rc'].join('\n');
}
