import { posix } from 'node:path';

// Which cached facts a change can reach. A path is compared in all its forms: as written,
// its object (every symlink resolved, `readlink -m`) and its directory entry (the parent
// resolved, the name kept), so a change made through one name reaches facts read through
// another. A change at T alters T itself, T's parent directory (its entries, mtime, size)
// and, when recursive, everything below T; ancestors above the parent do not change.

/** A touched path's forms (and their parents) and whether things below it changed too. */
export interface TouchForms {
  forms: readonly string[];
  parents: readonly string[];
  recursive: boolean;
}

export function touchForms(forms: readonly string[], recursive: boolean): TouchForms {
  return { forms, parents: forms.map((form) => posix.dirname(form)), recursive };
}

export function normalizePath(path: string): string {
  // Most paths are clean already; posix.normalize is comparatively slow.
  if (path.length > 1 && !/\/\/|\/\.\.?(\/|$)|^\.\.?(\/|$)|\/$/.test(path)) return path;
  const normal = posix.normalize(path);
  return normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal;
}

/** The forms of `path` from the host's answers for it and its directory (readlink -m). */
export function pathForms(path: string, canonicalPath: string, canonicalDir: string): string[] {
  const entry = normalizePath(posix.join(canonicalDir, posix.basename(normalizePath(path))));
  return [...new Set([normalizePath(path), normalizePath(canonicalPath), entry])];
}

/** The paths whose `readlink -m` gives a path's forms: the path and its directory. */
export function formSources(path: string): [string, string] {
  return [path, posix.dirname(normalizePath(path))];
}

/** Where the owner and group names every stat prints come from: a change there reaches all. */
const NAME_SOURCES = new Set(['/etc/passwd', '/etc/group', '/etc/nsswitch.conf']);

export function reachesEverything(touches: readonly TouchForms[]): boolean {
  return touches.some((touch) => touch.forms.some((form) => NAME_SOURCES.has(form)));
}

/**
 * True when a change described by `touches` may alter a value that depends on `factForms`;
 * `listing`: the value also depends on a directory's entries (a change inside reaches it).
 */
export function reaches(factForms: readonly string[], touches: readonly TouchForms[], listing = true): boolean {
  for (const touch of touches) {
    for (const [index, touched] of touch.forms.entries()) {
      const parent = touch.parents[index];
      for (const form of factForms) {
        if (form === touched || (listing && form === parent) || (touch.recursive && isBelow(form, touched))) return true;
      }
    }
  }
  return false;
}

function isBelow(path: string, dir: string): boolean {
  return path.startsWith(dir === '/' ? '/' : `${dir}/`) && path !== dir;
}
