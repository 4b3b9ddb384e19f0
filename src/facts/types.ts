// A fact is one small read-only probe: a shell snippet that prints, and a parser.
// The cache runs every uncached fact a task needs in ONE remote command (snippets joined
// with markers), keeps the parsed values per host for the run, and drops them when a task
// on that host changes something.

export interface Fact<T> {
  /** Unique per fact and argument, e.g. "stat:/etc/ssh/sshd_config". */
  key: string;
  /** POSIX sh snippet; runs with `become` when the task uses it. Must not change anything. */
  script: string;
  parse(stdout: string): T;
}

export type FactValues<T extends readonly Fact<unknown>[]> = { [K in keyof T]: T[K] extends Fact<infer V> ? V : never };

export interface FactReader {
  read<const T extends readonly Fact<unknown>[]>(facts: T): Promise<FactValues<T>>;
  /** Drops cached values after a change on the host. */
  invalidate(): void;
}
