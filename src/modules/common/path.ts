import { posix } from 'node:path';

/** Python's os.path.join: an absolute second part replaces the first. */
export function pathJoin(base: string, path: string): string {
  return path.startsWith('/') ? path : posix.join(base, path);
}
