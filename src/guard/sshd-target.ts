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
  return matcherFor(globs)(path) ? path : undefined;
}

/**
 * Compiling the globs costs far more than matching, and this runs for every file-writing task
 * on every host with (nearly always) the same globs: compiled matchers are kept by their globs.
 */
const matchers = new Map<string, (path: string) => boolean>();
const MAX_MATCHERS = 32;

function matcherFor(globs: string[]): (path: string) => boolean {
  const key = JSON.stringify(globs);
  let matcher = matchers.get(key);
  if (!matcher) {
    if (matchers.size >= MAX_MATCHERS) matchers.clear();
    matcher = picomatch(globs, { dot: true });
    matchers.set(key, matcher);
  }
  return matcher;
}
