// A fact is one small read-only probe: a shell snippet that prints, and a parser.
// The cache runs every uncached fact a task needs in ONE remote command (snippets joined
// with markers), keeps the parsed values per host for the run, and drops them when a task
// on that host changes something: only those a change can reach when the change names the
// paths it touched, all of them otherwise.

export interface Fact<T> {
  /** Unique per fact and argument, e.g. "stat:/etc/ssh/sshd_config". */
  key: string;
  /** POSIX sh snippet; runs with `become` when the task uses it. Must not change anything. */
  script: string;
  parse(stdout: string): T;
  /**
   * The host paths the value describes (a stat's path, a glob's directory). A change keeps
   * the value unless it touches one of them, an entry directly inside one (a directory's
   * listing, mtime and size change), or, when recursive, a directory above one (see
   * scope.ts). Absent: any change on the host may alter it.
   */
  paths?: readonly string[];
  /**
   * The value does not depend on what a directory at `paths` contains (its listing, size,
   * mtime, link count): creating or removing an entry inside it does not drop the value.
   */
  listingIndependent?: boolean;
  /**
   * Set on stat facts: the reader answers all stats of a command together (stat-batch.ts)
   * instead of running `script` for each; both print the same lines for `parse`.
   */
  stat?: StatRequest;
}

export interface StatRequest {
  path: string;
  follow: boolean;
  checksum: 'sha1' | 'sha256' | false;
}

export type FactValues<T extends readonly Fact<unknown>[]> = { [K in keyof T]: T[K] extends Fact<infer V> ? V : never };

/** A path a plan's steps create, replace, remove or modify (see Plan.touches). */
export interface Touch {
  path: string;
  /**
   * Things below the path may have changed too: a removed or replaced tree, a symlink put
   * in place, new permissions on a directory. False only for a path that did not exist or
   * is and stays a plain file.
   */
  recursive: boolean;
}

export interface FactReader {
  read<const T extends readonly Fact<unknown>[]>(facts: T): Promise<FactValues<T>>;
  /** Drops cached values after a change on the host: those `touches` can reach, or all. */
  invalidate(touches?: readonly Touch[]): void;
}

/** The per-host cache behind a FactReader, with what the runner's look-ahead needs. */
export interface FactCache extends FactReader {
  /**
   * Reads `facts` and, in the same remote command, the uncached ones of `extra` (facts later
   * tasks will ask for). Resolves with the values of `facts` only: an extra that fails to
   * read is simply not cached.
   */
  read<const T extends readonly Fact<unknown>[]>(facts: T, extra?: readonly Fact<unknown>[]): Promise<FactValues<T>>;
  /** True when the value is cached or being read: reading it costs no round trip. */
  has(key: string): boolean;
  /** The cached value, when it has arrived. */
  peek(key: string): { value: unknown } | undefined;
  /** How many times everything was dropped (a look-ahead done before that is void). */
  readonly fullDrops: number;
}
