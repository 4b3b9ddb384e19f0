// Tag selection with Ansible's semantics (Taggable.evaluate_tags): `always` runs unless
// skipped explicitly, `never` runs only when asked for by name, `all` is the default
// selection, `tagged`/`untagged` select by whether a node has tags at all.

export interface TagSelection {
  tags: string[];
  skipTags: string[];
}

export function shouldRun(nodeTags: readonly string[], sel: TagSelection): boolean {
  const tags = new Set(nodeTags.length > 0 ? nodeTags : ['untagged']);
  const untagged = nodeTags.length === 0;
  const only = sel.tags.length > 0 ? sel.tags : ['all'];
  const hits = (list: readonly string[]): boolean => list.some((t) => tags.has(t));
  let run: boolean;
  if (tags.has('always')) run = true;
  else if (only.includes('all') && !tags.has('never')) run = true;
  else if (hits(only)) run = true;
  else run = only.includes('tagged') && !untagged && !tags.has('never');
  if (!run || sel.skipTags.length === 0) return run;
  const skip = sel.skipTags;
  if (skip.includes('all')) return tags.has('always') && !skip.includes('always');
  if (hits(skip)) return false;
  return !(skip.includes('tagged') && !untagged);
}
