import type { Fact } from '../../facts/types.js';

// Everything ufw knows, read once per host: its own rule files (the "### tuple ###" lines are
// ufw's canonical form of each rule), ufw.conf, /etc/default/ufw, `ufw status` and where the
// current SSH session comes from. sudo drops SSH_CONNECTION from the environment, so the
// snippet walks up the process tree to the session's sshd child to find it.

export interface UfwFacts {
  installed: boolean;
  active: boolean;
  /** "v4 <tuple>" / "v6 <tuple>" lines without the "### tuple ### " prefix. */
  tuples: Array<{ family: 'v4' | 'v6'; tuple: string }>;
  /** ufw.conf and /etc/default/ufw settings (ENABLED, LOGLEVEL, DEFAULT_*_POLICY, IPV6). */
  settings: Record<string, string>;
  /** $SSH_CONNECTION: "client-ip client-port server-ip server-port", or '' when not over SSH. */
  ssh: string;
}

const SCRIPT = [
  'if command -v ufw >/dev/null 2>&1; then echo installed=yes; else echo installed=no; fi',
  's="${SSH_CONNECTION:-}"; p=$$',
  'while [ -z "$s" ] && [ "${p:-1}" -gt 1 ]; do s=$(tr "\\000" "\\n" < /proc/$p/environ 2>/dev/null | sed -n "s/^SSH_CONNECTION=//p"); p=$(sed "s/.*) //" /proc/$p/stat 2>/dev/null | cut -d" " -f2); done',
  'echo "ssh=$s"',
  'printf "status="; LANG=C ufw status 2>/dev/null | head -n1; echo',
  "sed -n 's/^### tuple ### /v4 /p' /etc/ufw/user.rules 2>/dev/null",
  "sed -n 's/^### tuple ### /v6 /p' /etc/ufw/user6.rules 2>/dev/null",
  "grep -hE '^(ENABLED|LOGLEVEL|DEFAULT_[A-Z]+_POLICY|IPV6)=' /etc/ufw/ufw.conf /etc/default/ufw 2>/dev/null",
].join('\n');

export const ufwFact: Fact<UfwFacts> = {
  key: 'ufw:state',
  script: SCRIPT,
  parse(stdout) {
    const facts: UfwFacts = { installed: false, active: false, tuples: [], settings: {}, ssh: '' };
    for (const line of stdout.split('\n')) {
      if (line === 'installed=yes') facts.installed = true;
      else if (line.startsWith('ssh=')) facts.ssh = line.slice(4).trim();
      else if (line.startsWith('status=')) facts.active = line === 'status=Status: active';
      else if (line.startsWith('v4 ') || line.startsWith('v6 ')) facts.tuples.push({ family: line.slice(0, 2) as 'v4' | 'v6', tuple: line.slice(3).trim() });
      else {
        const match = /^([A-Z0-9_]+)=("?)(.*)\2$/.exec(line.trim());
        if (match?.[1] && match[3] !== undefined) facts.settings[match[1]] = match[3];
      }
    }
    return facts;
  },
};
