import picomatch from 'picomatch';

// Which tasks the lockout guard watches: a file-writing module whose destination is one of
// sshd's configuration files. Decided from the task's arguments, before any planning, so a
// task that does not touch sshd costs nothing.

export const DEFAULT_SSHD_CONFIG_PATHS = ['/etc/ssh/sshd_config', '/etc/ssh/sshd_config.d/*'];

/** Modules that write a file, and the argument names (aliases included) holding its path. */
const WRITERS: Record<string, string[]> = {
  'ansible.builtin.template': ['dest'],
  'ansible.builtin.copy': ['dest'],
  'ansible.builtin.lineinfile': ['path', 'dest', 'destfile', 'name'],
};

/** The sshd config file this task writes, or undefined when it writes none. */
export function sshdTarget(moduleName: string, args: Record<string, unknown>, globs: string[]): string | undefined {
  const keys = WRITERS[moduleName];
  if (!keys) return undefined;
  const path = keys.map((key) => args[key]).find((value): value is string => typeof value === 'string');
  if (path === undefined) return undefined;
  return picomatch.isMatch(path, globs, { dot: true }) ? path : undefined;
}
