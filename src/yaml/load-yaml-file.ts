import { readFile } from 'node:fs/promises';
import { ParseError, type SourcePos } from '../errors.js';
import { Secret } from '../secret.js';
import { decryptVaultText, isVaultText } from '../vault/index.js';
import { parseYaml } from './parse-yaml.js';

export interface LoadYamlOptions {
  /** Where the file was referenced from, for a missing-file error. */
  from?: SourcePos | string | undefined;
  /** What the file is, for messages ("vars file", "tasks file"). */
  what?: string;
  /** Wrap every leaf string of a whole-file vault in a Secret (vars files). */
  secretLeaves?: boolean;
}

/** Reads and parses a YAML file; a whole-file vault is decrypted first (Ansible does the same). */
export async function loadYamlFile(path: string, options: LoadYamlOptions = {}): Promise<unknown> {
  const text = await readText(path, options);
  if (!isVaultText(text)) return parseYaml(text, path);
  const plain = decryptVaultText(text, path).toString('utf8');
  const value = parseYaml(plain, path);
  return options.secretLeaves ? markSecrets(value, path) : value;
}

async function readText(path: string, options: LoadYamlOptions): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const what = options.what ?? 'file';
    const code = (error as NodeJS.ErrnoException).code;
    throw new ParseError('file-not-found', `${what} not found: ${path}${code && code !== 'ENOENT' ? ` (${code})` : ''}`, {
      where: options.from ?? path,
      hint: 'paths are relative to the file that names them (or the role directory)',
      cause: error,
    });
  }
}

/** Replaces leaf strings in place (containers are kept so their positions stay known). */
function markSecrets(value: unknown, origin: string): unknown {
  if (typeof value === 'string') return Secret.of(value, origin);
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      value[index] = markSecrets(item, origin);
    });
  } else if (typeof value === 'object' && value !== null && !(value instanceof Secret)) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = markSecrets(record[key], origin);
  }
  return value;
}
