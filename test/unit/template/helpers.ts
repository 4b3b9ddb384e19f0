import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTemplater } from '../../../src/template/index.js';
import type { Vars } from '../../../src/playbook/model.js';

const dir = mkdtempSync(join(tmpdir(), 'claw-template-unit-'));
let count = 0;

/** Renders `src` as a template file (the template module's path). */
export function render(src: string, vars: Vars = {}, searchPaths: string[] = []): string {
  const path = join(dir, `t${count++}.j2`);
  writeFileSync(path, src);
  return createTemplater({ searchPaths }).renderFile(path, vars);
}

/** Writes a file into the scratch dir and returns its path. */
export function scratchFile(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

export const scratchDir = dir;

/** Templates a value string with Ansible's var semantics (native single expressions). */
export function value(src: string, vars: Vars = {}): unknown {
  return createTemplater().template(src, vars);
}
