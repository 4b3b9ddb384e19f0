import { structuredPatch } from 'diff';
import type { DiffEntry } from '../modules/types.js';

// Ansible's diff display: Python difflib.unified_diff with "before: PATH" / "after: PATH"
// headers, 3 lines of context, and a missing final newline marked inside the last line. The
// `diff` library finds the hunks; the text is laid out the way difflib prints it.

const NO_EOL = '\n\\ No newline at end of file';
/** Stands in for NO_EOL while diffing, so the marker stays part of its line as in difflib. */
const SENTINEL = '\uE000';

export function unifiedDiff(entries: DiffEntry[]): string {
  return entries.map(oneDiff).join('');
}

function oneDiff(entry: DiffEntry): string {
  const before = prepare(entry.before ?? '');
  const after = prepare(entry.after ?? '');
  const patch = structuredPatch('', '', before, after, undefined, undefined, { context: 3 });
  if (patch.hunks.length === 0) return '';
  const lines = [
    `--- ${entry.before_header === undefined ? 'before' : `before: ${entry.before_header}`}`,
    `+++ ${entry.after_header === undefined ? 'after' : `after: ${entry.after_header}`}`,
  ];
  for (const hunk of patch.hunks) {
    lines.push(`@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`, ...hunk.lines);
  }
  return `${lines.join('\n').split(SENTINEL).join(NO_EOL)}\n\n`;
}

function prepare(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}${SENTINEL}\n`;
}

function range(start: number, length: number): string {
  if (length === 1) return String(start);
  return length === 0 ? `${start - 1},0` : `${start},${length}`;
}
