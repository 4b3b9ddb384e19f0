import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { ClawError } from '../../../src/errors.js';
import { loadCatalog } from '../../../src/modules/catalog.js';
import { findModule, registerDescriptors } from '../../../src/modules/registry.js';

/** Writes files (path → content) under a fresh temp dir and returns its path. */
export function writeTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'claw-loader-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/**
 * The loader checks module names against the catalog, which other work is filling. Where a
 * module the tests use has not landed yet, a stand-in with the same name and arguments is added.
 */
export function ensureTestModules(): void {
  loadCatalog();
  const stub = (short: string, properties: string[], freeForm?: string) => ({
    name: `ansible.builtin.${short}`,
    aliases: [short],
    schema: { type: 'object', additionalProperties: false, properties: Object.fromEntries(properties.map((p) => [p, {}])) },
    freeForm,
    description: 'test stand-in',
    kind: 'module' as const,
  });
  if (!findModule('command')) registerDescriptors([stub('command', ['cmd', 'argv', 'creates', 'removes', 'chdir', 'stdin'], '_raw_params')]);
  if (!findModule('file')) registerDescriptors([stub('file', ['path', 'state', 'mode', 'owner', 'group', 'src', 'recurse', 'force'])]);
  if (!findModule('copy')) registerDescriptors([stub('copy', ['src', 'dest', 'content', 'mode', 'owner', 'group', 'backup', 'force', 'validate'])]);
}

/** Runs `fn`, expecting a ClawError; returns it for assertions. */
export async function expectClawError(fn: () => Promise<unknown> | unknown): Promise<ClawError> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof ClawError) return error;
    throw error;
  }
  expect.fail('expected a ClawError');
}
