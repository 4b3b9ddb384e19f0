import { mkdtemp, open, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { validateComposeProjects } from './compose-files.js';
import { FILE_VALIDATORS } from './file-validators.js';
import type { ValidationResult } from './types.js';

// Runs every validator that applies to every file under a rendered tree.

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
}

async function firstLine(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(128), 0, 128, 0);
    return buffer.subarray(0, bytesRead).toString('utf8').split('\n')[0] ?? '';
  } finally {
    await handle.close();
  }
}

export async function validateTree(dir: string): Promise<ValidationResult[]> {
  const files = await listFiles(dir);
  const scratch = await mkdtemp(join(tmpdir(), 'claw-validate-'));
  try {
    const jobs = await Promise.all(
      files.map(async (file) => {
        const path = relative(dir, file);
        const head = await firstLine(file);
        return FILE_VALIDATORS.filter((v) => v.matches(path, head)).map(async (v) => ({ file: path, validator: v.name, ...(await v.run(file, await mkdtemp(join(scratch, 'v-')))) }));
      }),
    );
    const results = await Promise.all(jobs.flat());
    const compose = (await validateComposeProjects(files)).map((r) => ({ ...r, file: r.file.split(' + ').map((f) => relative(dir, f)).join(' + ') }));
    return [...results, ...compose];
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
