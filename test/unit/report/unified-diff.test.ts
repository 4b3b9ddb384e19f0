import { execaSync } from 'execa';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../../src/report/unified-diff.js';

// Differential against Python's difflib, which ansible's callback uses (python3 is on every
// machine with ansible; skipped elsewhere).

const hasPython = execaSync('python3', ['--version'], { reject: false }).exitCode === 0;

const PY = `
import difflib, json, sys
d = json.load(sys.stdin)
def lines(t):
    l = t.splitlines(True)
    if l and not l[-1].endswith('\\n'):
        l[-1] += '\\n\\\\ No newline at end of file\\n'
    return l
out = list(difflib.unified_diff(lines(d['before']), lines(d['after']), fromfile='before: f', tofile='after: f', fromfiledate='', tofiledate='', n=3))
sys.stdout.write(''.join(out) + ('\\n' if out else ''))
`;

const cases: Array<[string, string, string]> = [
  ['one line', 'old\n', 'new\n'],
  ['from empty', '', 'a\nb\n'],
  ['to empty', 'a\n', ''],
  ['no final newline', 'a\nb', 'a\nc'],
  ['newline added', 'a\nb', 'a\nb\n'],
  ['two hunks', Array.from({ length: 20 }, (_, i) => `l${i}\n`).join(''), Array.from({ length: 20 }, (_, i) => (i === 2 || i === 17 ? `x${i}\n` : `l${i}\n`)).join('')],
  ['identical', 'same\n', 'same\n'],
];

describe.skipIf(!hasPython)('unified diff matches difflib as ansible prints it', () => {
  it.each(cases)('%s', (_name, before, after) => {
    const expected = execaSync('python3', ['-c', PY], { input: JSON.stringify({ before, after }), stripFinalNewline: false }).stdout;
    expect(unifiedDiff([{ before, after, before_header: 'f', after_header: 'f' }])).toBe(expected);
  });
});

describe('unified diff', () => {
  it('uses plain before/after headers when none are given', () => {
    expect(unifiedDiff([{ before: 'a\n', after: 'b\n' }])).toBe('--- before\n+++ after\n@@ -1 +1 @@\n-a\n+b\n\n');
  });
});
